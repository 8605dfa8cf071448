import type { PrintedDocument } from '@lumbung/savings';
import { StreamableFile } from '@nestjs/common';

/** A rendered statement or passbook page sent as it is, with its type and file name. */
export function statementFile(document: PrintedDocument): StreamableFile {
  return new StreamableFile(document.body, {
    type: document.contentType,
    disposition: `${document.disposition}; filename="${document.fileName}"`,
    length: document.body.length,
  });
}
