import type { BlockRun, ExportHeader } from './export-records';
import { oneLine } from './ledger-formatter';

/**
 * The comment block at the top of the hledger and Beancount journals (both take `;` comments):
 * what was exported, from which snapshot, and the chain head the auditor can compare with one
 * they kept.
 */
export function headerComments(header: ExportHeader, tool: string): string {
  const { cooperative } = header;
  const head = header.chainHead
    ? `${header.chainHead.sequence}:${header.chainHead.hash}`
    : 'none (nothing sealed yet)';
  return [
    `; Lumbung general ledger export, ${tool} journal`,
    `; cooperative: ${cooperative.code} (${oneLine(cooperative.name)}), functional currency ${cooperative.functionalCurrency}`,
    `; value dates ${header.from} to ${header.to}; balances brought forward dated ${header.openingDate}`,
    `; read from one snapshot at ${header.generatedAt}`,
    `; chain head when read: ${head}`,
    `; entries: ${header.entries}, postings: ${header.postings}, entries not sealed yet: ${header.unsealedEntries}`,
    '; chain blocks holding these entries (runs of consecutive blocks; each entry names its own):',
    '',
  ].join('\n');
}

/** One run of blocks as a comment line: `;   blocks 3..7 after <hash> to <hash>`. */
export function blockRunComment(run: BlockRun): string {
  const blocks = run.first === run.last ? `block ${run.first}` : `blocks ${run.first}..${run.last}`;
  return `;   ${blocks}: previous hash ${run.previousHash}, first ${run.firstHash}, last ${run.lastHash}\n`;
}
