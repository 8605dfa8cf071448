import { type BusinessDate, Decimal, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';

/** A voluntary account as the end of day accrues it. */
export interface AccruingAccount {
  readonly id: string;
  readonly memberId: string;
  readonly productId: string;
  readonly currency: string;
  readonly ledgerAccountId: string;
  readonly closed: boolean;
}

/**
 * Voluntary accounts that were open (or dormant: dormancy stops movements, not interest) on
 * `date`: opened on or before it and not closed by then. Closing is dated, so a day caught up
 * later still sees an account closed after it.
 */
const accruingOn = `a.cooperative_id = $1 AND a.kind = 'sukarela' AND a.opened_on <= $2
                    AND (a.closed_on IS NULL OR a.closed_on > $2)`;

export async function accruingAccountIds(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT a.id FROM savings_account a WHERE ${accruingOn} ORDER BY a.id`,
    [cooperativeId, date],
  );
  return rows.map((row) => row.id);
}

/** The range's accruing accounts, row-locked in id order (the order every teller path shares). */
export async function lockAccruingAccounts(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
  range: { fromId: string; toId: string },
): Promise<AccruingAccount[]> {
  const rows = await tx.query<{
    id: string;
    member_id: string;
    product_id: string;
    currency: string;
    ledger_account_id: string;
    closed: boolean;
  }>(
    `SELECT a.id, a.member_id, a.product_id, a.currency, a.ledger_account_id,
            a.closed_on IS NOT NULL AS closed
       FROM savings_account a
      WHERE ${accruingOn} AND a.id BETWEEN $3 AND $4
      ORDER BY a.id FOR UPDATE`,
    [cooperativeId, date, range.fromId, range.toId],
  );
  return rows.map((row) => ({
    id: row.id,
    memberId: row.member_id,
    productId: row.product_id,
    currency: row.currency,
    ledgerAccountId: row.ledger_account_id,
    closed: row.closed,
  }));
}

/**
 * Each account's balance at the end of `date` by value date, for the accounts not yet accrued
 * for it: the sum of the leaf's postings valued on or before the day (credit-normal, so
 * negated), never `balance_after`, so postings of later days (a teller at 00:05) leave it be.
 *
 * Whether an account is accrued is one primary-key probe per account (a lateral lookup with a
 * limit, which the planner cannot turn into a join): as an anti-join, with the day's rows never
 * in the table's statistics, it was planned as a merge reading every accrual of the day so far,
 * and each chunk of a run read more than the one before.
 */
export async function unaccruedBalances(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
  accountIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await tx.query<{ id: string; balance: string }>(
    `SELECT a.id, (-coalesce(sum(p.amount), 0))::text AS balance
       FROM savings_account a
       LEFT JOIN LATERAL (SELECT true AS accrued FROM savings_accrual s
                           WHERE s.cooperative_id = a.cooperative_id
                             AND s.savings_account_id = a.id AND s.accrual_date = $2
                           LIMIT 1) s ON true
       LEFT JOIN posting p ON p.cooperative_id = a.cooperative_id
                          AND p.account_id = a.ledger_account_id AND p.value_date <= $2
      WHERE a.cooperative_id = $1 AND a.id = ANY($3::uuid[]) AND s.accrued IS NULL
      GROUP BY a.id`,
    [cooperativeId, date, accountIds],
  );
  return new Map(rows.map((row) => [row.id, row.balance]));
}

export async function insertAccruals(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
  rows: readonly { accountId: string; balance: string; amount: string }[],
  entryId: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO savings_accrual (cooperative_id, savings_account_id, accrual_date, balance,
                                  amount, entry_id)
     SELECT $1, t.account_id, $2, t.balance, t.amount, $6
       FROM unnest($3::uuid[], $4::numeric[], $5::numeric[]) AS t(account_id, balance, amount)`,
    [
      cooperativeId,
      date,
      rows.map((r) => r.accountId),
      rows.map((r) => r.balance),
      rows.map((r) => r.amount),
      entryId,
    ],
  );
}

/** Each account's interest accrued from `from` to `to` and not yet posted for that month. */
export async function unpostedMonthInterest(
  tx: Tx,
  cooperativeId: string,
  month: { from: BusinessDate; to: BusinessDate },
  accountIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await tx.query<{ id: string; interest: string }>(
    `SELECT s.savings_account_id AS id, sum(s.amount)::text AS interest
       FROM savings_accrual s
      WHERE s.cooperative_id = $1 AND s.savings_account_id = ANY($4::uuid[])
        AND s.accrual_date BETWEEN $2 AND $3
        AND NOT EXISTS (SELECT FROM savings_interest_posting i
                         WHERE i.cooperative_id = s.cooperative_id
                           AND i.savings_account_id = s.savings_account_id AND i.month = $2)
      GROUP BY s.savings_account_id
     HAVING sum(s.amount) > 0`,
    [cooperativeId, month.from, month.to, accountIds],
  );
  return new Map(rows.map((row) => [row.id, row.interest]));
}

export interface InterestPosted {
  readonly account: AccruingAccount;
  readonly interest: string;
  readonly tax: string;
  /** What reached the account: interest less tax. */
  readonly net: string;
}

/**
 * Marks the month posted for each account and records the interest that reached the account as
 * a savings operation (so the savings record and the ledger leaf still agree).
 */
export async function recordInterestPosted(
  tx: Tx,
  cooperativeId: string,
  month: { from: BusinessDate; to: BusinessDate },
  posted: readonly InterestPosted[],
  entryId: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO savings_interest_posting (cooperative_id, savings_account_id, month, interest,
                                           tax, entry_id)
     SELECT $1, t.account_id, $2, t.interest, t.tax, $6
       FROM unnest($3::uuid[], $4::numeric[], $5::numeric[]) AS t(account_id, interest, tax)`,
    [
      cooperativeId,
      month.from,
      posted.map((p) => p.account.id),
      posted.map((p) => p.interest),
      posted.map((p) => p.tax),
      entryId,
    ],
  );
  // A month withheld whole (a tiny interest rounded up to its tax) credits nothing to record.
  const credited = posted.filter((p) => !new Decimal(p.net).isZero());
  await tx.query(
    `INSERT INTO savings_transaction (cooperative_id, id, entry_id, operation, savings_account_id,
                                      member_id, amount, currency, direction, cash, business_date)
     SELECT $1, t.id, $2, 'interest', t.account_id, t.member_id, t.amount, t.currency, 'in',
            false, $3
       FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::numeric[], $8::char(3)[])
         AS t(id, account_id, member_id, amount, currency)`,
    [
      cooperativeId,
      entryId,
      month.to,
      credited.map(() => uuidv7()),
      credited.map((p) => p.account.id),
      credited.map((p) => p.account.memberId),
      credited.map((p) => p.net),
      credited.map((p) => p.account.currency),
    ],
  );
}
