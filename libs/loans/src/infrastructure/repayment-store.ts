import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { AssessedPenalty, PaidLine } from '../domain/loan-position';

export interface RepaymentRecord {
  readonly id: string;
  readonly loanId: string;
  readonly receivedOn: BusinessDate;
  readonly amount: string;
  readonly channel: 'cash' | 'savings';
  readonly savingsAccountId: string | null;
  readonly entryId: string;
  readonly receiptNumber: string | null;
  readonly penalty: string;
  readonly fees: string;
  readonly interest: string;
  readonly principal: string;
  /** Lines against instalments, and principal prepaid beyond them. */
  readonly allocation: { readonly lines: readonly PaidLine[]; readonly prepaid: string };
  /** The schedule in force when it was received, before any prepayment it made. */
  readonly scheduleVersion: number;
  readonly replacesRepaymentId: string | null;
  readonly recordedBy: string;
  /** Set once the repayment stopped counting: reversed, or superseded by its re-application. */
  readonly reversedOn: BusinessDate | null;
  readonly endedAs: 'reversed' | 'superseded' | null;
}

interface RepaymentRow {
  id: string;
  loan_id: string;
  received_on: BusinessDate;
  amount: string;
  channel: 'cash' | 'savings';
  savings_account_id: string | null;
  entry_id: string;
  receipt_number: string | null;
  penalty: string;
  fees: string;
  interest: string;
  principal: string;
  allocation: RepaymentRecord['allocation'];
  schedule_version: number;
  replaces_repayment_id: string | null;
  recorded_by: string;
  reversed_on: BusinessDate | null;
  ended_as: 'reversed' | 'superseded' | null;
}

export async function insertRepayment(
  tx: Tx,
  cooperativeId: string,
  repayment: Omit<RepaymentRecord, 'reversedOn' | 'endedAs'>,
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_repayment (cooperative_id, id, loan_id, received_on, amount, channel,
                                 savings_account_id, entry_id, receipt_number, penalty, fees,
                                 interest, principal, allocation, schedule_version,
                                 replaces_repayment_id, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      cooperativeId,
      repayment.id,
      repayment.loanId,
      repayment.receivedOn,
      repayment.amount,
      repayment.channel,
      repayment.savingsAccountId,
      repayment.entryId,
      repayment.receiptNumber,
      repayment.penalty,
      repayment.fees,
      repayment.interest,
      repayment.principal,
      JSON.stringify(repayment.allocation),
      repayment.scheduleVersion,
      repayment.replacesRepaymentId,
      repayment.recordedBy,
    ],
  );
}

/** A loan's repayments in the order they were taken, reversed ones marked. */
export async function repaymentsOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<RepaymentRecord[]> {
  const rows = await tx.query<RepaymentRow>(
    `SELECT r.id, r.loan_id, r.received_on::text, r.amount::text, r.channel,
            r.savings_account_id, r.entry_id, r.receipt_number::text, r.penalty::text,
            r.fees::text, r.interest::text, r.principal::text, r.allocation, r.schedule_version,
            r.replaces_repayment_id, r.recorded_by, v.reversed_on::text, v.kind AS ended_as
       FROM loan_repayment r
       LEFT JOIN loan_repayment_reversal v
         ON v.cooperative_id = r.cooperative_id AND v.repayment_id = r.id
      WHERE r.cooperative_id = $1 AND r.loan_id = $2
      ORDER BY r.id`,
    [cooperativeId, loanId],
  );
  return rows.map((row) => ({
    id: row.id,
    loanId: row.loan_id,
    receivedOn: row.received_on,
    amount: row.amount,
    channel: row.channel,
    savingsAccountId: row.savings_account_id,
    entryId: row.entry_id,
    receiptNumber: row.receipt_number,
    penalty: row.penalty,
    fees: row.fees,
    interest: row.interest,
    principal: row.principal,
    allocation: row.allocation,
    scheduleVersion: row.schedule_version,
    replacesRepaymentId: row.replaces_repayment_id,
    recordedBy: row.recorded_by,
    reversedOn: row.reversed_on,
    endedAs: row.ended_as,
  }));
}

export async function endRepayment(
  tx: Tx,
  cooperativeId: string,
  ending: {
    repaymentId: string;
    kind: 'reversed' | 'superseded';
    entryId: string | null;
    approvalRequestId: string | null;
    on: BusinessDate;
    reason: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_repayment_reversal (cooperative_id, repayment_id, kind, entry_id,
                                          approval_request_id, reversed_on, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      cooperativeId,
      ending.repaymentId,
      ending.kind,
      ending.entryId,
      ending.approvalRequestId,
      ending.on,
      ending.reason,
    ],
  );
}

export async function penaltiesOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<(AssessedPenalty & { assessedOn: BusinessDate })[]> {
  const rows = await tx.query<{ instalment_no: number; amount: string; assessed_on: BusinessDate }>(
    `SELECT instalment_no, amount::text, assessed_on::text FROM loan_penalty
      WHERE cooperative_id = $1 AND loan_id = $2 ORDER BY assessed_on, instalment_no`,
    [cooperativeId, loanId],
  );
  return rows.map((row) => ({
    no: row.instalment_no,
    amount: row.amount,
    assessedOn: row.assessed_on,
  }));
}

/** Penalties assessed for one date: empty when the date has not been assessed. */
export async function penaltyAssessedOn(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  date: BusinessDate,
): Promise<boolean> {
  const [row] = await tx.query(
    `SELECT 1 FROM loan_penalty WHERE cooperative_id = $1 AND loan_id = $2 AND assessed_on = $3 LIMIT 1`,
    [cooperativeId, loanId, date],
  );
  return row !== undefined;
}

export async function insertPenalties(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  date: BusinessDate,
  lines: readonly { no: number; amount: string }[],
  held: { as: 'receivable' | 'memorandum'; entryId: string } | { as: 'off-books' },
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_penalty (cooperative_id, loan_id, assessed_on, instalment_no, amount,
                              entry_id, held)
     SELECT $1, $2, $3, t.no, t.amount, $6, $7
       FROM unnest($4::int[], $5::numeric[]) AS t(no, amount)`,
    [
      cooperativeId,
      loanId,
      date,
      lines.map((l) => l.no),
      lines.map((l) => l.amount),
      held.as === 'off-books' ? null : held.entryId,
      held.as,
    ],
  );
}

export async function insertAccruals(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  rows: readonly {
    date: BusinessDate;
    kind: 'daily' | 'closing' | 'restructuring';
    amount: string;
  }[],
  entryId: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_accrual (cooperative_id, loan_id, accrual_date, kind, amount, entry_id)
     SELECT $1, $2, t.accrual_date, t.kind, t.amount, $6
       FROM unnest($3::date[], $4::text[], $5::numeric[]) AS t(accrual_date, kind, amount)`,
    [
      cooperativeId,
      loanId,
      rows.map((r) => r.date),
      rows.map((r) => r.kind),
      rows.map((r) => r.amount),
      entryId,
    ],
  );
}

/**
 * Several loans' accrual days in one statement, all against one entry (or none: zero, or days
 * suspended off the books); `suspended` for days accrued while the loan's interest is suspended.
 */
export async function insertAccrualRows(
  tx: Tx,
  cooperativeId: string,
  rows: readonly { loanId: string; date: BusinessDate; amount: string }[],
  entryId: string | null,
  kind: 'daily' | 'suspended' = 'daily',
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO loan_accrual (cooperative_id, loan_id, accrual_date, kind, amount, entry_id)
     SELECT $1, t.loan_id, t.accrual_date, $6, t.amount, $5
       FROM unnest($2::uuid[], $3::date[], $4::numeric[]) AS t(loan_id, accrual_date, amount)`,
    [
      cooperativeId,
      rows.map((r) => r.loanId),
      rows.map((r) => r.date),
      rows.map((r) => r.amount),
      entryId,
      kind,
    ],
  );
}

/**
 * Locks a disbursed loan's accrual position and reads it: the last day accrued (the day of
 * disbursement before the first). Whoever accrues a loan holds this lock (the end of day for a
 * chunk's loans, a repayment or payoff after the loan's), so one day is never accrued twice.
 * Undefined before disbursement.
 */
export async function lockAccrualPosition(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<BusinessDate | undefined> {
  const [row] = await tx.query<{ accrued_through: BusinessDate }>(
    `SELECT accrued_through::text FROM loan_accrual_position
      WHERE cooperative_id = $1 AND loan_id = $2 FOR UPDATE`,
    [cooperativeId, loanId],
  );
  return row?.accrued_through;
}

/** The loans' interest is accrued through `date`; the caller holds their position locks. */
export async function markAccruedThrough(
  tx: Tx,
  cooperativeId: string,
  loanIds: string | readonly string[],
  date: BusinessDate,
): Promise<void> {
  await tx.query(
    `UPDATE loan_accrual_position SET accrued_through = $3
      WHERE cooperative_id = $1 AND loan_id = ANY ($2::uuid[])`,
    [cooperativeId, typeof loanIds === 'string' ? [loanIds] : loanIds, date],
  );
}

/** Interest accrued on a loan (daily rows and closing adjustments). */
export async function accruedInterest(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  through?: BusinessDate,
): Promise<string> {
  const [row] = await tx.query<{ total: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS total FROM loan_accrual
      WHERE cooperative_id = $1 AND loan_id = $2 AND ($3::date IS NULL OR accrual_date <= $3)`,
    [cooperativeId, loanId, through ?? null],
  );
  return row.total;
}

export async function closeLoan(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  on: BusinessDate,
): Promise<void> {
  await tx.query(
    `UPDATE loan SET status = 'closed', closed_on = $3 WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, loanId, on],
  );
}
