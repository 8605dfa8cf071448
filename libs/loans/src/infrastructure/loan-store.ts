import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type {
  ChargedFee,
  CollateralInput,
  GuarantorInput,
  LoanSector,
} from '../domain/loan-application';
import type { LoanTerms } from '../domain/loan-terms';

export const loanStatuses = [
  'applied',
  'approved',
  'rejected',
  'cancelled',
  'active',
  'closed',
  'written-off',
] as const;
export type LoanStatus = (typeof loanStatuses)[number];

export interface LoanRecord {
  readonly id: string;
  readonly loanNumber: string;
  readonly memberId: string;
  readonly productId: string;
  readonly currency: string;
  readonly amount: string;
  readonly principal: string;
  readonly rate: string;
  readonly instalments: number;
  readonly purpose: string;
  readonly sector: LoanSector;
  readonly commodity: string | null;
  /** A Kemendagri province code or, for a business abroad, an ISO country code; for reports. */
  readonly region: string | null;
  readonly relatedParty: boolean;
  readonly terms: LoanTerms;
  readonly fees: readonly ChargedFee[];
  readonly status: LoanStatus;
  readonly appliedBy: string;
  readonly appliedOn: BusinessDate;
  readonly approvalRequestId: string | null;
  readonly decidedOn: BusinessDate | null;
  readonly rejectionReason: string | null;
  readonly disbursedOn: BusinessDate | null;
  readonly disbursementEntryId: string | null;
  readonly ledgerAccountId: string | null;
  readonly scheduleVersion: number;
  readonly accruedThrough: BusinessDate | null;
  readonly closedOn: BusinessDate | null;
}

export interface CollateralRecord extends CollateralInput {
  readonly no: number;
  readonly releasedOn: BusinessDate | null;
}

export interface GuarantorRecord extends GuarantorInput {
  readonly no: number;
}

const columns = `id, loan_number, member_id, product_id, currency, amount::text, principal::text,
  rate::text, instalments, purpose, sector, commodity, region, related_party, terms, fees, status,
  applied_by, applied_on::text, approval_request_id, decided_on::text, rejection_reason,
  disbursed_on::text, disbursement_entry_id, ledger_account_id, schedule_version,
  (SELECT p.accrued_through FROM loan_accrual_position p
    WHERE p.cooperative_id = loan.cooperative_id AND p.loan_id = loan.id)::text AS accrued_through,
  closed_on::text`;

interface LoanRow {
  id: string;
  loan_number: string;
  member_id: string;
  product_id: string;
  currency: string;
  amount: string;
  principal: string;
  rate: string;
  instalments: number;
  purpose: string;
  sector: LoanSector;
  commodity: string | null;
  region: string | null;
  related_party: boolean;
  terms: LoanTerms;
  fees: ChargedFee[];
  status: LoanStatus;
  applied_by: string;
  applied_on: BusinessDate;
  approval_request_id: string | null;
  decided_on: BusinessDate | null;
  rejection_reason: string | null;
  disbursed_on: BusinessDate | null;
  disbursement_entry_id: string | null;
  ledger_account_id: string | null;
  schedule_version: number;
  accrued_through: BusinessDate | null;
  closed_on: BusinessDate | null;
}

function record(row: LoanRow): LoanRecord {
  return {
    id: row.id,
    loanNumber: row.loan_number,
    memberId: row.member_id,
    productId: row.product_id,
    currency: row.currency,
    amount: row.amount,
    principal: row.principal,
    rate: row.rate,
    instalments: row.instalments,
    purpose: row.purpose,
    sector: row.sector,
    commodity: row.commodity,
    region: row.region,
    relatedParty: row.related_party,
    terms: row.terms,
    fees: row.fees,
    status: row.status,
    appliedBy: row.applied_by,
    appliedOn: row.applied_on,
    approvalRequestId: row.approval_request_id,
    decidedOn: row.decided_on,
    rejectionReason: row.rejection_reason,
    disbursedOn: row.disbursed_on,
    disbursementEntryId: row.disbursement_entry_id,
    ledgerAccountId: row.ledger_account_id,
    scheduleVersion: row.schedule_version,
    accruedThrough: row.accrued_through,
    closedOn: row.closed_on,
  };
}

export async function nextLoanNumber(tx: Tx, cooperativeId: string): Promise<string> {
  const [row] = await tx.query<{ last_number: string }>(
    `INSERT INTO loan_number AS n (cooperative_id, last_number) VALUES ($1, 1)
     ON CONFLICT (cooperative_id) DO UPDATE SET last_number = n.last_number + 1
     RETURNING last_number::text`,
    [cooperativeId],
  );
  return row.last_number.padStart(8, '0');
}

export type NewLoan = Pick<
  LoanRecord,
  | 'id'
  | 'loanNumber'
  | 'memberId'
  | 'productId'
  | 'currency'
  | 'amount'
  | 'principal'
  | 'rate'
  | 'instalments'
  | 'purpose'
  | 'sector'
  | 'commodity'
  | 'region'
  | 'relatedParty'
  | 'terms'
  | 'fees'
  | 'appliedBy'
  | 'appliedOn'
>;

export async function insertLoan(tx: Tx, cooperativeId: string, loan: NewLoan): Promise<void> {
  await tx.query(
    `INSERT INTO loan (cooperative_id, id, loan_number, member_id, product_id, currency, amount,
                       principal, rate, instalments, purpose, sector, commodity, related_party,
                       terms, fees, applied_by, applied_on, region)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
             $19)`,
    [
      cooperativeId,
      loan.id,
      loan.loanNumber,
      loan.memberId,
      loan.productId,
      loan.currency,
      loan.amount,
      loan.principal,
      loan.rate,
      loan.instalments,
      loan.purpose,
      loan.sector,
      loan.commodity,
      loan.relatedParty,
      JSON.stringify(loan.terms),
      JSON.stringify(loan.fees),
      loan.appliedBy,
      loan.appliedOn,
      loan.region,
    ],
  );
}

export async function insertCollateral(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  items: readonly CollateralInput[],
  valuedOnDefault: BusinessDate,
): Promise<void> {
  if (items.length === 0) return;
  await tx.query(
    `INSERT INTO loan_collateral (cooperative_id, loan_id, no, kind, description, document_type,
                                  document_number, valuation, valued_on, in_custody)
     SELECT $1, $2, t.no, t.kind, t.description, t.document_type, t.document_number, t.valuation,
            t.valued_on, t.in_custody
       FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[],
                   $9::date[], $10::boolean[])
         AS t(no, kind, description, document_type, document_number, valuation, valued_on,
              in_custody)`,
    [
      cooperativeId,
      loanId,
      items.map((_, i) => i + 1),
      items.map((c) => c.kind),
      items.map((c) => c.description),
      items.map((c) => c.documentType),
      items.map((c) => c.documentNumber),
      items.map((c) => c.valuation),
      items.map((c) => c.valuedOn ?? valuedOnDefault),
      items.map((c) => c.inCustody),
    ],
  );
}

export async function insertGuarantors(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  guarantors: readonly GuarantorInput[],
): Promise<void> {
  if (guarantors.length === 0) return;
  await tx.query(
    `INSERT INTO loan_guarantor (cooperative_id, loan_id, no, member_id, full_name, relationship)
     SELECT $1, $2, t.no, t.member_id, t.full_name, t.relationship
       FROM unnest($3::int[], $4::uuid[], $5::text[], $6::text[])
         AS t(no, member_id, full_name, relationship)`,
    [
      cooperativeId,
      loanId,
      guarantors.map((_, i) => i + 1),
      guarantors.map((g) => g.memberId),
      guarantors.map((g) => g.fullName),
      guarantors.map((g) => g.relationship),
    ],
  );
}

export async function loanById(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  lock = false,
): Promise<LoanRecord | undefined> {
  const [row] = await tx.query<LoanRow>(
    `SELECT ${columns} FROM loan WHERE cooperative_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [cooperativeId, loanId],
  );
  return row && record(row);
}

export async function loansOf(
  tx: Tx,
  cooperativeId: string,
  query: { memberId?: string; status?: LoanStatus; after?: string; limit: number },
): Promise<LoanRecord[]> {
  const rows = await tx.query<LoanRow>(
    `SELECT ${columns} FROM loan
      WHERE cooperative_id = $1
        AND ($2::uuid IS NULL OR member_id = $2)
        AND ($3::text IS NULL OR status = $3)
        AND ($4::uuid IS NULL OR id > $4)
      ORDER BY id LIMIT $5`,
    [cooperativeId, query.memberId ?? null, query.status ?? null, query.after ?? null, query.limit],
  );
  return rows.map(record);
}

/** What the end of day needs of a running loan; the rest is read only for the few it needs. */
export interface RunningLoan {
  readonly id: string;
  readonly productId: string;
  readonly currency: string;
  /** The loan's terms charge late penalties. */
  readonly penalized: boolean;
}

/**
 * Loans running on `date` (disbursed on or before it, not closed) with ids in [fromId, toId],
 * in id order, their accrual positions locked (not the loan rows: the end of day writes none).
 */
export async function lockRunningLoans(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
  range: { fromId: string; toId: string },
): Promise<RunningLoan[]> {
  const rows = await tx.query<{
    id: string;
    product_id: string;
    currency: string;
    penalized: boolean;
  }>(
    `SELECT l.id, l.product_id, l.currency,
            jsonb_typeof(l.terms -> 'penalty') = 'object' AS penalized
       FROM loan l
       JOIN loan_accrual_position p ON p.cooperative_id = l.cooperative_id AND p.loan_id = l.id
      WHERE l.cooperative_id = $1 AND l.status = 'active' AND l.disbursed_on <= $2
        AND l.id BETWEEN $3 AND $4
      ORDER BY l.id FOR UPDATE OF p`,
    [cooperativeId, date, range.fromId, range.toId],
  );
  return rows.map((row) => ({
    id: row.id,
    productId: row.product_id,
    currency: row.currency,
    penalized: row.penalized === true,
  }));
}

/** The ids of the loans running on `date`, in order: a run's chunks are cut from them. */
export async function loanIdsRunningOn(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM loan
      WHERE cooperative_id = $1 AND status = 'active' AND disbursed_on <= $2
      ORDER BY id`,
    [cooperativeId, date],
  );
  return rows.map((row) => row.id);
}

export async function collateralOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<CollateralRecord[]> {
  const rows = await tx.query<{
    no: number;
    kind: CollateralRecord['kind'];
    description: string;
    document_type: CollateralRecord['documentType'];
    document_number: string;
    valuation: string;
    valued_on: BusinessDate;
    in_custody: boolean;
    released_on: BusinessDate | null;
  }>(
    `SELECT no, kind, description, document_type, document_number, valuation::text,
            valued_on::text, in_custody, released_on::text
       FROM loan_collateral WHERE cooperative_id = $1 AND loan_id = $2 ORDER BY no`,
    [cooperativeId, loanId],
  );
  return rows.map((row) => ({
    no: row.no,
    kind: row.kind,
    description: row.description,
    documentType: row.document_type,
    documentNumber: row.document_number,
    valuation: row.valuation,
    valuedOn: row.valued_on,
    inCustody: row.in_custody,
    releasedOn: row.released_on,
  }));
}

export async function guarantorsOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<GuarantorRecord[]> {
  const rows = await tx.query<{
    no: number;
    member_id: string | null;
    full_name: string;
    relationship: string;
  }>(
    `SELECT no, member_id, full_name, relationship FROM loan_guarantor
      WHERE cooperative_id = $1 AND loan_id = $2 ORDER BY no`,
    [cooperativeId, loanId],
  );
  return rows.map((row) => ({
    no: row.no,
    memberId: row.member_id,
    fullName: row.full_name,
    relationship: row.relationship,
  }));
}

export async function recordApprovalRequest(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  requestId: string,
): Promise<void> {
  await tx.query(`UPDATE loan SET approval_request_id = $3 WHERE cooperative_id = $1 AND id = $2`, [
    cooperativeId,
    loanId,
    requestId,
  ]);
}

export async function decideLoan(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  decision: { status: 'approved' | 'rejected' | 'cancelled'; on: BusinessDate; reason?: string },
): Promise<void> {
  await tx.query(
    `UPDATE loan SET status = $3, decided_on = $4, rejection_reason = $5
      WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, loanId, decision.status, decision.on, decision.reason ?? null],
  );
}

/** Disbursed: interest accrues from the day after (the accrual position starts there). */
export async function activateLoan(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  disbursement: {
    on: BusinessDate;
    entryId: string;
    ledgerAccountId: string;
    /** A loan brought over at a cut-over accrued in the old books through the day before it. */
    accruedThrough?: BusinessDate;
  },
): Promise<void> {
  await tx.query(
    `UPDATE loan SET status = 'active', disbursed_on = $3, disbursement_entry_id = $4,
                     ledger_account_id = $5
      WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, loanId, disbursement.on, disbursement.entryId, disbursement.ledgerAccountId],
  );
  await tx.query(
    `INSERT INTO loan_accrual_position (cooperative_id, loan_id, accrued_through)
     VALUES ($1, $2, $3)`,
    [cooperativeId, loanId, disbursement.accruedThrough ?? disbursement.on],
  );
}

export async function releaseCollateral(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  on: BusinessDate,
): Promise<void> {
  await tx.query(
    `UPDATE loan_collateral SET released_on = $3
      WHERE cooperative_id = $1 AND loan_id = $2 AND released_on IS NULL`,
    [cooperativeId, loanId, on],
  );
}

/**
 * What the cooperative has lent or promised: outstanding principal of running loans (from
 * their ledger leaves) plus the amounts of loans applied for or approved but not disbursed.
 * `relatedOnly` narrows it to related parties; `memberId` to one borrower.
 */
export async function exposure(
  tx: Tx,
  cooperativeId: string,
  filter: { memberId?: string; relatedOnly?: boolean; excludingLoanId: string },
): Promise<string> {
  const [row] = await tx.query<{ total: string }>(
    `SELECT coalesce(sum(CASE WHEN l.status = 'active' THEN b.balance ELSE l.principal END), 0)::text
              AS total
       FROM loan l
       LEFT JOIN ledger_balance b
         ON b.cooperative_id = l.cooperative_id AND b.account_id = l.ledger_account_id
      WHERE l.cooperative_id = $1 AND l.status IN ('applied','approved','active')
        AND l.id <> $2
        AND ($3::uuid IS NULL OR l.member_id = $3)
        AND (NOT $4 OR l.related_party)`,
    [cooperativeId, filter.excludingLoanId, filter.memberId ?? null, filter.relatedOnly ?? false],
  );
  return row.total;
}

/**
 * Own capital (modal sendiri): equity leaves plus this year's result not yet closed to equity,
 * in the functional currency, on the credit side.
 */
export async function ownCapital(
  tx: Tx,
  cooperativeId: string,
  functionalCurrency: string,
): Promise<string> {
  const [row] = await tx.query<{ total: string }>(
    `SELECT coalesce(-sum(b.balance), 0)::text AS total
       FROM account a
       JOIN ledger_balance b ON b.cooperative_id = a.cooperative_id AND b.account_id = a.id
      WHERE a.cooperative_id = $1 AND a.is_leaf AND a.currency = $2
        AND a.class IN ('equity','income','expense')`,
    [cooperativeId, functionalCurrency],
  );
  return row.total;
}

/** After loans arrive with their numbers from another system (a cut-over), numbering goes on. */
export async function advanceLoanNumber(
  tx: Tx,
  cooperativeId: string,
  atLeast: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_number AS n (cooperative_id, last_number) VALUES ($1, $2)
     ON CONFLICT (cooperative_id) DO UPDATE SET last_number = greatest(n.last_number, $2)`,
    [cooperativeId, atLeast],
  );
}
