import type { Tx } from '@lumbung/database';
import type { PostingRow } from '../domain/entry-assembler';
import type {
  BalanceLine,
  BlockRun,
  ExportAccount,
  ExportChainHead,
} from '../domain/export-records';
import type { AccountClass, JournalAccountNames } from '../domain/journal-account-names';
import { cursorBatches } from './export-cursor';

interface AccountColumns {
  code: string;
  name: string;
  class: AccountClass;
  parent_id: string | null;
  currency: string;
}

const accountColumns = `a.code, a.name, a.class, a.parent_id::text AS parent_id, a.currency::text AS currency`;

/**
 * The postings of a range ($1 cooperative, $2 from, $3 to), in the export's order: value date,
 * then the chain's order (sealed entries by their sequence, unsealed ones after them by id), then
 * line. The benchmark's baseline copies exactly this (`COPY (...) TO STDOUT`).
 */
export const ledgerPostingsSql = `
  SELECT p.entry_id::text AS entry_id, s.entry_sequence::text AS entry_sequence,
         s.entry_hash, s.block_sequence::text AS block, b.hash AS block_hash,
         e.posting_date::text AS posting_date, p.value_date::text AS value_date, p.line_no,
         ${accountColumns},
         p.amount::text AS amount, p.functional_amount::text AS functional_amount,
         p.fx_rate::text AS fx_rate, p.counterparty_class, p.agreement_id::text AS agreement_id,
         p.program, p.sector, p.commodity, p.region, p.memo,
         e.description, e.source_type, e.source_id, e.voucher_series,
         e.voucher_number::text AS voucher_number, e.reverses_entry_id::text AS reverses_entry_id
    FROM posting p
    JOIN journal_entry e ON e.cooperative_id = p.cooperative_id AND e.id = p.entry_id
    JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
    LEFT JOIN journal_block_entry s
      ON s.cooperative_id = p.cooperative_id AND s.entry_id = p.entry_id
    LEFT JOIN journal_block b
      ON b.cooperative_id = s.cooperative_id AND b.sequence = s.block_sequence
   WHERE p.cooperative_id = $1 AND p.value_date BETWEEN $2 AND $3
   ORDER BY p.value_date, s.entry_sequence NULLS LAST, p.entry_id, p.line_no`;

/**
 * The SQL of a ledger export: every read of one export runs in the caller's REPEATABLE READ,
 * read-only transaction, so the header, the balances and the postings describe one snapshot.
 * Everything that may be large (accounts, balances, postings, block runs) comes through cursors.
 */
export class LedgerExportReader {
  constructor(
    private readonly tx: Tx,
    private readonly cooperativeId: string,
    private readonly batchSize: number,
  ) {}

  async cooperative(): Promise<{
    code: string;
    name: string;
    functionalCurrency: string;
    generatedAt: string;
  } | null> {
    const [row] = await this.tx.query<{
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

  async chainHead(): Promise<ExportChainHead | null> {
    const [row] = await this.tx.query<{ sequence: string; hash: string }>(
      `SELECT sequence::text AS sequence, hash FROM journal_block
        WHERE cooperative_id = $1 ORDER BY sequence DESC LIMIT 1`,
      [this.cooperativeId],
    );
    return row ?? null;
  }

  async counts(
    from: string,
    to: string,
  ): Promise<{ entries: number; postings: number; unsealed: number }> {
    const [row] = await this.tx.query<{ entries: string; postings: string; unsealed: string }>(
      `SELECT count(*)::text AS postings, count(DISTINCT p.entry_id)::text AS entries,
              (count(DISTINCT p.entry_id) FILTER (WHERE s.entry_id IS NULL))::text AS unsealed
         FROM posting p
         LEFT JOIN journal_block_entry s
           ON s.cooperative_id = p.cooperative_id AND s.entry_id = p.entry_id
        WHERE p.cooperative_id = $1 AND p.value_date BETWEEN $2 AND $3`,
      [this.cooperativeId, from, to],
    );
    return { entries: +row.entries, postings: +row.postings, unsealed: +row.unsealed };
  }

  /** The currencies of the cooperative's leaves (a handful), and the functional one. */
  async currencies(functionalCurrency: string): Promise<string[]> {
    const rows = await this.tx.query<{ currency: string }>(
      `SELECT DISTINCT currency::text AS currency FROM account
        WHERE cooperative_id = $1 AND is_leaf`,
      [this.cooperativeId],
    );
    return [...new Set([functionalCurrency, ...rows.map((r) => r.currency)])].sort();
  }

  /** The chart's headings: few, held in memory to name the leaves. */
  headings(): Promise<Array<{ id: string; code: string; parentId: string | null }>> {
    return this.tx.query(
      `SELECT id::text AS id, code, parent_id::text AS "parentId" FROM account
        WHERE cooperative_id = $1 AND NOT is_leaf`,
      [this.cooperativeId],
    );
  }

  /**
   * Runs of consecutive chain blocks that hold an entry of the range, with the hash each run
   * chains from and the hash of its last block (which commits to every block before it).
   */
  async *blockRuns(from: string, to: string): AsyncGenerator<BlockRun[]> {
    const sql = `
      WITH entries AS (
        SELECT DISTINCT entry_id FROM posting
         WHERE cooperative_id = $1 AND value_date BETWEEN $2 AND $3
      ), touched AS (
        SELECT DISTINCT s.block_sequence AS seq FROM entries x
          JOIN journal_block_entry s ON s.cooperative_id = $1 AND s.entry_id = x.entry_id
      ), runs AS (
        SELECT min(seq) AS first, max(seq) AS last
          FROM (SELECT seq, seq - row_number() OVER (ORDER BY seq) AS run FROM touched) t
         GROUP BY run
      )
      SELECT r.first::text AS first, r.last::text AS last, f.previous_hash, f.hash AS first_hash,
             l.hash AS last_hash
        FROM runs r
        JOIN journal_block f ON f.cooperative_id = $1 AND f.sequence = r.first
        JOIN journal_block l ON l.cooperative_id = $1 AND l.sequence = r.last
       ORDER BY r.first`;
    type Row = {
      first: string;
      last: string;
      previous_hash: string;
      first_hash: string;
      last_hash: string;
    };
    for await (const rows of cursorBatches<Row>(
      this.tx,
      'lumbung_export_blocks',
      sql,
      [this.cooperativeId, from, to],
      this.batchSize,
    )) {
      yield rows.map((r) => ({
        first: r.first,
        last: r.last,
        previousHash: r.previous_hash,
        firstHash: r.first_hash,
        lastHash: r.last_hash,
      }));
    }
  }

  /** Leaves with a posting valued up to `to`, by code. */
  async *accounts(to: string, names: JournalAccountNames): AsyncGenerator<ExportAccount[]> {
    const sql = `
      SELECT ${accountColumns} FROM account a
       WHERE a.cooperative_id = $1 AND a.is_leaf
         AND EXISTS (SELECT 1 FROM posting p
                      WHERE p.cooperative_id = a.cooperative_id AND p.account_id = a.id
                        AND p.value_date <= $2)
       ORDER BY a.code`;
    for await (const rows of cursorBatches<AccountColumns>(
      this.tx,
      'lumbung_export_accounts',
      sql,
      [this.cooperativeId, to],
      this.batchSize,
    )) {
      yield rows.map((r) => exportAccount(r, names));
    }
  }

  /**
   * Each leaf's balance from its postings valued up to `asOf`, by code: the trial balance's sums.
   * `keepZero` false leaves out leaves whose balance (and functional equivalent) is zero.
   */
  async *balances(
    asOf: string,
    keepZero: boolean,
    names: JournalAccountNames,
  ): AsyncGenerator<BalanceLine[]> {
    const sql = `
      SELECT ${accountColumns}, b.amount::text AS amount, b.functional_amount::text AS functional_amount
        FROM (SELECT account_id, sum(amount) AS amount, sum(functional_amount) AS functional_amount
                FROM posting WHERE cooperative_id = $1 AND value_date <= $2
               GROUP BY account_id) b
        JOIN account a ON a.cooperative_id = $1 AND a.id = b.account_id
       WHERE $3 OR b.amount <> 0 OR b.functional_amount <> 0
       ORDER BY a.code`;
    type Row = AccountColumns & { amount: string; functional_amount: string };
    for await (const rows of cursorBatches<Row>(
      this.tx,
      keepZero ? 'lumbung_export_closing' : 'lumbung_export_opening',
      sql,
      [this.cooperativeId, asOf, keepZero],
      this.batchSize,
    )) {
      yield rows.map((r) => ({
        account: exportAccount(r, names),
        amount: r.amount,
        functionalAmount: r.functional_amount,
      }));
    }
  }

  /**
   * Postings valued in `from`..`to`, in value date order, then the chain's order (sealed entries
   * by their sequence, unsealed ones after them by id), then line: an entry's postings together.
   */
  async *postings(
    from: string,
    to: string,
    names: JournalAccountNames,
  ): AsyncGenerator<PostingRow[]> {
    const sql = ledgerPostingsSql;
    type Row = AccountColumns & {
      entry_id: string;
      entry_sequence: string | null;
      entry_hash: string | null;
      block: string | null;
      block_hash: string | null;
      posting_date: string;
      value_date: string;
      line_no: number;
      amount: string;
      functional_amount: string;
      fx_rate: string | null;
      counterparty_class: string | null;
      agreement_id: string | null;
      program: string | null;
      sector: string | null;
      commodity: string | null;
      region: string | null;
      memo: string | null;
      description: string;
      source_type: string;
      source_id: string | null;
      voucher_series: string | null;
      voucher_number: string | null;
      reverses_entry_id: string | null;
    };
    for await (const rows of cursorBatches<Row>(
      this.tx,
      'lumbung_export_postings',
      sql,
      [this.cooperativeId, from, to],
      this.batchSize,
    )) {
      yield rows.map((r) => ({
        entryId: r.entry_id,
        seal:
          r.entry_sequence === null
            ? null
            : {
                entrySequence: r.entry_sequence,
                entryHash: r.entry_hash!,
                block: r.block!,
                blockHash: r.block_hash!,
              },
        postingDate: r.posting_date,
        valueDate: r.value_date,
        description: r.description,
        sourceType: r.source_type,
        sourceId: r.source_id,
        voucherSeries: r.voucher_series,
        voucherNumber: r.voucher_number,
        reversesEntryId: r.reverses_entry_id,
        lineNo: Number(r.line_no),
        account: exportAccount(r, names),
        amount: r.amount,
        functionalAmount: r.functional_amount,
        fxRate: r.fx_rate,
        counterpartyClass: r.counterparty_class,
        agreementId: r.agreement_id,
        program: r.program,
        sector: r.sector,
        commodity: r.commodity,
        region: r.region,
        memo: r.memo,
      }));
    }
  }
}

function exportAccount(row: AccountColumns, names: JournalAccountNames): ExportAccount {
  return {
    code: row.code,
    name: row.name,
    class: row.class,
    currency: row.currency,
    journalName: names.nameOf({ class: row.class, code: row.code, parentId: row.parent_id }),
  };
}
