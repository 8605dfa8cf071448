import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { FlaggedCashRow, HoldingRow, ProductHoldingTotal } from '../domain/savings-listings';

/**
 * Every account opened by $2 and not closed before it, with its balance by value date and the
 * interest accrued through $2 (daily accruals and time-deposit accruals dated by then) less what
 * entries valued by then credited to it (month-end postings, time-deposit settlements): what the
 * product's payable leaf 2-3-<code> owes that member. Only as-of data, so a date reads the same
 * whenever it is read.
 */
const holdingsOn = `
  SELECT s.account_number, m.member_number, m.full_name, m.identity_type, m.identity_number,
         p.code AS product_code, p.name AS product_name, s.kind, s.currency,
         -b.balance AS balance,
         CASE WHEN s.kind IN ('sukarela', 'berjangka') THEN a.accrued - c.credited END AS accrued
    FROM savings_account s
    JOIN member m ON m.cooperative_id = s.cooperative_id AND m.id = s.member_id
    JOIN savings_product p ON p.cooperative_id = s.cooperative_id AND p.id = s.product_id
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(x.amount), 0) AS balance FROM posting x
       WHERE x.cooperative_id = s.cooperative_id AND x.account_id = s.ledger_account_id
         AND x.value_date <= $2) b
    CROSS JOIN LATERAL (
      SELECT (SELECT coalesce(sum(d.amount), 0) FROM savings_accrual d
               WHERE d.cooperative_id = s.cooperative_id AND d.savings_account_id = s.id
                 AND d.accrual_date <= $2)
           + (SELECT coalesce(sum(t.amount), 0) FROM time_deposit_accrual t
               WHERE t.cooperative_id = s.cooperative_id AND t.savings_account_id = s.id
                 AND t.accrual_date <= $2) AS accrued) a
    CROSS JOIN LATERAL (
      SELECT (SELECT coalesce(sum(i.interest), 0) FROM savings_interest_posting i
                JOIN journal_entry e ON e.cooperative_id = i.cooperative_id AND e.id = i.entry_id
               WHERE i.cooperative_id = s.cooperative_id AND i.savings_account_id = s.id
                 AND e.value_date <= $2)
           + (SELECT coalesce(sum(t.interest), 0) FROM time_deposit_placement t
                JOIN journal_entry e ON e.cooperative_id = t.cooperative_id
                                    AND e.id = t.settle_entry_id
               WHERE t.cooperative_id = s.cooperative_id AND t.savings_account_id = s.id
                 AND t.status IN ('matured', 'rolled-over') AND e.value_date <= $2) AS credited) c
   WHERE s.cooperative_id = $1 AND s.opened_on <= $2 AND (s.closed_on IS NULL OR s.closed_on >= $2)`;

type HoldingSqlRow = {
  account_number: string;
  member_number: string;
  full_name: string;
  identity_type: string;
  identity_number: string;
  product_code: string;
  product_name: string;
  kind: string;
  currency: string;
  balance: string;
  accrued: string | null;
};

/** Holdings in account-number order, after the cursor, at most `limit` (all without one). */
export async function holdingsPage(
  tx: Tx,
  cooperativeId: string,
  asOf: BusinessDate,
  page: { readonly after?: string; readonly limit?: number },
): Promise<HoldingRow[]> {
  const rows = await tx.query<HoldingSqlRow>(
    `SELECT h.account_number, h.member_number, h.full_name, h.identity_type, h.identity_number,
            h.product_code, h.product_name, h.kind, h.currency, h.balance::text,
            h.accrued::text
       FROM (${holdingsOn} AND ($3::text IS NULL OR s.account_number > $3)
              ORDER BY s.account_number LIMIT $4) h
      ORDER BY h.account_number`,
    [cooperativeId, asOf, page.after ?? null, page.limit ?? null],
  );
  return rows.map((row) => ({
    accountNumber: row.account_number,
    memberNumber: row.member_number,
    memberName: row.full_name,
    identityType: row.identity_type,
    identityNumber: row.identity_number,
    productCode: row.product_code,
    productName: row.product_name,
    kind: row.kind,
    currency: row.currency,
    balance: row.balance,
    accruedInterest: row.accrued,
  }));
}

/** The same holdings summed per product (every account, whatever page is shown). */
export async function holdingTotals(
  tx: Tx,
  cooperativeId: string,
  asOf: BusinessDate,
): Promise<ProductHoldingTotal[]> {
  const rows = await tx.query<{
    product_code: string;
    product_name: string;
    kind: string;
    currency: string;
    accounts: number;
    balance: string;
    accrued: string | null;
  }>(
    `SELECT h.product_code, h.product_name, h.kind, h.currency, count(*)::int AS accounts,
            sum(h.balance)::text AS balance, sum(h.accrued)::text AS accrued
       FROM (${holdingsOn}) h
      GROUP BY h.product_code, h.product_name, h.kind, h.currency
      ORDER BY h.product_code`,
    [cooperativeId, asOf],
  );
  return rows.map((row) => ({
    productCode: row.product_code,
    productName: row.product_name,
    kind: row.kind,
    currency: row.currency,
    accounts: row.accounts,
    balance: row.balance,
    accruedInterest: row.accrued,
  }));
}

/**
 * The cash operations behind each day flagged by the teller's operations (cash_threshold_flag:
 * the flag is never worked out again here), days in the period in order, then members by number.
 */
export async function flaggedCashIn(
  tx: Tx,
  cooperativeId: string,
  period: { readonly from: BusinessDate; readonly to: BusinessDate },
): Promise<FlaggedCashRow[]> {
  const rows = await tx.query<{
    business_date: BusinessDate;
    member_number: string;
    full_name: string;
    identity_type: string;
    identity_number: string;
    currency: string;
    total: string;
    threshold: string;
    receipt_number: string | null;
    account_number: string;
    operation: string;
    direction: 'in' | 'out';
    amount: string;
    recorded_at: Date;
  }>(
    `SELECT f.business_date::text, m.member_number, m.full_name, m.identity_type,
            m.identity_number, f.currency, f.total::text, f.threshold::text,
            t.receipt_number::text, a.account_number, t.operation, t.direction,
            t.amount::text, t.recorded_at
       FROM cash_threshold_flag f
       JOIN member m ON m.cooperative_id = f.cooperative_id AND m.id = f.member_id
       JOIN savings_transaction t
         ON t.cooperative_id = f.cooperative_id AND t.member_id = f.member_id
        AND t.business_date = f.business_date AND t.currency = f.currency AND t.cash
       JOIN savings_account a ON a.cooperative_id = t.cooperative_id AND a.id = t.savings_account_id
      WHERE f.cooperative_id = $1 AND f.business_date BETWEEN $2 AND $3
      ORDER BY f.business_date, m.member_number, f.currency, t.recorded_at, t.id`,
    [cooperativeId, period.from, period.to],
  );
  return rows.map((row) => ({
    businessDate: row.business_date,
    memberNumber: row.member_number,
    memberName: row.full_name,
    identityType: row.identity_type,
    identityNumber: row.identity_number,
    currency: row.currency,
    dayTotal: row.total,
    threshold: row.threshold,
    receiptNumber: row.receipt_number,
    accountNumber: row.account_number,
    operation: row.operation,
    direction: row.direction,
    amount: row.amount,
    recordedAt: row.recorded_at.toISOString(),
  }));
}
