import type { Tx } from '@lumbung/database';
import { receiptSeries } from '@lumbung/savings';
import type { PrincipalPosting } from '../domain/loan-statement';

interface LineRow {
  version: string;
  entry_id: string;
  posting_date: string;
  value_date: string;
  description: string;
  operation: PrincipalPosting['operation'];
  receipt_number: string | null;
  amount: string;
}

/**
 * The postings of a loan's principal leaf with value dates in [from, to], in the order of the
 * leaf's history (account version), each with its entry's description, the loan operation that
 * made it and its cash receipt number. Read in the caller's transaction (one snapshot).
 */
export async function principalPostings(
  tx: Tx,
  cooperativeId: string,
  ledgerAccountId: string,
  period: { readonly from: string; readonly to: string },
): Promise<PrincipalPosting[]> {
  const rows = await tx.query<LineRow>(
    `SELECT p.account_version::text AS version, p.entry_id, e.posting_date::text AS posting_date,
            p.value_date::text AS value_date, e.description,
            CASE e.source_type WHEN 'loans.disbursement' THEN 'disbursement'
                               WHEN 'loans.repayment' THEN 'repayment'
                               WHEN 'loans.repayment.reversal' THEN 'reversal'
                               WHEN 'loans.repayment.reapply' THEN 'reallocation'
                               WHEN 'loans.restructuring' THEN 'restructuring' END AS operation,
            CASE WHEN e.voucher_series = $3 THEN e.voucher_number::text END AS receipt_number,
            p.amount::text AS amount
       FROM posting p
       JOIN journal_entry e ON e.cooperative_id = p.cooperative_id AND e.id = p.entry_id
      WHERE p.cooperative_id = $1 AND p.account_id = $2 AND p.value_date BETWEEN $4 AND $5
      ORDER BY p.account_version`,
    [cooperativeId, ledgerAccountId, receiptSeries, period.from, period.to],
  );
  return rows.map((row) => ({
    version: row.version,
    entryId: row.entry_id,
    postingDate: row.posting_date,
    valueDate: row.value_date,
    description: row.description,
    operation: row.operation,
    receiptNumber: row.receipt_number,
    amount: row.amount,
  }));
}

/** The leaf's balance (debit positive) over value dates before `day`: the opening balance. */
export async function principalBefore(
  tx: Tx,
  cooperativeId: string,
  ledgerAccountId: string,
  day: string,
): Promise<string> {
  const [row] = await tx.query<{ balance: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS balance FROM posting
      WHERE cooperative_id = $1 AND account_id = $2 AND value_date < $3`,
    [cooperativeId, ledgerAccountId, day],
  );
  return row.balance;
}
