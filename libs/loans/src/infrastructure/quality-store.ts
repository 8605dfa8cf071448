import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import {
  type CollectibilityPreset,
  type CollectibilitySettings,
  defaultCollectibility,
  type LoanGrade,
} from '../domain/collectibility';
import type { CollateralInput } from '../domain/loan-application';

export async function collectibilityOf(
  tx: Tx,
  cooperativeId: string,
): Promise<CollectibilitySettings> {
  const [row] = await tx.query<{
    preset: CollectibilityPreset;
    provision_rates: CollectibilitySettings['provisionRates'];
    collateral_credit: CollectibilitySettings['collateralCredit'];
  }>(
    `SELECT preset, provision_rates, collateral_credit FROM loan_collectibility_settings
      WHERE cooperative_id = $1`,
    [cooperativeId],
  );
  if (!row) return defaultCollectibility();
  return {
    preset: row.preset,
    provisionRates: row.provision_rates,
    collateralCredit: row.collateral_credit,
  };
}

export async function saveCollectibility(
  tx: Tx,
  cooperativeId: string,
  settings: CollectibilitySettings,
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_collectibility_settings (cooperative_id, preset, provision_rates,
                                               collateral_credit)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (cooperative_id) DO UPDATE
       SET preset = EXCLUDED.preset, provision_rates = EXCLUDED.provision_rates,
           collateral_credit = EXCLUDED.collateral_credit, updated_at = clock_timestamp()`,
    [
      cooperativeId,
      settings.preset,
      JSON.stringify(settings.provisionRates),
      JSON.stringify(settings.collateralCredit),
    ],
  );
}

export interface GradeOverride {
  readonly id: string;
  readonly loanId: string;
  readonly action: 'downgrade' | 'lift';
  readonly grade: LoanGrade | null;
  readonly reason: string;
  readonly decidedOn: BusinessDate;
  readonly decidedBy: string;
  readonly approvalRequestId: string | null;
}

interface OverrideRow {
  id: string;
  loan_id: string;
  action: 'downgrade' | 'lift';
  grade: LoanGrade | null;
  reason: string;
  decided_on: BusinessDate;
  decided_by: string;
  approval_request_id: string | null;
}

const overrideColumns = `id, loan_id, action, grade, reason, decided_on::text, decided_by,
  approval_request_id`;

const override = (row: OverrideRow): GradeOverride => ({
  id: row.id,
  loanId: row.loan_id,
  action: row.action,
  grade: row.grade,
  reason: row.reason,
  decidedOn: row.decided_on,
  decidedBy: row.decided_by,
  approvalRequestId: row.approval_request_id,
});

export async function insertGradeOverride(
  tx: Tx,
  cooperativeId: string,
  row: GradeOverride,
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_grade_override (cooperative_id, id, loan_id, action, grade, reason,
                                      decided_on, decided_by, approval_request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      cooperativeId,
      row.id,
      row.loanId,
      row.action,
      row.grade,
      row.reason,
      row.decidedOn,
      row.decidedBy,
      row.approvalRequestId,
    ],
  );
}

/** A loan's manual grade decisions, oldest first. */
export async function gradeOverridesOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<GradeOverride[]> {
  const rows = await tx.query<OverrideRow>(
    `SELECT ${overrideColumns} FROM loan_grade_override
      WHERE cooperative_id = $1 AND loan_id = $2 ORDER BY decided_on, id`,
    [cooperativeId, loanId],
  );
  return rows.map(override);
}

/** Each loan's manual grade in force on `date`: its latest decision then, unless a lift. */
export async function manualGradesOn(
  tx: Tx,
  cooperativeId: string,
  loanIds: readonly string[],
  date: BusinessDate,
): Promise<Map<string, LoanGrade>> {
  const rows = await tx.query<{ loan_id: string; grade: LoanGrade }>(
    `SELECT loan_id, grade FROM (
       SELECT DISTINCT ON (loan_id) loan_id, action, grade FROM loan_grade_override
        WHERE cooperative_id = $1 AND loan_id = ANY ($2::uuid[]) AND decided_on <= $3
        ORDER BY loan_id, decided_on DESC, id DESC) latest
      WHERE action = 'downgrade'`,
    [cooperativeId, loanIds, date],
  );
  return new Map(rows.map((row) => [row.loan_id, row.grade]));
}

/** The product's allowance leaf, when opened. */
export async function allowanceAccountOf(
  tx: Tx,
  cooperativeId: string,
  productId: string,
): Promise<string | null> {
  const [row] = await tx.query<{ allowance_account_id: string }>(
    `SELECT allowance_account_id FROM loan_provision_account
      WHERE cooperative_id = $1 AND product_id = $2`,
    [cooperativeId, productId],
  );
  return row?.allowance_account_id ?? null;
}

export async function insertAllowanceAccount(
  tx: Tx,
  cooperativeId: string,
  productId: string,
  accountId: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_provision_account (cooperative_id, product_id, allowance_account_id)
     VALUES ($1, $2, $3)`,
    [cooperativeId, productId, accountId],
  );
}

/** What grading a running loan on a date starts from, read set-based for a range of loans. */
export interface GradingInput {
  readonly loanId: string;
  readonly productId: string;
  readonly currency: string;
  readonly oldestUnpaidDue: BusinessDate | null;
  /** The loan leaf's balance by value date through the date. */
  readonly outstandingPrincipal: string;
}

/**
 * Reads the running loans of the range (disbursed on or before `date`, not closed) as of `date`:
 * the oldest instalment of the schedule in force whose principal and interest are not covered
 * by what repayments received by then allocated to it (those not reversed or superseded: a
 * reversal corrects the record), and the principal leaf's balance by value date. Nothing a
 * teller does on a later day changes these, so no loan is locked.
 */
export async function gradingInputs(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
  range: { fromId: string; toId: string },
): Promise<GradingInput[]> {
  const rows = await tx.query<{
    loan_id: string;
    product_id: string;
    currency: string;
    oldest_unpaid_due: BusinessDate | null;
    principal: string;
  }>(
    // Per loan through its own indexes (instalments, repayments, the leaf's postings): a chunk
    // reads a few rows per loan whatever the size of the tables.
    `SELECT l.id AS loan_id, l.product_id, l.currency, b.oldest::text AS oldest_unpaid_due,
            coalesce(pr.balance, 0)::text AS principal
       FROM loan l
       LEFT JOIN LATERAL (
         SELECT min(i.due_date) AS oldest
           FROM loan_instalment i
           LEFT JOIN (
             SELECT (line->>'no')::int AS no, sum((line->>'amount')::numeric) AS amount
               FROM loan_repayment r
               CROSS JOIN LATERAL jsonb_array_elements(r.allocation->'lines') line
              WHERE r.cooperative_id = $1 AND r.loan_id = l.id AND r.received_on <= $2
                AND line->>'bucket' IN ('principal', 'interest')
                AND NOT EXISTS (SELECT FROM loan_repayment_reversal v
                                 WHERE v.cooperative_id = r.cooperative_id
                                   AND v.repayment_id = r.id)
              GROUP BY (line->>'no')::int) p ON p.no = i.no
          WHERE i.cooperative_id = $1 AND i.loan_id = l.id
            AND i.schedule_version = l.schedule_version AND i.due_date < $2
            AND i.principal + i.interest > coalesce(p.amount, 0)) b ON true
       LEFT JOIN LATERAL (
         SELECT sum(x.amount) AS balance FROM posting x
          WHERE x.cooperative_id = $1 AND x.account_id = l.ledger_account_id
            AND x.value_date <= $2) pr ON true
      WHERE l.cooperative_id = $1 AND l.status = 'active' AND l.disbursed_on <= $2
        AND l.id BETWEEN $3 AND $4
      ORDER BY l.id`,
    [cooperativeId, date, range.fromId, range.toId],
  );
  return rows.map((row) => ({
    loanId: row.loan_id,
    productId: row.product_id,
    currency: row.currency,
    oldestUnpaidDue: row.oldest_unpaid_due,
    outstandingPrincipal: row.principal,
  }));
}

export type HeldCollateral = Pick<
  CollateralInput,
  'kind' | 'documentType' | 'inCustody' | 'valuation'
> & { readonly loanId: string };

/** The collateral of these loans not released by `date`. */
export async function collateralHeldOn(
  tx: Tx,
  cooperativeId: string,
  loanIds: readonly string[],
  date: BusinessDate,
): Promise<HeldCollateral[]> {
  const rows = await tx.query<{
    loan_id: string;
    kind: HeldCollateral['kind'];
    document_type: HeldCollateral['documentType'];
    in_custody: boolean;
    valuation: string;
  }>(
    `SELECT loan_id, kind, document_type, in_custody, valuation::text FROM loan_collateral
      WHERE cooperative_id = $1 AND loan_id = ANY ($2::uuid[])
        AND (released_on IS NULL OR released_on > $3)
      ORDER BY loan_id, no`,
    [cooperativeId, loanIds, date],
  );
  return rows.map((row) => ({
    loanId: row.loan_id,
    kind: row.kind,
    documentType: row.document_type,
    inCustody: row.in_custody,
    valuation: row.valuation,
  }));
}

export interface ProvisionRecord {
  readonly loanId: string;
  readonly asOf: BusinessDate;
  readonly closed: boolean;
  readonly oldestUnpaidDue: BusinessDate | null;
  readonly daysPastDue: number;
  readonly preset: CollectibilityPreset;
  readonly computedGrade: LoanGrade | null;
  readonly manualGrade: LoanGrade | null;
  readonly restructuredGrade: LoanGrade | null;
  readonly grade: LoanGrade | null;
  readonly outstandingPrincipal: string;
  readonly collateralCredit: string;
  readonly rate: string;
  readonly required: string;
  readonly change: string;
  readonly entryId: string | null;
}

interface ProvisionRow {
  loan_id: string;
  as_of: BusinessDate;
  closed: boolean;
  oldest_unpaid_due: BusinessDate | null;
  days_past_due: number;
  preset: CollectibilityPreset;
  computed_grade: LoanGrade | null;
  manual_grade: LoanGrade | null;
  restructured_grade: LoanGrade | null;
  grade: LoanGrade | null;
  outstanding_principal: string;
  collateral_credit: string;
  rate: string;
  required: string;
  change: string;
  entry_id: string | null;
}

const provisionColumns = `loan_id, as_of::text, closed, oldest_unpaid_due::text, days_past_due,
  preset, computed_grade, manual_grade, restructured_grade, grade, outstanding_principal::text,
  collateral_credit::text, rate::text, required::text, change::text, entry_id`;

const provision = (row: ProvisionRow): ProvisionRecord => ({
  loanId: row.loan_id,
  asOf: row.as_of,
  closed: row.closed,
  oldestUnpaidDue: row.oldest_unpaid_due,
  daysPastDue: row.days_past_due,
  preset: row.preset,
  computedGrade: row.computed_grade,
  manualGrade: row.manual_grade,
  restructuredGrade: row.restructured_grade,
  grade: row.grade,
  outstandingPrincipal: row.outstanding_principal,
  collateralCredit: row.collateral_credit,
  rate: row.rate,
  required: row.required,
  change: row.change,
  entryId: row.entry_id,
});

/** Each loan's latest provision row, whatever its date. */
export async function latestProvisions(
  tx: Tx,
  cooperativeId: string,
  loanIds: readonly string[],
): Promise<Map<string, ProvisionRecord>> {
  // One backward probe of the key per loan (a lateral lookup with a limit, which the planner
  // keeps as such): DISTINCT ON read every row of every loan, a year of them a loan in time,
  // and with the day's rows missing from the statistics, whatever the day had written so far.
  const rows = await tx.query<ProvisionRow>(
    `SELECT latest.* FROM unnest($2::uuid[]) AS l(id)
       CROSS JOIN LATERAL (
         SELECT ${provisionColumns} FROM loan_provision
          WHERE cooperative_id = $1 AND loan_id = l.id
          ORDER BY as_of DESC LIMIT 1) latest`,
    [cooperativeId, loanIds],
  );
  return new Map(rows.map((row) => [row.loan_id, provision(row)]));
}

/** A loan's provision rows, oldest first. */
export async function provisionsOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<ProvisionRecord[]> {
  const rows = await tx.query<ProvisionRow>(
    `SELECT ${provisionColumns} FROM loan_provision
      WHERE cooperative_id = $1 AND loan_id = $2 ORDER BY as_of`,
    [cooperativeId, loanId],
  );
  return rows.map(provision);
}

export async function insertProvisions(
  tx: Tx,
  cooperativeId: string,
  rows: readonly ProvisionRecord[],
): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof ProvisionRecord>(key: K) => rows.map((row) => row[key]);
  await tx.query(
    `INSERT INTO loan_provision (cooperative_id, loan_id, as_of, closed, oldest_unpaid_due,
                                 days_past_due, preset, computed_grade, manual_grade, grade,
                                 outstanding_principal, collateral_credit, rate, required, change,
                                 entry_id, restructured_grade)
     SELECT $1, t.* FROM unnest($2::uuid[], $3::date[], $4::boolean[], $5::date[], $6::int[],
                                $7::text[], $8::text[], $9::text[], $10::text[], $11::numeric[],
                                $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[],
                                $16::uuid[], $17::text[]) AS t`,
    [
      cooperativeId,
      column('loanId'),
      column('asOf'),
      column('closed'),
      column('oldestUnpaidDue'),
      column('daysPastDue'),
      column('preset'),
      column('computedGrade'),
      column('manualGrade'),
      column('grade'),
      column('outstandingPrincipal'),
      column('collateralCredit'),
      column('rate'),
      column('required'),
      column('change'),
      column('entryId'),
      column('restructuredGrade'),
    ],
  );
}

/**
 * Loans paid off (closed) on `date` whose latest provision row still holds an allowance or a
 * grade: the end of day of their closing date releases them.
 */
export async function closedWithProvision(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
): Promise<{ loanId: string; productId: string; currency: string }[]> {
  const rows = await tx.query<{ loan_id: string; product_id: string; currency: string }>(
    `SELECT l.id AS loan_id, l.product_id, l.currency FROM loan l
      WHERE l.cooperative_id = $1 AND l.status = 'closed' AND l.closed_on = $2
        AND EXISTS (SELECT FROM loan_provision p
                     WHERE p.cooperative_id = l.cooperative_id AND p.loan_id = l.id
                       AND p.as_of <= $2)
      ORDER BY l.id`,
    [cooperativeId, date],
  );
  return rows.map((row) => ({
    loanId: row.loan_id,
    productId: row.product_id,
    currency: row.currency,
  }));
}

export interface GradeTotal {
  readonly grade: LoanGrade;
  readonly loans: number;
  readonly outstandingPrincipal: string;
  readonly collateralCredit: string;
  readonly required: string;
}

/** Running loans by grade as the end of day booked them through `date` (latest rows, not closed). */
export async function gradeTotalsOn(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
): Promise<GradeTotal[]> {
  const rows = await tx.query<{
    grade: LoanGrade;
    loans: number;
    principal: string;
    credit: string;
    required: string;
  }>(
    `SELECT grade, count(*)::int AS loans, sum(outstanding_principal)::text AS principal,
            sum(collateral_credit)::text AS credit, sum(required)::text AS required
       FROM (SELECT DISTINCT ON (loan_id) grade, closed, outstanding_principal,
                    collateral_credit, required
               FROM loan_provision WHERE cooperative_id = $1 AND as_of <= $2
              ORDER BY loan_id, as_of DESC) latest
      WHERE NOT closed
      GROUP BY grade`,
    [cooperativeId, date],
  );
  return rows.map((row) => ({
    grade: row.grade,
    loans: row.loans,
    outstandingPrincipal: row.principal,
    collateralCredit: row.credit,
    required: row.required,
  }));
}

/**
 * Each product's allowance as its loans' latest rows through `date` require it and as its leaf
 * holds it by value date through `date` (credit positive): the two agree when the books do.
 */
export async function allowancesOn(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
): Promise<{ productCode: string; accountCode: string; required: string; booked: string }[]> {
  const rows = await tx.query<{
    code: string;
    account_code: string;
    required: string;
    booked: string;
  }>(
    `WITH latest AS (
       SELECT DISTINCT ON (loan_id) loan_id, required FROM loan_provision
        WHERE cooperative_id = $1 AND as_of <= $2
        ORDER BY loan_id, as_of DESC
     ), required AS (
       SELECT l.product_id, sum(x.required) AS required
         FROM latest x JOIN loan l ON l.cooperative_id = $1 AND l.id = x.loan_id
        GROUP BY l.product_id
     )
     SELECT p.code, a.code AS account_code, coalesce(r.required, 0)::text AS required,
            (-coalesce((SELECT sum(x.amount) FROM posting x
                         WHERE x.cooperative_id = pa.cooperative_id
                           AND x.account_id = pa.allowance_account_id AND x.value_date <= $2),
                       0))::text AS booked
       FROM loan_provision_account pa
       JOIN loan_product p ON p.cooperative_id = pa.cooperative_id AND p.id = pa.product_id
       JOIN account a ON a.cooperative_id = pa.cooperative_id AND a.id = pa.allowance_account_id
       LEFT JOIN required r ON r.product_id = p.id
      WHERE pa.cooperative_id = $1
      ORDER BY p.code`,
    [cooperativeId, date],
  );
  return rows.map((row) => ({
    productCode: row.code,
    accountCode: row.account_code,
    required: row.required,
    booked: row.booked,
  }));
}
