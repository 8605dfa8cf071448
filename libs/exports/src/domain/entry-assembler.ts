import type { EntrySeal, ExportAccount, ExportEntry, ExportPosting } from './export-records';

/** One posting as the reader fetches it: its entry's columns repeated on every posting. */
export interface PostingRow extends Omit<ExportPosting, 'account'> {
  readonly account: ExportAccount;
  readonly entryId: string;
  readonly seal: EntrySeal | null;
  readonly postingDate: string;
  readonly valueDate: string;
  readonly description: string;
  readonly sourceType: string;
  readonly sourceId: string | null;
  readonly voucherSeries: string | null;
  readonly voucherNumber: string | null;
  readonly reversesEntryId: string | null;
}

/**
 * Gathers postings, which arrive ordered by entry and line in batches of a fixed size, into
 * whole entries: a batch may end inside an entry, whose postings wait for the next batch. Holds
 * at most one entry.
 */
export class EntryAssembler {
  private current: { entry: Omit<ExportEntry, 'postings'>; postings: ExportPosting[] } | null =
    null;

  /** The entries completed by these rows (the last one stays open until `finish`). */
  push(rows: readonly PostingRow[]): ExportEntry[] {
    const done: ExportEntry[] = [];
    for (const row of rows) {
      if (this.current?.entry.id !== row.entryId) {
        if (this.current) done.push(this.close(this.current));
        this.current = { entry: entryOf(row), postings: [] };
      }
      this.current.postings.push(postingOf(row));
    }
    return done;
  }

  finish(): ExportEntry[] {
    const last = this.current;
    this.current = null;
    return last ? [this.close(last)] : [];
  }

  private close(open: { entry: Omit<ExportEntry, 'postings'>; postings: ExportPosting[] }) {
    return { ...open.entry, postings: open.postings };
  }
}

function entryOf(row: PostingRow): Omit<ExportEntry, 'postings'> {
  return {
    id: row.entryId,
    seal: row.seal,
    postingDate: row.postingDate,
    valueDate: row.valueDate,
    description: row.description,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    voucherSeries: row.voucherSeries,
    voucherNumber: row.voucherNumber,
    reversesEntryId: row.reversesEntryId,
  };
}

function postingOf(row: PostingRow): ExportPosting {
  return {
    lineNo: row.lineNo,
    account: row.account,
    amount: row.amount,
    functionalAmount: row.functionalAmount,
    fxRate: row.fxRate,
    counterpartyClass: row.counterpartyClass,
    agreementId: row.agreementId,
    program: row.program,
    sector: row.sector,
    commodity: row.commodity,
    region: row.region,
    memo: row.memo,
  };
}
