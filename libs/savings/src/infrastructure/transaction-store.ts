import { type Tx } from '@lumbung/database';
import { uuidv7 } from '@lumbung/core';

export type Operation =
  | 'deposit'
  | 'withdrawal'
  | 'pokok'
  | 'wajib'
  | 'transfer-in'
  | 'transfer-out'
  | 'placement'
  | 'interest'
  | 'maturity-payout'
  | 'exit-settlement'
  | 'exit-payout'
  | 'loan-disbursement'
  | 'loan-repayment'
  | 'loan-repayment-reversal'
  | 'opening-balance';

export interface TransactionRow {
  readonly entryId: string;
  readonly operation: Operation;
  readonly savingsAccountId: string;
  readonly memberId: string;
  readonly amount: string;
  /** Cash handed over when it differs from the amount by cash rounding. */
  readonly cashAmount?: string;
  readonly currency: string;
  readonly direction: 'in' | 'out';
  readonly cash: boolean;
  readonly receiptNumber: string | null;
  readonly businessDate: string;
  readonly tellerId: string | null;
  readonly approvalId: string | null;
}

export async function recordTransaction(
  tx: Tx,
  cooperativeId: string,
  row: TransactionRow,
): Promise<string> {
  const id = uuidv7();
  await tx.query(
    `INSERT INTO savings_transaction (cooperative_id, id, entry_id, operation, savings_account_id,
       member_id, amount, currency, direction, cash, receipt_number, business_date, teller_id,
       approval_id, cash_amount)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      cooperativeId,
      id,
      row.entryId,
      row.operation,
      row.savingsAccountId,
      row.memberId,
      row.amount,
      row.currency,
      row.direction,
      row.cash,
      row.receiptNumber,
      row.businessDate,
      row.tellerId,
      row.approvalId,
      row.cashAmount ?? null,
    ],
  );
  return id;
}

/**
 * Adds the member's cash of the day (in and out alike, DESIGN.md section 7) and flags the day
 * once the total reaches the threshold; the flag's total follows later operations.
 */
export async function flagCashDay(
  tx: Tx,
  cooperativeId: string,
  day: { memberId: string; businessDate: string; currency: string; threshold: string },
): Promise<boolean> {
  const [row] = await tx.query<{ flagged: boolean }>(
    `WITH day AS (
       SELECT coalesce(sum(amount), 0) AS total FROM savings_transaction
        WHERE cooperative_id = $1 AND member_id = $2 AND business_date = $3 AND currency = $4
          AND cash),
     flag AS (
       INSERT INTO cash_threshold_flag (cooperative_id, member_id, business_date, currency, total,
                                        threshold)
       SELECT $1, $2, $3, $4, day.total, $5 FROM day WHERE day.total >= $5
       ON CONFLICT (cooperative_id, member_id, business_date, currency)
         DO UPDATE SET total = EXCLUDED.total
       RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM flag) AS flagged`,
    [cooperativeId, day.memberId, day.businessDate, day.currency, day.threshold],
  );
  return row.flagged;
}
