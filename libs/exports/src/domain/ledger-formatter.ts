import type {
  BalanceLine,
  BlockRun,
  ExportAccount,
  ExportHeader,
  ExportPosting,
  ExportTotals,
} from './export-records';

/**
 * One export format, as text in the order the file is written: `begin`, then the block runs,
 * the accounts, the balances brought forward, the postings and the closing balances, each called
 * once per batch the reader fetched (zero or more times), then `end`. A batch may end inside an
 * entry. A formatter keeps only what it needs to join batches (the entry it is in), so memory
 * stays constant.
 */
export interface LedgerFormatter {
  begin(header: ExportHeader): string;
  /** The three parts a format does not write are absent: then they are not read either. */
  blockRuns?(runs: readonly BlockRun[]): string;
  accounts?(accounts: readonly ExportAccount[]): string;
  opening(lines: readonly BalanceLine[]): string;
  postings(postings: readonly ExportPosting[]): string;
  closing?(lines: readonly BalanceLine[]): string;
  end(totals: ExportTotals): string;
}

/** Free text on one line: control characters (line breaks, tabs) become spaces. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** The description of the balances-brought-forward transaction or rows. */
export const openingDescription = 'Saldo awal (balances brought forward)';
/** The description of the closing balance assertions. */
export const closingDescription = 'Saldo akhir (closing balances, asserted)';
