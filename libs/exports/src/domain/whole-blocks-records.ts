import type { ExportAccount, ExportHeader } from './export-records';
import { type JsonlPosting, jsonlPostingRecord } from './jsonl-ledger';

/**
 * The records a whole-blocks JSON Lines export adds to the format (README, "Whole-blocks
 * exports"): the chain blocks from the first to the last that holds an entry of the range, each
 * with every entry and posting in it and every column the journal's canonical form hashes, then
 * the blocks after them up to the head by header and entry hashes only. The columns are database
 * text (`::text`), null for SQL NULL, exactly what the seal hashed; the readable fields of each
 * posting record are derived from them by the same function the export and the offline verifier
 * both call, so a reader of the file reads only what the hash covers.
 */

/** A row's columns as the database prints them; which columns is the canonical form's business. */
export type ColumnText = Readonly<Record<string, string | null>>;

/** A block as journal_block holds it; sequences and horizons are decimal strings. */
export interface BlockRecordHeader {
  readonly sequence: string;
  readonly previousHash: string;
  readonly previousHorizon: string;
  readonly horizon: string;
  readonly firstEntrySequence: string;
  readonly entryCount: number;
  readonly canonicalVersion: number;
  /** Canonical timestamp (UTC, microseconds), as hashed. */
  readonly sealedAt: string;
  readonly hash: string;
}

/** What the `export` record of a whole-blocks file says about its blocks. */
export interface WholeBlocksSpan {
  readonly cooperativeId: string;
  /** The blocks carried whole; both null when no entry of the range is sealed yet. */
  readonly firstBlock: string | null;
  readonly lastBlock: string | null;
  /** The chain head when the export was read: the blocks after lastBlock up to it are carried. */
  readonly throughBlock: string | null;
}

export function wholeBlocksHeaderRecord(header: ExportHeader, span: WholeBlocksSpan): object {
  return {
    record: 'export',
    version: wholeBlocksFormatVersion,
    cooperative: header.cooperative,
    from: header.from,
    to: header.to,
    basis: 'value-date',
    generatedAt: header.generatedAt,
    chainHead: header.chainHead,
    entries: header.entries,
    postings: header.postings,
    unsealedEntries: header.unsealedEntries,
    wholeBlocks: span,
  };
}

/** The version of the whole-blocks records (`export`, `block`, `entry`, `posting`, `end`). */
export const wholeBlocksFormatVersion = 1;

/** A block carried whole: its entries follow. */
export function blockRecord(block: BlockRecordHeader): object {
  return { record: 'block', ...block };
}

/** A block after the range: its entries only by their hashes, in sealing order. */
export function carriedBlockRecord(
  block: BlockRecordHeader,
  entryHashes: readonly string[],
): object {
  return { record: 'block', ...block, entryHashes };
}

export function entryRecord(
  block: string,
  entrySequence: string,
  entryHash: string,
  columns: ColumnText,
): object {
  return { record: 'entry', block, entrySequence, entryHash, columns };
}

/** Where a posting's entry sits in the chain, as its posting record names it. */
export interface SealPlace {
  readonly block: string;
  readonly blockHash: string;
  readonly entrySequence: string;
  readonly entryHash: string;
}

/** The leaf a posting names (not hashed: the chart is not in the chain, its id is). */
export type PostingAccount = Pick<ExportAccount, 'code' | 'name' | 'class'>;

/**
 * A posting record of a whole-blocks file: the JSON Lines posting record built from the entry's
 * and the posting's columns (so it reads exactly what was hashed, the currency the posting's own),
 * whether its value date lies in the requested range, and the posting's columns themselves.
 */
export function wholeBlocksPostingRecord(
  entry: ColumnText,
  posting: ColumnText,
  seal: SealPlace,
  account: PostingAccount,
  header: { readonly functionalCurrency: string; readonly from: string; readonly to: string },
): object {
  const valueDate = posting.value_date ?? '';
  return {
    ...jsonlPostingRecord(
      postingOfColumns(entry, posting, seal, account),
      header.functionalCurrency,
    ),
    inRange: valueDate >= header.from && valueDate <= header.to,
    columns: posting,
  };
}

function postingOfColumns(
  entry: ColumnText,
  posting: ColumnText,
  seal: SealPlace,
  account: PostingAccount,
): JsonlPosting {
  const text = (value: string | null | undefined): string => value ?? '';
  const orNull = (value: string | null | undefined): string | null => value ?? null;
  return {
    entry: {
      id: text(entry.id),
      seal,
      postingDate: text(entry.posting_date),
      valueDate: text(posting.value_date),
      description: text(entry.description),
      sourceType: text(entry.source_type),
      sourceId: orNull(entry.source_id),
      voucherSeries: orNull(entry.voucher_series),
      voucherNumber: orNull(entry.voucher_number),
      reversesEntryId: orNull(entry.reverses_entry_id),
    },
    lineNo: Number(posting.line_no),
    account: { ...account, currency: text(posting.currency) },
    amount: text(posting.amount),
    functionalAmount: text(posting.functional_amount),
    fxRate: orNull(posting.fx_rate),
    counterpartyClass: orNull(posting.counterparty_class),
    agreementId: orNull(posting.agreement_id),
    program: orNull(posting.program),
    sector: orNull(posting.sector),
    commodity: orNull(posting.commodity),
    region: orNull(posting.region),
    memo: orNull(posting.memo),
  };
}

export function wholeBlocksEndRecord(totals: {
  readonly blocks: number;
  readonly entries: number;
  readonly postings: number;
}): object {
  return { record: 'end', ...totals };
}
