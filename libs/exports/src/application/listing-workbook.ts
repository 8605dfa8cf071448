import type { Listing } from '@lumbung/core';
import { listingWorksheets } from '../domain/xlsx-listing';
import { XlsxPackage } from '../infrastructure/xlsx-package';

/**
 * A listing as an XLSX file in memory: listings are read whole from one snapshot anyway (a
 * cooperative's accounts or loans, a period's flags or audit events), so the file is sent with
 * its length. Rows are compressed batch by batch, so the XML is never held whole.
 */
export async function listingWorkbook(listing: Listing): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const xlsx = new XlsxPackage(async (bytes) => {
    chunks.push(bytes);
  });
  const batches = listingWorksheets(listing, xlsx);
  while (!batches.next().done) await xlsx.drain();
  await xlsx.finish();
  return Buffer.concat(chunks);
}
