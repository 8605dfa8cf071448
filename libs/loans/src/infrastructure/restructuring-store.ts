import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { LoanGrade } from '../domain/collectibility';
import type { LoanTerms } from '../domain/loan-terms';
import { type RestructuredTerms, restructuredGrade } from '../domain/restructuring';

export interface RestructuringRecord {
  readonly id: string;
  readonly loanId: string;
  readonly restructuredOn: BusinessDate;
  readonly approvalRequestId: string;
  readonly requestedBy: string;
  readonly reason: string;
  /** The schedule version in force before; it stays readable. */
  readonly fromVersion: number;
  readonly toVersion: number;
  /** Instalments 1..keptInstalments of the new version are the old schedule's, closed on the day. */
  readonly keptInstalments: number;
  readonly outstandingPrincipal: string;
  readonly unpaidInterest: string;
  readonly capitalisedInterest: string;
  readonly newPrincipal: string;
  /** What the day's closing moved interest receivable by (accrual catching up to the closed form). */
  readonly closingAdjustment: string;
  readonly entryId: string | null;
  readonly termsBefore: RestructuredTerms;
  readonly termsAfter: RestructuredTerms;
  readonly gradeBefore: LoanGrade;
  readonly daysPastDueBefore: number;
}

interface Row {
  id: string;
  loan_id: string;
  restructured_on: BusinessDate;
  approval_request_id: string;
  requested_by: string;
  reason: string;
  from_version: number;
  to_version: number;
  kept_instalments: number;
  outstanding_principal: string;
  unpaid_interest: string;
  capitalised_interest: string;
  new_principal: string;
  closing_adjustment: string;
  entry_id: string | null;
  terms_before: RestructuredTerms;
  terms_after: RestructuredTerms;
  grade_before: LoanGrade;
  days_past_due_before: number;
}

const columns = `id, loan_id, restructured_on::text, approval_request_id, requested_by, reason,
  from_version, to_version, kept_instalments, outstanding_principal::text,
  unpaid_interest::text, capitalised_interest::text, new_principal::text,
  closing_adjustment::text, entry_id, terms_before, terms_after, grade_before,
  days_past_due_before`;

const record = (row: Row): RestructuringRecord => ({
  id: row.id,
  loanId: row.loan_id,
  restructuredOn: row.restructured_on,
  approvalRequestId: row.approval_request_id,
  requestedBy: row.requested_by,
  reason: row.reason,
  fromVersion: row.from_version,
  toVersion: row.to_version,
  keptInstalments: row.kept_instalments,
  outstandingPrincipal: row.outstanding_principal,
  unpaidInterest: row.unpaid_interest,
  capitalisedInterest: row.capitalised_interest,
  newPrincipal: row.new_principal,
  closingAdjustment: row.closing_adjustment,
  entryId: row.entry_id,
  termsBefore: row.terms_before,
  termsAfter: row.terms_after,
  gradeBefore: row.grade_before,
  daysPastDueBefore: row.days_past_due_before,
});

export async function insertRestructuring(
  tx: Tx,
  cooperativeId: string,
  r: RestructuringRecord,
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_restructuring (cooperative_id, id, loan_id, restructured_on,
                                     approval_request_id, requested_by, reason, from_version,
                                     to_version, kept_instalments, outstanding_principal,
                                     unpaid_interest, capitalised_interest, new_principal,
                                     closing_adjustment, entry_id, terms_before, terms_after,
                                     grade_before, days_past_due_before)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
             $19, $20)`,
    [
      cooperativeId,
      r.id,
      r.loanId,
      r.restructuredOn,
      r.approvalRequestId,
      r.requestedBy,
      r.reason,
      r.fromVersion,
      r.toVersion,
      r.keptInstalments,
      r.outstandingPrincipal,
      r.unpaidInterest,
      r.capitalisedInterest,
      r.newPrincipal,
      r.closingAdjustment,
      r.entryId,
      JSON.stringify(r.termsBefore),
      JSON.stringify(r.termsAfter),
      r.gradeBefore,
      r.daysPastDueBefore,
    ],
  );
}

/** A loan's restructurings, oldest first. */
export async function restructuringsOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<RestructuringRecord[]> {
  const rows = await tx.query<Row>(
    `SELECT ${columns} FROM loan_restructuring
      WHERE cooperative_id = $1 AND loan_id = $2 ORDER BY restructured_on, id`,
    [cooperativeId, loanId],
  );
  return rows.map(record);
}

/** The loan takes the restructured terms and the capitalised interest as principal. */
export async function restructureLoan(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  change: { principal: string; rate: string; instalments: number; terms: LoanTerms },
): Promise<void> {
  await tx.query(
    `UPDATE loan SET principal = $3, rate = $4, instalments = $5, terms = $6
      WHERE cooperative_id = $1 AND id = $2`,
    [
      cooperativeId,
      loanId,
      change.principal,
      change.rate,
      change.instalments,
      JSON.stringify(change.terms),
    ],
  );
}

/** Each loan's latest restructuring on or before `date`, with how far its new schedule is paid. */
export interface RestructuringStanding {
  readonly loanId: string;
  readonly gradeBefore: LoanGrade;
  /** Instalments of the new schedule in the version in force now. */
  readonly newInstalments: number;
  /** Of them, those whose principal and interest repayments received by `date` cover in full. */
  readonly paidInFull: number;
}

/**
 * For these loans, the latest restructuring decided on or before `date` and how many of its new
 * instalments (numbered after the kept ones, in the version in force) repayments received by
 * `date` paid in full (those not reversed or superseded: a reversal corrects the record).
 */
export async function restructuringStandings(
  tx: Tx,
  cooperativeId: string,
  loanIds: readonly string[],
  date: BusinessDate,
): Promise<RestructuringStanding[]> {
  if (loanIds.length === 0) return [];
  const rows = await tx.query<{
    loan_id: string;
    grade_before: LoanGrade;
    total: number;
    paid: number;
  }>(
    `SELECT r.loan_id, r.grade_before, s.total, s.paid
       FROM (SELECT DISTINCT ON (loan_id) loan_id, grade_before, kept_instalments
               FROM loan_restructuring
              WHERE cooperative_id = $1 AND loan_id = ANY ($2::uuid[]) AND restructured_on <= $3
              ORDER BY loan_id, restructured_on DESC, id DESC) r
       JOIN loan l ON l.cooperative_id = $1 AND l.id = r.loan_id
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS total,
                count(*) FILTER (WHERE i.principal + i.interest <= coalesce(p.amount, 0))::int
                  AS paid
           FROM loan_instalment i
           LEFT JOIN (
             SELECT (line->>'no')::int AS no, sum((line->>'amount')::numeric) AS amount
               FROM loan_repayment x
               CROSS JOIN LATERAL jsonb_array_elements(x.allocation->'lines') line
              WHERE x.cooperative_id = $1 AND x.loan_id = r.loan_id AND x.received_on <= $3
                AND line->>'bucket' IN ('principal', 'interest')
                AND NOT EXISTS (SELECT FROM loan_repayment_reversal v
                                 WHERE v.cooperative_id = x.cooperative_id
                                   AND v.repayment_id = x.id)
              GROUP BY (line->>'no')::int) p ON p.no = i.no
          WHERE i.cooperative_id = $1 AND i.loan_id = r.loan_id
            AND i.schedule_version = l.schedule_version AND i.no > r.kept_instalments) s
      ORDER BY r.loan_id`,
    [cooperativeId, loanIds, date],
  );
  return rows.map((row) => ({
    loanId: row.loan_id,
    gradeBefore: row.grade_before,
    newInstalments: row.total,
    paidInFull: row.paid,
  }));
}

/**
 * Each of these loans' restructuring grade in force on `date`: the grade it had when last
 * restructured on or before `date`, until it has paid enough of the new schedule (domain rule).
 */
export async function restructuredGradesOn(
  tx: Tx,
  cooperativeId: string,
  loanIds: readonly string[],
  date: BusinessDate,
): Promise<Map<string, LoanGrade>> {
  const grades = new Map<string, LoanGrade>();
  for (const standing of await restructuringStandings(tx, cooperativeId, loanIds, date)) {
    const grade = restructuredGrade(
      standing.gradeBefore,
      standing.newInstalments,
      standing.paidInFull,
    );
    if (grade !== null) grades.set(standing.loanId, grade);
  }
  return grades;
}

/** The versions a loan's schedule has had, oldest first. */
export async function scheduleVersionsOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<number[]> {
  const rows = await tx.query<{ version: number }>(
    `SELECT DISTINCT schedule_version AS version FROM loan_instalment
      WHERE cooperative_id = $1 AND loan_id = $2 ORDER BY 1`,
    [cooperativeId, loanId],
  );
  return rows.map((row) => row.version);
}
