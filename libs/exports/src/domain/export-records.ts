import type { AccountClass } from './journal-account-names';

/**
 * What an export is made of, as the reader hands it over: database text, never JavaScript
 * numbers. Amounts are signed (debit positive, credit negative), as the ledger stores them.
 */

/** A leaf account the export uses (its postings up to `to`). */
export interface ExportAccount {
  readonly code: string;
  readonly name: string;
  readonly class: AccountClass;
  readonly currency: string;
  /** The journal name (hledger, Beancount): see journal-account-names.ts. */
  readonly journalName: string;
}

/** A leaf's balance as of a date: brought forward before `from`, or closing at `to`. */
export interface BalanceLine {
  readonly account: ExportAccount;
  readonly amount: string;
  readonly functionalAmount: string;
}

/** Consecutive chain blocks holding entries of the export: `first`..`last`. */
export interface BlockRun {
  readonly first: string;
  readonly last: string;
  /** The hash the first block chains from (block first-1's, or 64 zeros for block 1). */
  readonly previousHash: string;
  readonly firstHash: string;
  /** Commits to every block up to `last`. */
  readonly lastHash: string;
}

/** Where an entry sits in the tamper-evident journal; all null while it is unsealed. */
export interface EntrySeal {
  readonly entrySequence: string;
  readonly entryHash: string;
  readonly block: string;
  readonly blockHash: string;
}

/**
 * One posting as the export reads it, in the file's order: by value date, then chain order, then
 * line, so an entry's postings come together. Its entry is shared by them (the reader hands the
 * same object to every posting of an entry, and a formatter starts a new entry when the id
 * changes, whatever the batches).
 */
export interface ExportPosting {
  readonly entry: ExportEntry;
  readonly lineNo: number;
  readonly account: ExportAccount;
  readonly amount: string;
  readonly functionalAmount: string;
  readonly fxRate: string | null;
  readonly counterpartyClass: string | null;
  readonly agreementId: string | null;
  readonly program: string | null;
  readonly sector: string | null;
  readonly commodity: string | null;
  readonly region: string | null;
  readonly memo: string | null;
}

export interface ExportEntry {
  readonly id: string;
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

/** The chain's latest block when the export was read. */
export interface ExportChainHead {
  readonly sequence: string;
  readonly hash: string;
}

/** Facts written at the top of an export (as comments, a record, or nothing: per format). */
export interface ExportHeader {
  readonly cooperative: {
    readonly code: string;
    readonly name: string;
    readonly functionalCurrency: string;
  };
  /** First and last value date of the range. */
  readonly from: string;
  readonly to: string;
  /** The day before `from`: the date of the balances brought forward. */
  readonly openingDate: string;
  /** When the snapshot was read (ISO 8601, UTC). */
  readonly generatedAt: string;
  readonly chainHead: ExportChainHead | null;
  readonly entries: number;
  readonly postings: number;
  /** Entries in the range that no block holds yet (sealing runs every few seconds). */
  readonly unsealedEntries: number;
  /** Every currency the cooperative's leaves are kept in, sorted. */
  readonly currencies: readonly string[];
}

export interface ExportTotals {
  readonly entries: number;
  readonly postings: number;
}
