import type { ChainHead } from '@lumbung/ledger/standalone';
import { sha256Hex } from '@lumbung/ledger/standalone';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ExportChainVerifier, type ExportVerification } from '../application/export-verification';

/**
 * Checks a whole-blocks export file against a kept chain head, offline: the file streamed a line
 * at a time (constant memory however large), no database. Throws NotWholeBlocksExportError for a
 * file that is not one, and the file system's error for one that cannot be read.
 */
export async function verifyExportFile(path: string, kept: ChainHead): Promise<ExportVerification> {
  const verifier = new ExportChainVerifier(kept, sha256Hex);
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) verifier.add(line);
  } finally {
    lines.close();
    input.destroy();
  }
  return verifier.finish();
}
