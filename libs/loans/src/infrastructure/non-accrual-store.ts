import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { LoanGrade } from '../domain/collectibility';

/** A loan's accrual suspended (`suspend`) or resumed (`resume`) by the end of day of a date. */
export interface SuspensionEvent {
  readonly loanId: string;
  readonly on: BusinessDate;
  readonly action: 'suspend' | 'resume';
  /** The grade the end of day booked for the loan that day. */
  readonly grade: LoanGrade;
  /** The product kept suspended interest in memorandum (`memorandumOnNonPerforming`). */
  readonly memorandum: boolean;
  /** Interest accrued and unpaid taken from income into memorandum on suspension. */
  readonly reversed: string;
  /** Penalties assessed and unpaid taken from the receivable into memorandum on suspension. */
  readonly penaltyReversed: string;
  readonly entryId: string | null;
}

export async function insertSuspensionEvents(
  tx: Tx,
  cooperativeId: string,
  rows: readonly SuspensionEvent[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO loan_interest_suspension (cooperative_id, loan_id, event_date, action, grade,
                                           memorandum, reversed, entry_id, penalty_reversed)
     SELECT $1, t.* FROM unnest($2::uuid[], $3::date[], $4::text[], $5::text[], $6::boolean[],
                                $7::numeric[], $8::uuid[], $9::numeric[]) AS t`,
    [
      cooperativeId,
      rows.map((r) => r.loanId),
      rows.map((r) => r.on),
      rows.map((r) => r.action),
      rows.map((r) => r.grade),
      rows.map((r) => r.memorandum),
      rows.map((r) => r.reversed),
      rows.map((r) => r.entryId),
      rows.map((r) => r.penaltyReversed),
    ],
  );
}

interface EventRow {
  loan_id: string;
  event_date: BusinessDate;
  action: 'suspend' | 'resume';
  grade: LoanGrade;
  memorandum: boolean;
  reversed: string;
  penalty_reversed: string;
  entry_id: string | null;
}

const event = (row: EventRow): SuspensionEvent => ({
  loanId: row.loan_id,
  on: row.event_date,
  action: row.action,
  grade: row.grade,
  memorandum: row.memorandum,
  reversed: row.reversed,
  penaltyReversed: row.penalty_reversed,
  entryId: row.entry_id,
});

/** A loan's suspensions and resumptions, oldest first. */
export async function suspensionEventsOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<SuspensionEvent[]> {
  const rows = await tx.query<EventRow>(
    `SELECT loan_id, event_date::text, action, grade, memorandum, reversed::text,
            penalty_reversed::text, entry_id
       FROM loan_interest_suspension WHERE cooperative_id = $1 AND loan_id = $2
      ORDER BY event_date`,
    [cooperativeId, loanId],
  );
  return rows.map(event);
}

/**
 * The loans among these whose accrual stands suspended (their latest event a `suspend`), with
 * whether their suspended days go to memorandum. Events exist only for days already accrued, so
 * the latest one governs every day still to accrue.
 */
export async function suspendedAmong(
  tx: Tx,
  cooperativeId: string,
  loanIds: readonly string[],
): Promise<Map<string, { memorandum: boolean }>> {
  if (loanIds.length === 0) return new Map();
  const rows = await tx.query<{ loan_id: string; memorandum: boolean }>(
    `SELECT s.loan_id, s.memorandum
       FROM unnest($2::uuid[]) AS l(id)
       CROSS JOIN LATERAL (
         SELECT loan_id, action, memorandum FROM loan_interest_suspension
          WHERE cooperative_id = $1 AND loan_id = l.id
          ORDER BY event_date DESC LIMIT 1) s
      WHERE s.action = 'suspend'`,
    [cooperativeId, loanIds],
  );
  return new Map(rows.map((row) => [row.loan_id, { memorandum: row.memorandum }]));
}

/** Whether the loan's accrual was ever suspended: its interest then follows the split rule. */
export async function everSuspended(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<boolean> {
  const [row] = await tx.query(
    `SELECT 1 FROM loan_interest_suspension WHERE cooperative_id = $1 AND loan_id = $2 LIMIT 1`,
    [cooperativeId, loanId],
  );
  return row !== undefined;
}

/** What the end of day's suspension step reads of a running loan. */
export interface SuspensionCandidate {
  readonly loanId: string;
  readonly productId: string;
  readonly currency: string;
  /** The grade of the loan's latest provision row on or before the date. */
  readonly grade: LoanGrade;
  readonly latest: { readonly on: BusinessDate; readonly action: 'suspend' | 'resume' } | null;
}

/**
 * The running loans of a range (disbursed on or before `date`) with the grade the end of day
 * booked for them as of `date` and their latest suspension event; through each loan's own
 * indexes. Loans the end of day has not graded are left out.
 */
export async function suspensionCandidates(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
  range: { fromId: string; toId: string },
): Promise<SuspensionCandidate[]> {
  const rows = await tx.query<{
    loan_id: string;
    product_id: string;
    currency: string;
    grade: LoanGrade;
    event_date: BusinessDate | null;
    action: 'suspend' | 'resume' | null;
  }>(
    `SELECT l.id AS loan_id, l.product_id, l.currency, g.grade, s.event_date::text, s.action
       FROM loan l
       JOIN LATERAL (
         SELECT p.grade FROM loan_provision p
          WHERE p.cooperative_id = $1 AND p.loan_id = l.id AND p.as_of <= $2 AND NOT p.closed
          ORDER BY p.as_of DESC LIMIT 1) g ON true
       LEFT JOIN LATERAL (
         SELECT x.event_date, x.action FROM loan_interest_suspension x
          WHERE x.cooperative_id = $1 AND x.loan_id = l.id
          ORDER BY x.event_date DESC LIMIT 1) s ON true
      WHERE l.cooperative_id = $1 AND l.status = 'active' AND l.disbursed_on <= $2
        AND l.id BETWEEN $3 AND $4
      ORDER BY l.id`,
    [cooperativeId, date, range.fromId, range.toId],
  );
  return rows.map((row) => ({
    loanId: row.loan_id,
    productId: row.product_id,
    currency: row.currency,
    grade: row.grade,
    latest:
      row.event_date === null || row.action === null
        ? null
        : { on: row.event_date, action: row.action },
  }));
}

/**
 * A running loan's interest as the books hold it, from its records (the caller holds its accrual
 * position): `receivable` is what it accrued on balance (every accrual kind but `suspended`,
 * closing adjustments included) less what repayments settled against the receivable and what
 * suspensions and a write-off took back; `memorandum` is what suspensions moved there and
 * suspended days accrued there, less what repayments received or released from it and what a
 * write-off closed. Reversed and superseded repayments do not count.
 */
export async function interestBalancesOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<{ receivable: string; memorandum: string }> {
  const [row] = await tx.query<{ receivable: string; memorandum: string }>(
    `WITH accrued AS (
       SELECT coalesce(sum(amount) FILTER (WHERE kind <> 'suspended'), 0) AS on_balance,
              coalesce(sum(amount) FILTER (WHERE kind = 'suspended' AND entry_id IS NOT NULL), 0)
                AS in_memorandum
         FROM loan_accrual WHERE cooperative_id = $1 AND loan_id = $2
     ), suspended AS (
       SELECT coalesce(sum(reversed), 0) AS reversed FROM loan_interest_suspension
        WHERE cooperative_id = $1 AND loan_id = $2
     ), written_off AS (
       SELECT coalesce(sum(interest_reversed), 0) AS receivable,
              coalesce(sum(memorandum_closed), 0) AS memorandum
         FROM loan_write_off WHERE cooperative_id = $1 AND loan_id = $2
     ), settled AS (
       SELECT coalesce(sum(r.interest - coalesce(c.memorandum + c.cash, 0)), 0) AS receivable,
              coalesce(sum(c.memorandum + c.memorandum_closed), 0) AS memorandum
         FROM loan_repayment r
         LEFT JOIN loan_interest_receipt c
           ON c.cooperative_id = r.cooperative_id AND c.repayment_id = r.id
        WHERE r.cooperative_id = $1 AND r.loan_id = $2
          AND NOT EXISTS (SELECT FROM loan_repayment_reversal v
                           WHERE v.cooperative_id = r.cooperative_id AND v.repayment_id = r.id)
     )
     SELECT (a.on_balance - t.receivable - s.reversed - w.receivable)::text AS receivable,
            (s.reversed + a.in_memorandum - t.memorandum - w.memorandum)::text AS memorandum
       FROM accrued a, suspended s, written_off w, settled t`,
    [cooperativeId, loanId],
  );
  return row;
}

/**
 * Interest accrued on the loan in any form (on balance, suspended, adjusted) less the interest
 * its counting repayments paid: what the member still owes of it, as accrued so far.
 */
export async function interestUnpaid(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<string> {
  const [row] = await tx.query<{ unpaid: string }>(
    `SELECT ((SELECT coalesce(sum(amount), 0) FROM loan_accrual
               WHERE cooperative_id = $1 AND loan_id = $2)
           - (SELECT coalesce(sum(r.interest), 0) FROM loan_repayment r
               WHERE r.cooperative_id = $1 AND r.loan_id = $2
                 AND NOT EXISTS (SELECT FROM loan_repayment_reversal v
                                  WHERE v.cooperative_id = r.cooperative_id
                                    AND v.repayment_id = r.id)))::text AS unpaid`,
    [cooperativeId, loanId],
  );
  return row.unpaid;
}

/**
 * A running loan's unpaid penalties as the books hold them, from its records: `receivable` is
 * what was assessed on balance less what repayments settled against it and what a suspension or
 * the write-off took back; `memorandum` is what was assessed into memorandum or moved there by a
 * suspension, less what repayments released and the write-off closed. Penalties kept off the
 * books are neither. Reversed and superseded repayments do not count.
 */
export async function penaltyBalancesOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<{ receivable: string; memorandum: string }> {
  const [row] = await tx.query<{ receivable: string; memorandum: string }>(
    `WITH assessed AS (
       SELECT coalesce(sum(amount) FILTER (WHERE held = 'receivable'), 0) AS on_balance,
              coalesce(sum(amount) FILTER (WHERE held = 'memorandum'), 0) AS in_memorandum
         FROM loan_penalty WHERE cooperative_id = $1 AND loan_id = $2
     ), suspended AS (
       SELECT coalesce(sum(penalty_reversed), 0) AS reversed FROM loan_interest_suspension
        WHERE cooperative_id = $1 AND loan_id = $2
     ), written_off AS (
       SELECT coalesce(sum(penalty_reversed), 0) AS receivable,
              coalesce(sum(penalty_memorandum_closed), 0) AS memorandum
         FROM loan_write_off WHERE cooperative_id = $1 AND loan_id = $2
     ), settled AS (
       SELECT coalesce(sum(r.penalty - coalesce(c.penalty_memorandum + c.penalty_cash, 0)), 0)
                AS receivable,
              coalesce(sum(c.penalty_memorandum), 0) AS memorandum
         FROM loan_repayment r
         LEFT JOIN loan_interest_receipt c
           ON c.cooperative_id = r.cooperative_id AND c.repayment_id = r.id
        WHERE r.cooperative_id = $1 AND r.loan_id = $2
          AND NOT EXISTS (SELECT FROM loan_repayment_reversal v
                           WHERE v.cooperative_id = r.cooperative_id AND v.repayment_id = r.id)
     )
     SELECT (a.on_balance - t.receivable - s.reversed - w.receivable)::text AS receivable,
            (a.in_memorandum + s.reversed - t.memorandum - w.memorandum)::text AS memorandum
       FROM assessed a, suspended s, written_off w, settled t`,
    [cooperativeId, loanId],
  );
  return row;
}

/** A payoff's adjustment of the receivable (negative: taken back from income). */
export async function insertClosingAccrual(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  date: BusinessDate,
  amount: string,
  entryId: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_accrual (cooperative_id, loan_id, accrual_date, kind, amount, entry_id)
     VALUES ($1, $2, $3, 'closing', $4, $5)`,
    [cooperativeId, loanId, date, amount, entryId],
  );
}

export interface InterestReceipt {
  readonly repaymentId: string;
  readonly loanId: string;
  readonly memorandum: string;
  readonly receivable: string;
  readonly cash: string;
  readonly memorandumClosed: string;
  /** The penalty part: released from memorandum, and received for penalties off the books. */
  readonly penaltyMemorandum: string;
  readonly penaltyCash: string;
  readonly entryId: string;
}

export async function insertInterestReceipt(
  tx: Tx,
  cooperativeId: string,
  receipt: InterestReceipt,
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_interest_receipt (cooperative_id, repayment_id, loan_id, memorandum,
                                        receivable, cash, memorandum_closed, entry_id,
                                        penalty_memorandum, penalty_cash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      cooperativeId,
      receipt.repaymentId,
      receipt.loanId,
      receipt.memorandum,
      receipt.receivable,
      receipt.cash,
      receipt.memorandumClosed,
      receipt.entryId,
      receipt.penaltyMemorandum,
      receipt.penaltyCash,
    ],
  );
}

/** Which of these repayments booked their interest by the split rule. */
export async function repaymentsWithReceipts(
  tx: Tx,
  cooperativeId: string,
  repaymentIds: readonly string[],
): Promise<Set<string>> {
  if (repaymentIds.length === 0) return new Set();
  const rows = await tx.query<{ repayment_id: string }>(
    `SELECT repayment_id FROM loan_interest_receipt
      WHERE cooperative_id = $1 AND repayment_id = ANY ($2::uuid[])`,
    [cooperativeId, repaymentIds],
  );
  return new Set(rows.map((row) => row.repayment_id));
}

export interface WriteOffRecord {
  readonly loanId: string;
  readonly writtenOffOn: BusinessDate;
  readonly approvalRequestId: string;
  readonly requestedBy: string;
  readonly reason: string;
  readonly grade: LoanGrade;
  readonly principal: string;
  readonly allowanceUsed: string;
  readonly expense: string;
  readonly interestReversed: string;
  readonly memorandumClosed: string;
  readonly interestClaim: string;
  readonly penaltyReversed: string;
  readonly penaltyMemorandumClosed: string;
  readonly penaltyOffBooks: string;
  readonly writtenOff: string;
  readonly entryId: string;
}

const writeOffColumns = `loan_id, written_off_on::text, approval_request_id, requested_by, reason,
  grade, principal::text, allowance_used::text, expense::text, interest_reversed::text,
  memorandum_closed::text, interest_claim::text, penalty_reversed::text,
  penalty_memorandum_closed::text, penalty_off_books::text, written_off::text, entry_id`;

export async function insertWriteOff(
  tx: Tx,
  cooperativeId: string,
  row: WriteOffRecord,
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_write_off (cooperative_id, loan_id, written_off_on, approval_request_id,
                                 requested_by, reason, grade, principal, allowance_used, expense,
                                 interest_reversed, memorandum_closed, interest_claim,
                                 penalty_reversed, written_off, entry_id,
                                 penalty_memorandum_closed, penalty_off_books)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      cooperativeId,
      row.loanId,
      row.writtenOffOn,
      row.approvalRequestId,
      row.requestedBy,
      row.reason,
      row.grade,
      row.principal,
      row.allowanceUsed,
      row.expense,
      row.interestReversed,
      row.memorandumClosed,
      row.interestClaim,
      row.penaltyReversed,
      row.writtenOff,
      row.entryId,
      row.penaltyMemorandumClosed,
      row.penaltyOffBooks,
    ],
  );
}

export async function writeOffOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<WriteOffRecord | undefined> {
  const [row] = await tx.query<{
    loan_id: string;
    written_off_on: BusinessDate;
    approval_request_id: string;
    requested_by: string;
    reason: string;
    grade: LoanGrade;
    principal: string;
    allowance_used: string;
    expense: string;
    interest_reversed: string;
    memorandum_closed: string;
    interest_claim: string;
    penalty_reversed: string;
    penalty_memorandum_closed: string;
    penalty_off_books: string;
    written_off: string;
    entry_id: string;
  }>(`SELECT ${writeOffColumns} FROM loan_write_off WHERE cooperative_id = $1 AND loan_id = $2`, [
    cooperativeId,
    loanId,
  ]);
  return (
    row && {
      loanId: row.loan_id,
      writtenOffOn: row.written_off_on,
      approvalRequestId: row.approval_request_id,
      requestedBy: row.requested_by,
      reason: row.reason,
      grade: row.grade,
      principal: row.principal,
      allowanceUsed: row.allowance_used,
      expense: row.expense,
      interestReversed: row.interest_reversed,
      memorandumClosed: row.memorandum_closed,
      interestClaim: row.interest_claim,
      penaltyReversed: row.penalty_reversed,
      penaltyMemorandumClosed: row.penalty_memorandum_closed,
      penaltyOffBooks: row.penalty_off_books,
      writtenOff: row.written_off,
      entryId: row.entry_id,
    }
  );
}

export async function markWrittenOff(tx: Tx, cooperativeId: string, loanId: string): Promise<void> {
  await tx.query(`UPDATE loan SET status = 'written-off' WHERE cooperative_id = $1 AND id = $2`, [
    cooperativeId,
    loanId,
  ]);
}

export interface RecoveryRecord {
  readonly id: string;
  readonly loanId: string;
  readonly receivedOn: BusinessDate;
  readonly amount: string;
  readonly channel: 'cash' | 'savings';
  readonly savingsAccountId: string | null;
  readonly entryId: string;
  readonly receiptNumber: string | null;
  readonly recordedBy: string;
  /** Set once an approved reversal ended it: it then no longer counts as recovered. */
  readonly reversedOn: BusinessDate | null;
}

export async function insertRecovery(
  tx: Tx,
  cooperativeId: string,
  row: Omit<RecoveryRecord, 'reversedOn'>,
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_recovery (cooperative_id, id, loan_id, received_on, amount, channel,
                                savings_account_id, entry_id, receipt_number, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      cooperativeId,
      row.id,
      row.loanId,
      row.receivedOn,
      row.amount,
      row.channel,
      row.savingsAccountId,
      row.entryId,
      row.receiptNumber,
      row.recordedBy,
    ],
  );
}

/** A written-off loan's recoveries, oldest first, reversed ones marked. */
export async function recoveriesOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<RecoveryRecord[]> {
  const rows = await tx.query<{
    id: string;
    loan_id: string;
    received_on: BusinessDate;
    amount: string;
    channel: 'cash' | 'savings';
    savings_account_id: string | null;
    entry_id: string;
    receipt_number: string | null;
    recorded_by: string;
    reversed_on: BusinessDate | null;
  }>(
    `SELECT r.id, r.loan_id, r.received_on::text, r.amount::text, r.channel,
            r.savings_account_id, r.entry_id, r.receipt_number::text, r.recorded_by,
            v.reversed_on::text
       FROM loan_recovery r
       LEFT JOIN loan_recovery_reversal v
         ON v.cooperative_id = r.cooperative_id AND v.recovery_id = r.id
      WHERE r.cooperative_id = $1 AND r.loan_id = $2 ORDER BY r.id`,
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
    recordedBy: row.recorded_by,
    reversedOn: row.reversed_on,
  }));
}

/** An approved reversal ending a recovery, with the entry that reversed its posting. */
export async function insertRecoveryReversal(
  tx: Tx,
  cooperativeId: string,
  row: {
    readonly recoveryId: string;
    readonly loanId: string;
    readonly reversedOn: BusinessDate;
    readonly entryId: string;
    readonly approvalRequestId: string;
    readonly reason: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_recovery_reversal (cooperative_id, recovery_id, loan_id, reversed_on,
                                         entry_id, approval_request_id, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      cooperativeId,
      row.recoveryId,
      row.loanId,
      row.reversedOn,
      row.entryId,
      row.approvalRequestId,
      row.reason,
    ],
  );
}

/** A member's written-off loan with what was written off and recovered so far. */
export interface MemberWriteOff {
  readonly loanId: string;
  readonly loanNumber: string;
  readonly currency: string;
  readonly writtenOff: string;
  readonly recovered: string;
}

/** The member's written-off loans, oldest write-off first, with their recoveries summed. */
export async function writeOffsOfMember(
  tx: Tx,
  cooperativeId: string,
  memberId: string,
): Promise<MemberWriteOff[]> {
  const rows = await tx.query<{
    loan_id: string;
    loan_number: string;
    currency: string;
    written_off: string;
    recovered: string;
  }>(
    `SELECT l.id AS loan_id, l.loan_number, l.currency, w.written_off::text,
            (SELECT coalesce(sum(r.amount), 0) FROM loan_recovery r
              WHERE r.cooperative_id = w.cooperative_id AND r.loan_id = w.loan_id
                AND NOT EXISTS (SELECT FROM loan_recovery_reversal v
                                 WHERE v.cooperative_id = r.cooperative_id
                                   AND v.recovery_id = r.id))::text AS recovered
       FROM loan l
       JOIN loan_write_off w ON w.cooperative_id = l.cooperative_id AND w.loan_id = l.id
      WHERE l.cooperative_id = $1 AND l.member_id = $2
      ORDER BY w.written_off_on, l.id`,
    [cooperativeId, memberId],
  );
  return rows.map((row) => ({
    loanId: row.loan_id,
    loanNumber: row.loan_number,
    currency: row.currency,
    writtenOff: row.written_off,
    recovered: row.recovered,
  }));
}

/**
 * Locks these ledger balances in account order before the caller posts several entries to them:
 * every transaction that takes interest income and the memorandum leaves together takes them
 * this way first, so none holds one while waiting for the other in the opposite order.
 */
export async function lockLedgerBalances(
  tx: Tx,
  cooperativeId: string,
  accountIds: readonly string[],
): Promise<void> {
  await tx.query(
    `SELECT 1 FROM ledger_balance
      WHERE cooperative_id = $1 AND account_id = ANY ($2::uuid[])
      ORDER BY account_id FOR UPDATE`,
    [cooperativeId, [...new Set(accountIds)]],
  );
}

/** Leaves of the cooperative's chart by code (template codes are unique per cooperative). */
export async function accountIdsByCode(
  tx: Tx,
  cooperativeId: string,
  codes: readonly string[],
): Promise<Map<string, string>> {
  const rows = await tx.query<{ code: string; id: string }>(
    `SELECT code, id FROM account WHERE cooperative_id = $1 AND code = ANY ($2::text[])`,
    [cooperativeId, codes],
  );
  return new Map(rows.map((row) => [row.code, row.id]));
}
