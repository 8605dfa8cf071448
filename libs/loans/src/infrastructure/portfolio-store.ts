import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { LoanGrade } from '../domain/collectibility';

/** A loan of the portfolio on a date, as the books and the end of day recorded it then. */
export interface PortfolioRow {
  readonly loanId: string;
  readonly loanNumber: string;
  readonly memberNumber: string;
  readonly memberName: string;
  readonly currency: string;
  readonly disbursedOn: BusinessDate;
  readonly productCode: string;
  readonly productName: string;
  readonly sector: string;
  readonly commodity: string | null;
  readonly region: string | null;
  readonly outstandingPrincipal: string;
  /** From the latest provision row on or before the date (null: none yet). */
  readonly grade: LoanGrade | null;
  readonly oldestUnpaidDue: BusinessDate | null;
  readonly collateralCredit: string;
  /** The grade's provision rate (a fraction) from the same row; '0' without one. */
  readonly provisionRate: string;
  readonly allowanceRequired: string;
}

/**
 * Every loan disbursed on or before `date` whose principal leaf holds a balance by value date
 * through `date` (loans paid off or written off by then hold none), with its latest provision row
 * on or before `date`. Only as-of data: postings by value date and rows dated by the end of day,
 * so the same date reads the same figures whenever it is read. Each loan through its own indexes.
 * In loan-number order; a page starts after the loan number `after` and holds `limit` loans at
 * most (the whole portfolio without them).
 */
export async function portfolioOn(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
  page: { readonly after?: string; readonly limit?: number } = {},
): Promise<PortfolioRow[]> {
  const rows = await tx.query<{
    loan_id: string;
    loan_number: string;
    member_number: string;
    full_name: string;
    currency: string;
    disbursed_on: BusinessDate;
    product_code: string;
    product_name: string;
    sector: string;
    commodity: string | null;
    region: string | null;
    principal: string;
    grade: LoanGrade | null;
    oldest_unpaid_due: BusinessDate | null;
    collateral_credit: string;
    rate: string;
    required: string;
  }>(
    `SELECT l.id AS loan_id, l.loan_number, m.member_number, m.full_name, l.currency,
            l.disbursed_on::text AS disbursed_on, p.code AS product_code,
            p.name AS product_name, l.sector, l.commodity, l.region, b.balance::text AS principal,
            CASE WHEN v.closed THEN NULL ELSE v.grade END AS grade,
            CASE WHEN v.closed THEN NULL ELSE v.oldest_unpaid_due END::text AS oldest_unpaid_due,
            coalesce(CASE WHEN v.closed THEN 0 ELSE v.collateral_credit END, 0)::text
              AS collateral_credit,
            coalesce(CASE WHEN v.closed THEN 0 ELSE v.rate END, 0)::text AS rate,
            coalesce(CASE WHEN v.closed THEN 0 ELSE v.required END, 0)::text AS required
       FROM loan l
       JOIN loan_product p ON p.cooperative_id = l.cooperative_id AND p.id = l.product_id
       JOIN member m ON m.cooperative_id = l.cooperative_id AND m.id = l.member_id
       CROSS JOIN LATERAL (
         SELECT coalesce(sum(x.amount), 0) AS balance FROM posting x
          WHERE x.cooperative_id = l.cooperative_id AND x.account_id = l.ledger_account_id
            AND x.value_date <= $2) b
       LEFT JOIN LATERAL (
         SELECT r.grade, r.oldest_unpaid_due, r.collateral_credit, r.rate, r.required, r.closed
           FROM loan_provision r
          WHERE r.cooperative_id = l.cooperative_id AND r.loan_id = l.id AND r.as_of <= $2
          ORDER BY r.as_of DESC LIMIT 1) v ON true
      WHERE l.cooperative_id = $1 AND l.disbursed_on <= $2 AND l.ledger_account_id IS NOT NULL
        AND b.balance <> 0 AND ($3::text IS NULL OR l.loan_number > $3)
      ORDER BY l.loan_number
      LIMIT $4`,
    [cooperativeId, date, page.after ?? null, page.limit ?? null],
  );
  return rows.map((row) => ({
    loanId: row.loan_id,
    loanNumber: row.loan_number,
    memberNumber: row.member_number,
    memberName: row.full_name,
    currency: row.currency,
    disbursedOn: row.disbursed_on,
    productCode: row.product_code,
    productName: row.product_name,
    sector: row.sector,
    commodity: row.commodity,
    region: row.region,
    outstandingPrincipal: row.principal,
    grade: row.grade,
    oldestUnpaidDue: row.oldest_unpaid_due,
    collateralCredit: row.collateral_credit,
    provisionRate: row.rate,
    allowanceRequired: row.required,
  }));
}

/** The last day on or before `date` whose end of day completed; null when none has. */
export async function closedThrough(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
): Promise<BusinessDate | null> {
  const [row] = await tx.query<{ day: BusinessDate | null }>(
    `SELECT max(business_date)::text AS day FROM eod_run
      WHERE cooperative_id = $1 AND state = 'complete' AND business_date <= $2`,
    [cooperativeId, date],
  );
  return row?.day ?? null;
}
