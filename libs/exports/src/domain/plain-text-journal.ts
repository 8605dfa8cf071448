import { exportAmount } from './export-amounts';
import type {
  BalanceLine,
  BlockRun,
  ExportEntry,
  ExportHeader,
  ExportPosting,
  ExportTotals,
} from './export-records';
import { blockRunComment, headerComments } from './journal-header';
import type { LedgerFormatter } from './ledger-formatter';

/**
 * What the hledger and Beancount journals share: the `;` comment header and block runs, the
 * balances brought forward and the closing balances each under one heading, postings grouped under
 * their entry's transaction line (a batch may end inside an entry), and a closing comment. A
 * format writes its directives (`prelude`, once, before anything else that is not a comment) and
 * how each transaction, posting and balance line reads.
 */
export abstract class PlainTextJournal implements LedgerFormatter {
  protected header!: ExportHeader;
  private openingStarted = false;
  private closingStarted = false;
  /** The entry whose postings are being written. */
  private entryId: string | null = null;

  protected constructor(private readonly tool: string) {}

  begin(header: ExportHeader): string {
    this.header = header;
    return headerComments(header, this.tool);
  }

  blockRuns(runs: readonly BlockRun[]): string {
    return runs.map(blockRunComment).join('');
  }

  opening(lines: readonly BalanceLine[]): string {
    if (lines.length === 0) return '';
    let text = this.prelude();
    if (!this.openingStarted) {
      this.openingStarted = true;
      text += this.openingHeading();
    }
    for (const line of lines) text += this.openingLine(line);
    return text;
  }

  postings(postings: readonly ExportPosting[]): string {
    let text = this.prelude();
    for (const posting of postings) {
      if (posting.entry.id !== this.entryId) {
        this.entryId = posting.entry.id;
        text += this.entryHeading(posting.entry);
      }
      text += this.posting(posting);
    }
    return text;
  }

  closing(lines: readonly BalanceLine[]): string {
    if (lines.length === 0) return '';
    let text = this.prelude();
    if (!this.closingStarted) {
      this.closingStarted = true;
      text += this.closingHeading();
    }
    for (const line of lines) text += this.closingLine(line);
    return text;
  }

  end(totals: ExportTotals): string {
    return `${this.prelude()}\n; end of export: ${totals.entries} entries, ${totals.postings} postings\n`;
  }

  /** The functional-currency equivalent as `1500.00 IDR`, or null in the functional currency. */
  protected functional(currency: string, functionalAmount: string): string | null {
    const functional = this.header.cooperative.functionalCurrency;
    return currency === functional
      ? null
      : `${exportAmount(functionalAmount, functional)} ${functional}`;
  }

  /** The format's directives the first time it is called (also for an empty ledger), then ''. */
  protected abstract prelude(): string;
  protected abstract openingHeading(): string;
  protected abstract openingLine(line: BalanceLine): string;
  protected abstract entryHeading(entry: ExportEntry): string;
  protected abstract posting(posting: ExportPosting): string;
  protected abstract closingHeading(): string;
  protected abstract closingLine(line: BalanceLine): string;
}
