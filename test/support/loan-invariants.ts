import type { Client } from 'pg';

/**
 * Loans kept three ways must agree: each loan's ledger leaf holds what was lent less the
 * principal repaid, its schedule still adds up to the loan, and per product the interest and
 * penalty receivable leaves hold exactly what was accrued or assessed and not yet settled
 * (DESIGN.md section 3, invariant 7).
 */
export async function loanViolations(
  owner: Client,
  cooperativeId: string,
): Promise<Record<string, unknown[]>> {
  const q = async (sql: string): Promise<unknown[]> =>
    (await owner.query(sql, [cooperativeId])).rows;
  const settled = `
    SELECT r.loan_id, sum(r.principal) AS principal, sum(r.interest) AS interest,
           sum(r.penalty) AS penalty, sum((r.allocation->>'prepaid')::numeric) AS prepaid
      FROM loan_repayment r
     WHERE r.cooperative_id = $1
       AND NOT EXISTS (SELECT FROM loan_repayment_reversal v
                        WHERE v.cooperative_id = r.cooperative_id AND v.repayment_id = r.id)
     GROUP BY r.loan_id`;
  return {
    leafDiffersFromRepayments: await q(`
      SELECT l.loan_number, b.balance AS ledger, l.principal - coalesce(s.principal, 0) AS expected
        FROM loan l
        JOIN ledger_balance b ON b.cooperative_id = l.cooperative_id AND b.account_id = l.ledger_account_id
        LEFT JOIN (${settled}) s ON s.loan_id = l.id
       WHERE l.cooperative_id = $1 AND b.balance <> l.principal - coalesce(s.principal, 0)`),
    leafUnderWrongControl: await q(`
      SELECT l.loan_number, parent.code
        FROM loan l
        JOIN account leaf ON leaf.cooperative_id = l.cooperative_id AND leaf.id = l.ledger_account_id
        JOIN account parent ON parent.cooperative_id = leaf.cooperative_id AND parent.id = leaf.parent_id
       WHERE l.cooperative_id = $1 AND parent.code <> '1-13'`),
    scheduleDoesNotSumToLoan: await q(`
      SELECT l.loan_number, i.principal AS scheduled, coalesce(s.prepaid, 0) AS prepaid, l.principal
        FROM loan l
        JOIN (SELECT loan_id, schedule_version, sum(principal) AS principal FROM loan_instalment
               WHERE cooperative_id = $1 GROUP BY loan_id, schedule_version) i
          ON i.loan_id = l.id AND i.schedule_version = l.schedule_version
        LEFT JOIN (${settled}) s ON s.loan_id = l.id
       WHERE l.cooperative_id = $1 AND i.principal + coalesce(s.prepaid, 0) <> l.principal`),
    interestReceivableDiffers: await q(`
      SELECT p.code, b.balance AS ledger, coalesce(a.accrued, 0) - coalesce(s.interest, 0) AS expected
        FROM loan_product p
        JOIN ledger_balance b ON b.cooperative_id = p.cooperative_id
                             AND b.account_id = p.interest_receivable_account_id
        LEFT JOIN (SELECT l.product_id, sum(a.amount) AS accrued FROM loan_accrual a
                     JOIN loan l ON l.cooperative_id = a.cooperative_id AND l.id = a.loan_id
                    WHERE a.cooperative_id = $1 GROUP BY l.product_id) a ON a.product_id = p.id
        LEFT JOIN (SELECT l.product_id, sum(s.interest) AS interest FROM (${settled}) s
                     JOIN loan l ON l.cooperative_id = $1 AND l.id = s.loan_id
                    GROUP BY l.product_id) s ON s.product_id = p.id
       WHERE p.cooperative_id = $1
         AND b.balance <> coalesce(a.accrued, 0) - coalesce(s.interest, 0)`),
    penaltyReceivableDiffers: await q(`
      SELECT p.code, b.balance AS ledger, coalesce(a.assessed, 0) - coalesce(s.penalty, 0) AS expected
        FROM loan_product p
        JOIN ledger_balance b ON b.cooperative_id = p.cooperative_id
                             AND b.account_id = p.penalty_receivable_account_id
        LEFT JOIN (SELECT l.product_id, sum(x.amount) AS assessed FROM loan_penalty x
                     JOIN loan l ON l.cooperative_id = x.cooperative_id AND l.id = x.loan_id
                    WHERE x.cooperative_id = $1 GROUP BY l.product_id) a ON a.product_id = p.id
        LEFT JOIN (SELECT l.product_id, sum(s.penalty) AS penalty FROM (${settled}) s
                     JOIN loan l ON l.cooperative_id = $1 AND l.id = s.loan_id
                    GROUP BY l.product_id) s ON s.product_id = p.id
       WHERE p.cooperative_id = $1
         AND b.balance <> coalesce(a.assessed, 0) - coalesce(s.penalty, 0)`),
    closedLoanOwes: await q(`
      SELECT l.loan_number, b.balance FROM loan l
        JOIN ledger_balance b ON b.cooperative_id = l.cooperative_id AND b.account_id = l.ledger_account_id
       WHERE l.cooperative_id = $1 AND l.status = 'closed' AND b.balance <> 0`),
    collateralHeldAfterClose: await q(`
      SELECT l.loan_number, c.no FROM loan l
        JOIN loan_collateral c ON c.cooperative_id = l.cooperative_id AND c.loan_id = l.id
       WHERE l.cooperative_id = $1 AND l.status = 'closed' AND c.released_on IS NULL`),
  };
}

export const noLoanViolations = {
  leafDiffersFromRepayments: [],
  leafUnderWrongControl: [],
  scheduleDoesNotSumToLoan: [],
  interestReceivableDiffers: [],
  penaltyReceivableDiffers: [],
  closedLoanOwes: [],
  collateralHeldAfterClose: [],
};
