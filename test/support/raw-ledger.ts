import { Decimal, uuidv7 } from '@lumbung/core';
import type { Client } from 'pg';

/**
 * Raw SQL writes to the ledger, bypassing the services, for tests that show what the database
 * itself refuses. Amounts are IDR strings with two decimals.
 */
export interface RawLine {
  readonly account: string;
  readonly amount: string;
  readonly counterpartyClass?: string;
  /** Forged values; by default each follows from the locked balance row. */
  readonly balanceAfter?: string;
  readonly version?: string;
}

export interface RawEntry {
  readonly lines: readonly RawLine[];
  /** Adds the postings to this (existing) entry instead of inserting a new one. */
  readonly entryId?: string;
  readonly firstLine?: number;
  readonly postingDate?: string;
  readonly valueDate?: string;
  readonly txid?: string;
  /** Leaves ledger_balance as it is, as a careless writer would. */
  readonly keepBalances?: boolean;
}

/**
 * Writes an entry the way PostingStore.write does (balances, entry and postings in one
 * statement), with the balance chain computed from the locked rows unless a line forges it.
 */
export async function rawWrite(
  client: Client,
  cooperativeId: string,
  raw: RawEntry,
): Promise<string> {
  const accounts = [...new Set(raw.lines.map((l) => l.account))].sort();
  const { rows: locked } = await client.query<{
    account_id: string;
    balance: string;
    version: string;
  }>(
    `SELECT account_id, balance, version FROM ledger_balance
      WHERE cooperative_id = $1 AND account_id = ANY($2::uuid[]) ORDER BY account_id FOR UPDATE`,
    [cooperativeId, accounts],
  );
  const state = new Map<string, { balance: Decimal; version: bigint }>(
    accounts.map((id) => {
      const row = locked.find((r) => r.account_id === id);
      return [
        id,
        { balance: new Decimal(row?.balance ?? '0'), version: BigInt(row?.version ?? 0) },
      ];
    }),
  );
  const lines = raw.lines.map((line) => {
    const before = state.get(line.account)!;
    const after = {
      balance: new Decimal(line.balanceAfter ?? before.balance.plus(line.amount)),
      version: line.version !== undefined ? BigInt(line.version) : before.version + 1n,
    };
    state.set(line.account, after);
    return { ...line, balanceAfter: after.balance.toFixed(2), version: after.version.toString() };
  });
  const moved = raw.keepBalances
    ? []
    : accounts.filter((id) => locked.some((r) => r.account_id === id));

  const entryId = raw.entryId ?? uuidv7();
  let valueDate = raw.valueDate ?? raw.postingDate ?? '2026-11-20';
  if (raw.entryId) {
    const { rows } = await client.query<{ value_date: string }>(
      `SELECT to_char(value_date, 'YYYY-MM-DD') AS value_date FROM journal_entry
        WHERE cooperative_id = $1 AND id = $2`,
      [cooperativeId, raw.entryId],
    );
    valueDate = rows[0].value_date;
  }
  const first = raw.firstLine ?? 1;
  await client.query(
    `WITH moved AS (
       UPDATE ledger_balance b SET balance = m.balance, version = m.version
         FROM unnest($2::uuid[], $3::numeric[], $4::bigint[]) AS m(account_id, balance, version)
        WHERE b.cooperative_id = $1 AND b.account_id = m.account_id
     ), entry AS (
       INSERT INTO journal_entry (cooperative_id, id, txid, posting_date, value_date, description,
                                  source_type)
       SELECT $1, $5, coalesce($6::xid8, pg_current_xact_id()), $7, $8, 'raw insert', 'test.raw'
        WHERE $9::boolean
     )
     INSERT INTO posting (cooperative_id, entry_id, line_no, account_id, currency, amount,
                          functional_amount, value_date, counterparty_class, balance_after,
                          account_version)
     SELECT $1, $5, p.line_no, p.account_id, 'IDR', p.amount, p.amount, $8, p.counterparty_class,
            p.balance_after, p.account_version
       FROM unnest($10::smallint[], $11::uuid[], $12::numeric[], $13::text[], $14::numeric[],
                   $15::bigint[]) AS p(line_no, account_id, amount, counterparty_class,
                                       balance_after, account_version)`,
    [
      cooperativeId,
      moved,
      moved.map((id) => state.get(id)!.balance.toFixed(2)),
      moved.map((id) => state.get(id)!.version.toString()),
      entryId,
      raw.txid ?? null,
      raw.postingDate ?? '2026-11-20',
      valueDate,
      raw.entryId === undefined,
      lines.map((_, i) => first + i),
      lines.map((l) => l.account),
      lines.map((l) => l.amount),
      lines.map((l) => l.counterpartyClass ?? null),
      lines.map((l) => l.balanceAfter),
      lines.map((l) => l.version),
    ],
  );
  return entryId;
}

export async function inTransaction<T>(client: Client, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
