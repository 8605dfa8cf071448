import { isUuid } from '@lumbung/core';
import { canonicalTimestamp, entryColumns, postingColumns } from '@lumbung/ledger/standalone';
import type { BlockRecordHeader, ColumnText, PostingAccount } from '../domain/whole-blocks-records';
import type { AccountClass } from '../domain/journal-account-names';
import type { CopyBatch } from './copy-rows';
import { type ExportSession, sqlLiteral } from './export-session';

/** The journal_block columns every row starts with, as text, in BlockRecordHeader's order. */
const blockSelect = `b.sequence::text, b.previous_hash::text, b.previous_horizon::text,
  b.horizon::text, b.first_entry_sequence::text, b.entry_count::text,
  b.canonical_version::text, b.sealed_at::text, b.hash::text`;
const blockWidth = 9;

/** The canonical form's own column lists: the SQL cannot drift from what the seal hashes. */
const entryNames = Object.keys(entryColumns);
const postingNames = Object.keys(postingColumns);
const entrySelect = entryNames.map((c) => `e.${c}::text`).join(', ');
const postingSelect = postingNames.map((c) => `p.${c}::text`).join(', ');
/** Where the ids sit in those lists: NULL there means the LEFT JOIN found no row. */
const entryIdAt = entryNames.indexOf('id');
const postingEntryIdAt = postingNames.indexOf('entry_id');

/** One row of the blocks carried whole: a posting, or an entry without any, or an empty block. */
export interface WholeBlockRow {
  /** The same object for every row of one block. */
  readonly block: BlockRecordHeader;
  readonly seal: { readonly entrySequence: string; readonly entryHash: string } | null;
  /** The same object for every row of one entry; null when the sealed entry is gone. */
  readonly entry: ColumnText | null;
  readonly posting: ColumnText | null;
  readonly account: PostingAccount | null;
}

/**
 * The SQL of a whole-blocks export, in the export's REPEATABLE READ, read-only transaction: which
 * blocks hold entries of the range, and those blocks' entries and postings with every column the
 * canonical form hashes (COPY, a batch at a time, in sealing order), then the blocks after them.
 * The session prints dates as ISO and timestamps in UTC first (useCanonicalTextFormats).
 */
export class WholeBlocksReader {
  private block: BlockRecordHeader | null = null;
  private entry: ColumnText | null = null;
  private entrySequence: string | null = null;

  constructor(
    private readonly session: ExportSession,
    private readonly cooperativeId: string,
    private readonly batchSize: number,
  ) {
    if (!isUuid(cooperativeId)) throw new Error(`export: cooperative id ${cooperativeId}`);
  }

  async useCanonicalTextFormats(): Promise<void> {
    await this.session.query(`SELECT set_config('DateStyle', 'ISO, YMD', true)`);
    await this.session.query(`SELECT set_config('TimeZone', 'UTC', true)`);
  }

  /** The first and last block holding an entry valued in the range (null: none sealed yet). */
  async span(from: string, to: string): Promise<{ first: string; last: string } | null> {
    const [row] = await this.session.query<{ first: string | null; last: string | null }>(
      `SELECT min(s.block_sequence)::text AS first, max(s.block_sequence)::text AS last
         FROM journal_entry e
         JOIN journal_block_entry s ON s.cooperative_id = e.cooperative_id AND s.entry_id = e.id
        WHERE e.cooperative_id = $1 AND e.value_date BETWEEN $2 AND $3`,
      [this.cooperativeId, from, to],
    );
    return row.first !== null && row.last !== null ? { first: row.first, last: row.last } : null;
  }

  /** Entries and postings of blocks first..last: what the file carries whole. */
  async counts(first: string, last: string): Promise<{ entries: number; postings: number }> {
    const [row] = await this.session.query<{ entries: string; postings: string }>(
      `SELECT (SELECT count(*) FROM journal_block_entry
                WHERE cooperative_id = $1 AND block_sequence BETWEEN $2 AND $3)::text AS entries,
              (SELECT count(*) FROM journal_block_entry s
                 JOIN posting p ON p.cooperative_id = s.cooperative_id AND p.entry_id = s.entry_id
                WHERE s.cooperative_id = $1
                  AND s.block_sequence BETWEEN $2 AND $3)::text AS postings`,
      [this.cooperativeId, first, last],
    );
    return { entries: Number(row.entries), postings: Number(row.postings) };
  }

  /** Every posting of blocks first..last, by block, entry sequence and line. */
  async *wholeBlocks(first: string, last: string): AsyncGenerator<WholeBlockRow[]> {
    const sql = `
      SELECT ${blockSelect}, s.entry_sequence::text, s.entry_hash::text, ${entrySelect},
             ${postingSelect}, a.code::text, a.name::text, a.class::text
        FROM journal_block b
        LEFT JOIN journal_block_entry s
          ON s.cooperative_id = b.cooperative_id AND s.block_sequence = b.sequence
        LEFT JOIN journal_entry e ON e.cooperative_id = s.cooperative_id AND e.id = s.entry_id
        LEFT JOIN posting p ON p.cooperative_id = e.cooperative_id AND p.entry_id = e.id
        LEFT JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
       WHERE b.cooperative_id = ${this.coop()} AND b.sequence BETWEEN ${whole(first)} AND ${whole(last)}
       ORDER BY b.sequence, s.entry_sequence, p.line_no`;
    for await (const batch of this.session.copy(sql, this.batchSize)) {
      const rows: WholeBlockRow[] = [];
      for (let r = 0; r < batch.rows; r++) rows.push(this.wholeRow(batch, r));
      yield rows;
    }
  }

  /** Blocks after `after` (the last carried whole), each with its entry hashes in sealing order. */
  async *blocksAfter(
    after: string,
  ): AsyncGenerator<Array<{ block: BlockRecordHeader; entryHash: string | null }>> {
    const sql = `
      SELECT ${blockSelect}, s.entry_hash::text
        FROM journal_block b
        LEFT JOIN journal_block_entry s
          ON s.cooperative_id = b.cooperative_id AND s.block_sequence = b.sequence
       WHERE b.cooperative_id = ${this.coop()} AND b.sequence > ${whole(after)}
       ORDER BY b.sequence, s.entry_sequence`;
    for await (const batch of this.session.copy(sql, this.batchSize)) {
      const rows: Array<{ block: BlockRecordHeader; entryHash: string | null }> = [];
      for (let r = 0; r < batch.rows; r++) {
        rows.push({ block: this.blockOf(batch, r), entryHash: batch.text(r, blockWidth) });
      }
      yield rows;
    }
  }

  private coop(): string {
    return `${sqlLiteral(this.cooperativeId)}::uuid`;
  }

  private wholeRow(batch: CopyBatch, r: number): WholeBlockRow {
    const block = this.blockOf(batch, r);
    const entrySequence = batch.text(r, blockWidth);
    const at = blockWidth + 2;
    if (entrySequence === null)
      return { block, seal: null, entry: null, posting: null, account: null };
    const seal = { entrySequence, entryHash: batch.text(r, blockWidth + 1)! };
    if (this.entrySequence !== entrySequence) {
      this.entrySequence = entrySequence;
      this.entry =
        batch.text(r, at + entryIdAt) === null ? null : columnsOf(batch, r, at, entryNames);
    }
    const postingAt = at + entryNames.length;
    if (this.entry === null || batch.text(r, postingAt + postingEntryIdAt) === null) {
      return { block, seal, entry: this.entry, posting: null, account: null };
    }
    const accountAt = postingAt + postingNames.length;
    return {
      block,
      seal,
      entry: this.entry,
      posting: columnsOf(batch, r, postingAt, postingNames),
      account: {
        code: batch.text(r, accountAt) ?? '',
        name: batch.text(r, accountAt + 1) ?? '',
        class: (batch.text(r, accountAt + 2) ?? '') as AccountClass,
      },
    };
  }

  /** The row's block: the previous row's when it is the same one (then nothing more is decoded). */
  private blockOf(batch: CopyBatch, r: number): BlockRecordHeader {
    const sequence = batch.text(r, 0)!;
    if (this.block?.sequence === sequence) return this.block;
    this.block = {
      sequence,
      previousHash: batch.text(r, 1)!,
      previousHorizon: batch.text(r, 2)!,
      horizon: batch.text(r, 3)!,
      firstEntrySequence: batch.text(r, 4)!,
      entryCount: Number(batch.text(r, 5)),
      canonicalVersion: Number(batch.text(r, 6)),
      sealedAt: canonicalTimestamp(batch.text(r, 7)!),
      hash: batch.text(r, 8)!,
    };
    return this.block;
  }
}

function columnsOf(batch: CopyBatch, r: number, at: number, names: readonly string[]): ColumnText {
  const columns: Record<string, string | null> = {};
  for (let i = 0; i < names.length; i++) columns[names[i]] = batch.text(r, at + i);
  return columns;
}

/** A block sequence written into COPY's SQL, checked first. */
function whole(value: string): string {
  if (!/^\d{1,19}$/.test(value)) throw new Error(`export: block sequence ${value}`);
  return value;
}
