import type { Client } from 'pg';

/**
 * Savings kept two ways must agree: every member account's ledger leaf hangs under its kind's
 * control heading, and its balance equals what the savings record says went in and out.
 */
export async function savingsViolations(
  owner: Client,
  cooperativeId: string,
): Promise<Record<string, unknown[]>> {
  const q = async (sql: string): Promise<unknown[]> =>
    (await owner.query(sql, [cooperativeId])).rows;
  return {
    leafUnderWrongControl: await q(`
      SELECT s.account_number, s.kind, parent.code
        FROM savings_account s
        JOIN account leaf ON leaf.cooperative_id = s.cooperative_id AND leaf.id = s.ledger_account_id
        JOIN account parent ON parent.cooperative_id = leaf.cooperative_id AND parent.id = leaf.parent_id
       WHERE s.cooperative_id = $1
         AND parent.code <> CASE s.kind WHEN 'pokok' THEN '3-1' WHEN 'wajib' THEN '3-2'
                                        WHEN 'sukarela' THEN '2-1' ELSE '2-2' END`),
    recordDiffersFromLedger: await q(`
      SELECT s.account_number, -b.balance AS ledger, coalesce(t.net, 0) AS recorded
        FROM savings_account s
        JOIN ledger_balance b ON b.cooperative_id = s.cooperative_id AND b.account_id = s.ledger_account_id
        LEFT JOIN (SELECT savings_account_id,
                          sum(CASE direction WHEN 'in' THEN amount ELSE -amount END) AS net
                     FROM savings_transaction WHERE cooperative_id = $1
                    GROUP BY savings_account_id) t ON t.savings_account_id = s.id
       WHERE s.cooperative_id = $1 AND -b.balance <> coalesce(t.net, 0)`),
    controlNotSumOfMemberLeaves: await q(`
      SELECT parent.code, sum(b.balance) AS leaves, sum(b.balance) FILTER (WHERE s.id IS NOT NULL) AS members
        FROM account parent
        JOIN account leaf ON leaf.cooperative_id = parent.cooperative_id AND leaf.parent_id = parent.id
        JOIN ledger_balance b ON b.cooperative_id = leaf.cooperative_id AND b.account_id = leaf.id
        LEFT JOIN savings_account s ON s.cooperative_id = leaf.cooperative_id AND s.ledger_account_id = leaf.id
       WHERE parent.cooperative_id = $1 AND parent.code IN ('3-1', '3-2', '2-1', '2-2')
       GROUP BY parent.code
      HAVING sum(b.balance) <> coalesce(sum(b.balance) FILTER (WHERE s.id IS NOT NULL), 0)`),
    // Invariant 7 (DESIGN.md section 3): per product, interest accrued less interest posted to
    // the accounts (voluntary savings monthly, time deposits at maturity) is what the product's
    // payable leaf 2-3-<code> owes (credit-normal).
    interestPayableDiffers: await q(`
      SELECT p.code, -coalesce(b.balance, 0) AS payable,
             coalesce(a.accrued, 0) - coalesce(i.posted, 0) AS expected
        FROM savings_product p
        LEFT JOIN account leaf ON leaf.cooperative_id = p.cooperative_id AND leaf.code = '2-3-' || p.code
        LEFT JOIN ledger_balance b ON b.cooperative_id = leaf.cooperative_id AND b.account_id = leaf.id
        LEFT JOIN (SELECT s.product_id, sum(x.amount) AS accrued
                     FROM (SELECT cooperative_id, savings_account_id, amount FROM savings_accrual
                           UNION ALL
                           SELECT cooperative_id, savings_account_id, amount FROM time_deposit_accrual) x
                     JOIN savings_account s ON s.cooperative_id = x.cooperative_id AND s.id = x.savings_account_id
                    WHERE x.cooperative_id = $1 GROUP BY s.product_id) a ON a.product_id = p.id
        LEFT JOIN (SELECT s.product_id, sum(x.interest) AS posted
                     FROM (SELECT cooperative_id, savings_account_id, interest FROM savings_interest_posting
                           UNION ALL
                           SELECT cooperative_id, savings_account_id, interest FROM time_deposit_placement
                            WHERE status IN ('matured', 'rolled-over')) x
                     JOIN savings_account s ON s.cooperative_id = x.cooperative_id AND s.id = x.savings_account_id
                    WHERE x.cooperative_id = $1 GROUP BY s.product_id) i ON i.product_id = p.id
       WHERE p.cooperative_id = $1
         AND -coalesce(b.balance, 0) <> coalesce(a.accrued, 0) - coalesce(i.posted, 0)`),
  };
}

export const noSavingsViolations = {
  leafUnderWrongControl: [],
  recordDiffersFromLedger: [],
  controlNotSumOfMemberLeaves: [],
  interestPayableDiffers: [],
};
