import { type Listing, listingCsv } from '@lumbung/core';
import { ledgerExportMedia, listingWorkbook } from '@lumbung/exports';
import { StreamableFile } from '@nestjs/common';

/** A listing as an attachment: `<name>.csv` or `<name>.xlsx`. */
export async function listingFile(
  listing: Listing,
  format: 'csv' | 'xlsx',
  name: string,
): Promise<StreamableFile> {
  const body =
    format === 'csv' ? Buffer.from(listingCsv(listing), 'utf8') : await listingWorkbook(listing);
  return new StreamableFile(body, {
    type: ledgerExportMedia[format].contentType,
    disposition: `attachment; filename="${name}.${format}"`,
    length: body.length,
  });
}
