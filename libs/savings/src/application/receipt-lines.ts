import type { Tx } from '@lumbung/database';
import type { ProductKind } from '../domain/product-terms';
import type { ReceiptMovement } from '../domain/receipt';
import { receiptSeries } from './teller-operations';

/** The ledger entry behind a receipt number. */
export interface ReceiptEntry {
  readonly id: string;
  readonly description: string;
  readonly postingDate: string;
  readonly recordedAt: string;
  readonly recordedBy: string | null;
  readonly reversed: boolean;
  /** The till's net posting in the entry (debit positive: cash into the till). */
  readonly tillNet: string;
}

/** The entry whose voucher in series `receipt` is `receiptNumber`, in this cooperative only. */
export async function receiptEntry(
  tx: Tx,
  cooperativeId: string,
  receiptNumber: string,
): Promise<ReceiptEntry | undefined> {
  const [row] = await tx.query<{
    id: string;
    description: string;
    posting_date: string;
    recorded_at: Date;
    recorded_by: string | null;
    reversed: boolean;
    till_net: string;
  }>(
    `SELECT e.id, e.description, e.posting_date::text AS posting_date, e.recorded_at,
            e.recorded_by,
            EXISTS (SELECT 1 FROM journal_entry r
                     WHERE r.cooperative_id = e.cooperative_id AND r.reverses_entry_id = e.id)
              AS reversed,
            (SELECT coalesce(sum(p.amount), 0)::text FROM posting p
               JOIN till t ON t.cooperative_id = p.cooperative_id
                          AND t.ledger_account_id = p.account_id
              WHERE p.cooperative_id = e.cooperative_id AND p.entry_id = e.id) AS till_net
       FROM journal_entry e
      WHERE e.cooperative_id = $1 AND e.voucher_series = $2 AND e.voucher_number = $3`,
    [cooperativeId, receiptSeries, receiptNumber],
  );
  return (
    row && {
      id: row.id,
      description: row.description,
      postingDate: row.posting_date,
      recordedAt: row.recorded_at.toISOString(),
      recordedBy: row.recorded_by,
      reversed: row.reversed,
      tillNet: row.till_net,
    }
  );
}

interface MovementRow {
  operation: string;
  savings_account_id: string;
  account_number: string;
  kind: ProductKind;
  member_id: string;
  amount: string;
  currency: string;
  direction: 'in' | 'out';
  cash: boolean;
  teller_id: string | null;
  approval_id: string | null;
  balance_after: string | null;
}

/**
 * Every savings movement the entry made, in the order recorded, each paired with its posting on
 * the account's leaf for the balance after. One entry may post a leaf more than once (an exit
 * settles wajib arrears from voluntary savings, then pays the rest out), so movements and
 * postings are paired by leaf, direction and amount, and within those in the order made: the
 * savings rows are recorded in the order of the entry's postings.
 */
export async function receiptMovements(
  tx: Tx,
  cooperativeId: string,
  entryId: string,
): Promise<
  (ReceiptMovement & { readonly tellerId: string | null; readonly approvalId: string | null })[]
> {
  const rows = await tx.query<MovementRow>(
    `WITH t AS (
       SELECT t.*, row_number() OVER (PARTITION BY t.savings_account_id, t.direction, t.amount
                                          ORDER BY t.recorded_at, t.id) AS rank
         FROM savings_transaction t
        WHERE t.cooperative_id = $1 AND t.entry_id = $2),
     p AS (
       SELECT p.account_id, p.amount, p.balance_after,
              CASE WHEN p.amount < 0 THEN 'in' ELSE 'out' END AS direction,
              row_number() OVER (PARTITION BY p.account_id, sign(p.amount), abs(p.amount)
                                     ORDER BY p.line_no) AS rank
         FROM posting p
        WHERE p.cooperative_id = $1 AND p.entry_id = $2)
     SELECT t.operation, t.savings_account_id, a.account_number, a.kind, t.member_id,
            t.amount::text AS amount, t.currency, t.direction, t.cash, t.teller_id, t.approval_id,
            p.balance_after::text AS balance_after
       FROM t
       JOIN savings_account a ON a.cooperative_id = t.cooperative_id AND a.id = t.savings_account_id
       LEFT JOIN p ON p.account_id = a.ledger_account_id AND p.direction = t.direction
                  AND abs(p.amount) = t.amount AND p.rank = t.rank
      ORDER BY t.recorded_at, t.id`,
    [cooperativeId, entryId],
  );
  return rows.map((row) => {
    if (row.balance_after === null) {
      throw new Error(`Savings movement of entry ${entryId} has no posting on its leaf`);
    }
    return {
      operation: row.operation,
      accountId: row.savings_account_id,
      accountNumber: row.account_number,
      kind: row.kind,
      memberId: row.member_id,
      amount: row.amount,
      currency: row.currency,
      direction: row.direction,
      cash: row.cash,
      leafBalanceAfter: row.balance_after,
      tellerId: row.teller_id,
      approvalId: row.approval_id,
    };
  });
}

/** The username of the teller who served the receipt. */
export async function usernameOf(tx: Tx, userId: string): Promise<string | undefined> {
  const [row] = await tx.query<{ username: string }>(
    `SELECT username FROM app_user WHERE id = $1`,
    [userId],
  );
  return row?.username;
}
