import { createHash } from 'node:crypto';
import { Decimal } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { AccountClass } from '../domain/account-class';
import type { LockedBalance } from '../domain/balance-projection';

/** A row to insert into journal_entry. */
export interface EntryRow {
  readonly id: string;
  readonly postingDate: string;
  readonly valueDate: string;
  readonly description: string;
  readonly sourceType: string;
  readonly sourceId: string | null;
  readonly idempotencyKey: string | null;
  readonly reversesEntryId: string | null;
  readonly voucherSeries: string | null;
  readonly voucherNumber: string | null;
  readonly recordedBy: string | null;
}

/** A row to insert into posting. Amounts are decimal strings: pg never sees a Decimal. */
export interface PostingRow {
  readonly entryId: string;
  readonly lineNo: number;
  readonly accountId: string;
  readonly currency: string;
  readonly amount: string;
  readonly functionalAmount: string;
  readonly fxRate: string | null;
  readonly fxRateId: string | null;
  readonly valueDate: string;
  readonly counterpartyClass: string | null;
  readonly agreementId: string | null;
  readonly program: string | null;
  readonly sector: string | null;
  readonly commodity: string | null;
  readonly region: string | null;
  readonly memo: string | null;
  readonly balanceAfter: string;
  readonly accountVersion: string;
}

export interface LockedLeaf extends LockedBalance {
  readonly accountClass: AccountClass;
}

/** Namespace of the business-day advisory lock (the second key is the cooperative's lock_key). */
export const businessDayLockSpace = 7301;
/** Namespace of the per-key locks that make a concurrent duplicate wait, then replay. */
export const idempotencyKeyLockSpace = 7302;

/** A 32-bit lock key per (cooperative, idempotency key); a collision only makes two keys wait. */
function keyLock(cooperativeId: string, key: string): number {
  return createHash('sha256').update(`${cooperativeId}\u0000${key}`).digest().readInt32BE(0);
}

const column = <T, K extends keyof T>(rows: readonly T[], key: K): Array<T[K]> =>
  rows.map((row) => row[key]);

/**
 * The SQL of the write path. Every statement is set-based (arrays through unnest), so an entry
 * of any size, or a batch of entries, is one statement per table and never nears the 65,535
 * bind-parameter limit.
 */
export class PostingStore {
  constructor(private readonly tx: Tx) {}

  /**
   * Locks the leaves' balance rows in account-id order (the global lock order after domain
   * rows) and returns them with the account class. Ids that are not leaves are absent.
   */
  async lockLeaves(cooperativeId: string, accountIds: readonly string[]): Promise<LockedLeaf[]> {
    const sorted = [...new Set(accountIds)].sort();
    const rows = await this.tx.query<{
      account_id: string;
      currency: string;
      normal_sign: number;
      floor: string | null;
      balance: string;
      version: string;
      class: AccountClass;
    }>(
      `SELECT b.account_id, b.currency, b.normal_sign, b.floor, b.balance, b.version, a.class
         FROM ledger_balance b
         JOIN account a ON a.cooperative_id = b.cooperative_id AND a.id = b.account_id
        WHERE b.cooperative_id = $1 AND b.account_id = ANY($2::uuid[])
        ORDER BY b.account_id
        FOR UPDATE OF b`,
      [cooperativeId, sorted],
    );
    return rows.map((r) => ({
      accountId: r.account_id,
      currency: r.currency,
      normalSign: r.normal_sign === 1 ? 1 : -1,
      floor: r.floor === null ? null : new Decimal(r.floor),
      balance: new Decimal(r.balance),
      version: BigInt(r.version),
      accountClass: r.class,
    }));
  }

  /** Which of the ids name accounts at all (used only to word an error precisely). */
  async existingAccounts(
    cooperativeId: string,
    accountIds: readonly string[],
  ): Promise<Set<string>> {
    const rows = await this.tx.query<{ id: string }>(
      `SELECT id FROM account WHERE cooperative_id = $1 AND id = ANY($2::uuid[])`,
      [cooperativeId, [...accountIds]],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Serialises requests that share an idempotency key: the second waits here until the first
   * commits (then finds its entry) or rolls back (then posts). Taken in ascending order, before
   * any balance lock, like the domain rows of DESIGN.md's lock order.
   */
  async lockIdempotencyKeys(cooperativeId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const locks = [...new Set(keys.map((key) => keyLock(cooperativeId, key)))].sort(
      (a, b) => a - b,
    );
    await this.tx.query(`SELECT pg_advisory_xact_lock($1, k) FROM unnest($2::int[]) AS k`, [
      idempotencyKeyLockSpace,
      locks,
    ]);
  }

  async entriesByIdempotencyKey(
    cooperativeId: string,
    keys: readonly string[],
  ): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows = await this.tx.query<{ id: string; idempotency_key: string }>(
      `SELECT id, idempotency_key FROM journal_entry
        WHERE cooperative_id = $1 AND idempotency_key = ANY($2::text[])`,
      [cooperativeId, [...keys]],
    );
    return new Map(rows.map((r) => [r.idempotency_key, r.id]));
  }

  /** Gap-free numbers: the counter row is locked until this transaction ends. */
  async takeVoucherNumbers(cooperativeId: string, series: string, count: number): Promise<bigint> {
    const [row] = await this.tx.query<{ last_number: string }>(
      `INSERT INTO voucher_sequence (cooperative_id, series, last_number) VALUES ($1, $2, $3)
       ON CONFLICT (cooperative_id, series)
       DO UPDATE SET last_number = voucher_sequence.last_number + EXCLUDED.last_number
       RETURNING last_number`,
      [cooperativeId, series, count],
    );
    return BigInt(row.last_number) - BigInt(count) + 1n;
  }

  /**
   * Balances, entries and postings in one statement: the triggers then see all three together
   * when they check balance, chain and floors. Returns each new entry's recorded_at.
   */
  async write(
    cooperativeId: string,
    balances: ReadonlyArray<{ accountId: string; balance: string; version: string }>,
    entries: readonly EntryRow[],
    postings: readonly PostingRow[],
  ): Promise<Map<string, Date>> {
    const written = await this.tx.query<{ id: string; recorded_at: Date }>(
      `WITH moved AS (
         UPDATE ledger_balance b SET balance = m.balance, version = m.version
           FROM unnest($2::uuid[], $3::numeric[], $4::bigint[]) AS m(account_id, balance, version)
          WHERE b.cooperative_id = $1 AND b.account_id = m.account_id
       ), entries AS (
         INSERT INTO journal_entry (cooperative_id, id, posting_date, value_date, description,
                                    source_type, source_id, idempotency_key, reverses_entry_id,
                                    voucher_series, voucher_number, recorded_by)
         SELECT $1, e.* FROM unnest($5::uuid[], $6::date[], $7::date[], $8::text[], $9::text[],
                                    $10::text[], $11::text[], $12::uuid[], $13::text[],
                                    $14::bigint[], $15::uuid[]) AS e
         RETURNING id, recorded_at
       ), lines AS (
         INSERT INTO posting (cooperative_id, entry_id, line_no, account_id, currency, amount,
                            functional_amount, fx_rate, fx_rate_id, value_date,
                            counterparty_class, agreement_id, program, sector, commodity, region,
                            memo, balance_after, account_version)
       SELECT $1, p.* FROM unnest($16::uuid[], $17::smallint[], $18::uuid[], $19::char(3)[],
                                  $20::numeric[], $21::numeric[], $22::numeric[], $23::uuid[],
                                  $24::date[], $25::text[], $26::uuid[], $27::text[], $28::text[],
                                  $29::text[], $30::text[], $31::text[], $32::numeric[],
                                  $33::bigint[]) AS p
       )
       SELECT id, recorded_at FROM entries`,
      [
        cooperativeId,
        balances.map((b) => b.accountId),
        balances.map((b) => b.balance),
        balances.map((b) => b.version),
        column(entries, 'id'),
        column(entries, 'postingDate'),
        column(entries, 'valueDate'),
        column(entries, 'description'),
        column(entries, 'sourceType'),
        column(entries, 'sourceId'),
        column(entries, 'idempotencyKey'),
        column(entries, 'reversesEntryId'),
        column(entries, 'voucherSeries'),
        column(entries, 'voucherNumber'),
        column(entries, 'recordedBy'),
        column(postings, 'entryId'),
        column(postings, 'lineNo'),
        column(postings, 'accountId'),
        column(postings, 'currency'),
        column(postings, 'amount'),
        column(postings, 'functionalAmount'),
        column(postings, 'fxRate'),
        column(postings, 'fxRateId'),
        column(postings, 'valueDate'),
        column(postings, 'counterpartyClass'),
        column(postings, 'agreementId'),
        column(postings, 'program'),
        column(postings, 'sector'),
        column(postings, 'commodity'),
        column(postings, 'region'),
        column(postings, 'memo'),
        column(postings, 'balanceAfter'),
        column(postings, 'accountVersion'),
      ],
    );
    return new Map(written.map((row) => [row.id, row.recorded_at]));
  }
}
