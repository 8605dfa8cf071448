import { isBusinessDate, isUuid } from '@lumbung/core';
import type {
  BalanceLine,
  BlockRun,
  ExportAccount,
  ExportChainHead,
  ExportEntry,
  ExportPosting,
} from '../domain/export-records';
import type { AccountClass, JournalAccountNames } from '../domain/journal-account-names';
import type { CopyBatch } from './copy-rows';
import { type ExportSession, sqlLiteral } from './export-session';

/** The account columns every streamed row starts with, as text: code, name, class, parent, currency. */
const accountColumns = `a.code::text, a.name::text, a.class::text, a.parent_id::text, a.currency::text`;
const accountWidth = 5;

/** The values COPY needs written in, checked before they are. */
function literals(cooperativeId: string, ...dates: string[]): string[] {
  if (!isUuid(cooperativeId)) throw new Error(`export: cooperative id ${cooperativeId}`);
  for (const date of dates) if (!isBusinessDate(date)) throw new Error(`export: date ${date}`);
  return [`${sqlLiteral(cooperativeId)}::uuid`, ...dates.map((d) => `${sqlLiteral(d)}::date`)];
}

/**
 * The postings of a range, in the export's order: value date, then the chain's order (sealed
 * entries by their sequence, unsealed ones after them by id), then line. Every column is text
 * (binary COPY). The benchmark's baseline copies exactly this query.
 */
export function ledgerPostingsSql(cooperativeId: string, from: string, to: string): string {
  const [coop, first, last] = literals(cooperativeId, from, to);
  return `
    SELECT ${accountColumns},
           p.entry_id::text, s.entry_sequence::text, s.entry_hash::text, s.block_sequence::text,
           b.hash::text, e.posting_date::text, p.value_date::text, p.line_no::text,
           p.amount::text, p.functional_amount::text, p.fx_rate::text, p.counterparty_class::text,
           p.agreement_id::text, p.program::text, p.sector::text, p.commodity::text,
           p.region::text, p.memo::text, e.description::text, e.source_type::text,
           e.source_id::text, e.voucher_series::text, e.voucher_number::text,
           e.reverses_entry_id::text
      FROM posting p
      JOIN journal_entry e ON e.cooperative_id = p.cooperative_id AND e.id = p.entry_id
      JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
      LEFT JOIN journal_block_entry s
        ON s.cooperative_id = p.cooperative_id AND s.entry_id = p.entry_id
      LEFT JOIN journal_block b
        ON b.cooperative_id = s.cooperative_id AND b.sequence = s.block_sequence
     WHERE p.cooperative_id = ${coop} AND p.value_date BETWEEN ${first} AND ${last}
     ORDER BY p.value_date, s.entry_sequence NULLS LAST, p.entry_id, p.line_no`;
}

/**
 * The SQL of a ledger export: every read of one export runs in the session's REPEATABLE READ,
 * read-only transaction, so the header, the balances and the postings describe one snapshot.
 * Everything that may be large (accounts, balances, postings) comes through COPY, a batch at a
 * time. Leaves repeat on every posting: the last few thousand are kept with their journal names.
 */
export class LedgerExportReader {
  private readonly accountCache = new Map<string, ExportAccount>();
  /** The entry of the last posting read: its next postings share it. */
  private entry: ExportEntry | null = null;

  constructor(
    private readonly session: ExportSession,
    private readonly cooperativeId: string,
    private readonly batchSize: number,
    private readonly names: () => JournalAccountNames,
  ) {}

  async cooperative(): Promise<{
    code: string;
    name: string;
    functionalCurrency: string;
    generatedAt: string;
  } | null> {
    const [row] = await this.session.query<{
      code: string;
      name: string;
      functional_currency: string;
      generated_at: string;
    }>(
      `SELECT code, name, functional_currency::text AS functional_currency,
              to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS generated_at
         FROM cooperative WHERE id = $1`,
      [this.cooperativeId],
    );
    return row
      ? {
          code: row.code,
          name: row.name,
          functionalCurrency: row.functional_currency,
          generatedAt: row.generated_at,
        }
      : null;
  }

  /** The latest block, and the horizon below which every entry is sealed ('0' before any). */
  async chainHead(): Promise<{ head: ExportChainHead | null; horizon: string }> {
    const [row] = await this.session.query<{ sequence: string; hash: string; horizon: string }>(
      // Ordered by the column, b.sequence: a bare "sequence" would sort the text output.
      `SELECT b.sequence::text AS sequence, b.hash, b.horizon::text AS horizon
         FROM journal_block b
        WHERE b.cooperative_id = $1 ORDER BY b.sequence DESC LIMIT 1`,
      [this.cooperativeId],
    );
    return row
      ? { head: { sequence: row.sequence, hash: row.hash }, horizon: row.horizon }
      : { head: null, horizon: '0' };
  }

  /**
   * Entries and postings valued in the range (an entry and its postings share their value date:
   * the ledger's guards refuse anything else), each an index-only count, and the entries not
   * sealed yet: those at or above the last block's horizon, which the next sealing run takes.
   * (An entry below the horizon that no block holds was written with a forged txid: verify-chain
   * reports it, and its postings in the export name no block.)
   */
  async counts(
    from: string,
    to: string,
    horizon: string,
  ): Promise<{ entries: number; postings: number; unsealed: number }> {
    const [row] = await this.session.query<{ entries: string; postings: string; unsealed: string }>(
      `SELECT (SELECT count(*) FROM journal_entry
                WHERE cooperative_id = $1 AND value_date BETWEEN $2 AND $3)::text AS entries,
              (SELECT count(*) FROM posting
                WHERE cooperative_id = $1 AND value_date BETWEEN $2 AND $3)::text AS postings,
              (SELECT count(*) FROM journal_entry
                WHERE cooperative_id = $1 AND txid >= $4::xid8
                  AND value_date BETWEEN $2 AND $3)::text AS unsealed`,
      [this.cooperativeId, from, to, horizon],
    );
    return {
      entries: Number(row.entries),
      postings: Number(row.postings),
      unsealed: Number(row.unsealed),
    };
  }

  /**
   * Runs of consecutive chain blocks holding an entry of the range, with the hash each run
   * chains from and the hash of its last block (which commits to every block before it). As
   * many runs as there are gaps between the blocks touched: read whole.
   */
  async blockRuns(from: string, to: string): Promise<BlockRun[]> {
    const rows = await this.session.query<{
      first: string;
      last: string;
      previous_hash: string;
      first_hash: string;
      last_hash: string;
    }>(
      `WITH touched AS (
         SELECT DISTINCT s.block_sequence AS seq FROM journal_entry e
           JOIN journal_block_entry s ON s.cooperative_id = e.cooperative_id AND s.entry_id = e.id
          WHERE e.cooperative_id = $1 AND e.value_date BETWEEN $2 AND $3
       ), runs AS (
         SELECT min(seq) AS first, max(seq) AS last
           FROM (SELECT seq, seq - row_number() OVER (ORDER BY seq) AS run FROM touched) t
          GROUP BY run
       )
       SELECT r.first::text AS first, r.last::text AS last, f.previous_hash,
              f.hash AS first_hash, l.hash AS last_hash
         FROM runs r
         JOIN journal_block f ON f.cooperative_id = $1 AND f.sequence = r.first
         JOIN journal_block l ON l.cooperative_id = $1 AND l.sequence = r.last
        ORDER BY r.first`,
      [this.cooperativeId, from, to],
    );
    return rows.map((r) => ({
      first: r.first,
      last: r.last,
      previousHash: r.previous_hash,
      firstHash: r.first_hash,
      lastHash: r.last_hash,
    }));
  }

  /** The currencies of the cooperative's leaves (a handful), and the functional one. */
  async currencies(functionalCurrency: string): Promise<string[]> {
    const rows = await this.session.query<{ currency: string }>(
      `SELECT DISTINCT currency::text AS currency FROM account
        WHERE cooperative_id = $1 AND is_leaf`,
      [this.cooperativeId],
    );
    return [...new Set([functionalCurrency, ...rows.map((r) => r.currency)])].sort();
  }

  /** The chart's headings: few, held in memory to name the leaves. */
  headings(): Promise<Array<{ id: string; code: string; parentId: string | null }>> {
    return this.session.query(
      `SELECT id::text AS id, code, parent_id::text AS "parentId" FROM account
        WHERE cooperative_id = $1 AND NOT is_leaf`,
      [this.cooperativeId],
    );
  }

  /** Leaves with a posting valued up to `to`, by code. */
  async *accounts(to: string): AsyncGenerator<ExportAccount[]> {
    const [coop, last] = literals(this.cooperativeId, to);
    const sql = `
      SELECT ${accountColumns} FROM account a
       WHERE a.cooperative_id = ${coop} AND a.is_leaf
         AND EXISTS (SELECT 1 FROM posting p
                      WHERE p.cooperative_id = a.cooperative_id AND p.account_id = a.id
                        AND p.value_date <= ${last})
       ORDER BY a.code`;
    for await (const batch of this.session.copy(sql, this.batchSize)) {
      const accounts: ExportAccount[] = [];
      for (let r = 0; r < batch.rows; r++) accounts.push(this.account(batch, r));
      yield accounts;
    }
  }

  /**
   * Each leaf's balance from its postings valued up to `asOf`, by code: the trial balance's sums.
   * `keepZero` false leaves out leaves whose balance (and functional equivalent) is zero.
   */
  async *balances(asOf: string, keepZero: boolean): AsyncGenerator<BalanceLine[]> {
    const [coop, last] = literals(this.cooperativeId, asOf);
    const sql = `
      SELECT ${accountColumns}, b.amount::text, b.functional_amount::text
        FROM (SELECT account_id, sum(amount) AS amount, sum(functional_amount) AS functional_amount
                FROM posting WHERE cooperative_id = ${coop} AND value_date <= ${last}
               GROUP BY account_id) b
        JOIN account a ON a.cooperative_id = ${coop} AND a.id = b.account_id
       WHERE ${keepZero ? 'true' : 'b.amount <> 0 OR b.functional_amount <> 0'}
       ORDER BY a.code`;
    for await (const batch of this.session.copy(sql, this.batchSize)) {
      const lines: BalanceLine[] = [];
      for (let r = 0; r < batch.rows; r++) {
        lines.push({
          account: this.account(batch, r),
          amount: batch.text(r, accountWidth)!,
          functionalAmount: batch.text(r, accountWidth + 1)!,
        });
      }
      yield lines;
    }
  }

  /** Postings valued in `from`..`to`, in the order of ledgerPostingsSql. */
  async *postings(from: string, to: string): AsyncGenerator<ExportPosting[]> {
    const sql = ledgerPostingsSql(this.cooperativeId, from, to);
    for await (const batch of this.session.copy(sql, this.batchSize)) {
      const postings: ExportPosting[] = [];
      for (let r = 0; r < batch.rows; r++) postings.push(this.posting(batch, r));
      yield postings;
    }
  }

  private posting(batch: CopyBatch, r: number): ExportPosting {
    const at = accountWidth;
    return {
      entry: this.entryOf(batch, r),
      lineNo: Number(batch.text(r, at + 7)),
      account: this.account(batch, r),
      amount: batch.text(r, at + 8)!,
      functionalAmount: batch.text(r, at + 9)!,
      fxRate: batch.text(r, at + 10),
      counterpartyClass: batch.text(r, at + 11),
      agreementId: batch.text(r, at + 12),
      program: batch.text(r, at + 13),
      sector: batch.text(r, at + 14),
      commodity: batch.text(r, at + 15),
      region: batch.text(r, at + 16),
      memo: batch.text(r, at + 17),
    };
  }

  /** The posting's entry: the previous posting's when it is the same one (then nothing is decoded). */
  private entryOf(batch: CopyBatch, r: number): ExportEntry {
    const at = accountWidth;
    const id = batch.text(r, at)!;
    if (this.entry?.id === id) return this.entry;
    const sequence = batch.text(r, at + 1);
    this.entry = {
      id,
      seal:
        sequence === null
          ? null
          : {
              entrySequence: sequence,
              entryHash: batch.text(r, at + 2)!,
              block: batch.text(r, at + 3)!,
              blockHash: batch.text(r, at + 4)!,
            },
      postingDate: batch.text(r, at + 5)!,
      valueDate: batch.text(r, at + 6)!,
      description: batch.text(r, at + 18)!,
      sourceType: batch.text(r, at + 19)!,
      sourceId: batch.text(r, at + 20),
      voucherSeries: batch.text(r, at + 21),
      voucherNumber: batch.text(r, at + 22),
      reversesEntryId: batch.text(r, at + 23),
    };
    return this.entry;
  }

  /**
   * The leaf a row starts with (code, name, class, parent, currency), decoded and named once: a
   * code is one leaf in one snapshot, so a known code is all that is read of a repeated one.
   */
  private account(batch: CopyBatch, r: number): ExportAccount {
    const code = batch.text(r, 0)!;
    const known = this.accountCache.get(code);
    if (known !== undefined) return known;
    if (this.accountCache.size >= accountCacheSize) this.accountCache.clear();
    const cls = batch.text(r, 2) as AccountClass;
    const account: ExportAccount = {
      code,
      name: batch.text(r, 1)!,
      class: cls,
      currency: batch.text(r, 4)!,
      journalName: this.names().nameOf({ class: cls, code, parentId: batch.text(r, 3) }),
    };
    this.accountCache.set(code, account);
    return account;
  }
}

/** Leaves kept named at a time: bounded, so memory stays constant however many leaves. */
const accountCacheSize = 20_000;
