import type { Client } from 'pg';

/**
 * Loans kept three ways must agree: each loan's ledger leaf holds what was lent less the
 * principal repaid and written off, its schedule still adds up to the loan, and per product the
 * interest and penalty receivable leaves hold exactly what was accrued or assessed and not yet
 * settled, taken back by a suspension or written off (DESIGN.md section 3, invariant 7). The
 * memorandum leaves hold the suspended interest and penalties and the written-off claims less
 * what was received and not reversed; suspended days accrue only off income, no day accrues after a write-off, and every
 * loan's own share of the receivable and memorandum is never negative and nil once it has left.
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
  // Interest and penalties a repayment booked off the receivables (memorandum received, income
  // on cash): only on loans whose accrual was suspended.
  const offReceivable = `
    SELECT r.loan_id, sum(c.memorandum + c.cash) AS interest,
           sum(c.memorandum + c.memorandum_closed) AS released,
           sum(c.penalty_memorandum + c.penalty_cash) AS penalty,
           sum(c.penalty_memorandum) AS penalty_released
      FROM loan_interest_receipt c
      JOIN loan_repayment r ON r.cooperative_id = c.cooperative_id AND r.id = c.repayment_id
     WHERE c.cooperative_id = $1
       AND NOT EXISTS (SELECT FROM loan_repayment_reversal v
                        WHERE v.cooperative_id = r.cooperative_id AND v.repayment_id = r.id)
     GROUP BY r.loan_id`;
  // Each loan's own share of its product's interest and penalty receivables and of what
  // memorandum holds suspended (interest and penalties).
  const perLoan = `
    SELECT l.id AS loan_id, l.loan_number, l.status, l.product_id,
           coalesce(a.on_balance, 0) - coalesce(s.interest, 0) + coalesce(o.interest, 0)
             - coalesce(x.reversed, 0) - coalesce(w.interest_reversed, 0) AS receivable,
           coalesce(x.reversed, 0) + coalesce(a.in_memorandum, 0) - coalesce(o.released, 0)
             - coalesce(w.memorandum_closed, 0) AS memorandum,
           coalesce(n.on_balance, 0) - coalesce(s.penalty, 0) + coalesce(o.penalty, 0)
             - coalesce(x.penalty_reversed, 0) - coalesce(w.penalty_reversed, 0)
             AS penalty_receivable,
           coalesce(n.in_memorandum, 0) + coalesce(x.penalty_reversed, 0)
             - coalesce(o.penalty_released, 0) - coalesce(w.penalty_memorandum_closed, 0)
             AS penalty_memorandum
      FROM loan l
      LEFT JOIN (SELECT loan_id,
                        sum(amount) FILTER (WHERE kind <> 'suspended') AS on_balance,
                        sum(amount) FILTER (WHERE kind = 'suspended' AND entry_id IS NOT NULL)
                          AS in_memorandum
                   FROM loan_accrual WHERE cooperative_id = $1 GROUP BY loan_id) a
        ON a.loan_id = l.id
      LEFT JOIN (${settled}) s ON s.loan_id = l.id
      LEFT JOIN (${offReceivable}) o ON o.loan_id = l.id
      LEFT JOIN (SELECT loan_id, sum(amount) FILTER (WHERE held = 'receivable') AS on_balance,
                        sum(amount) FILTER (WHERE held = 'memorandum') AS in_memorandum
                   FROM loan_penalty WHERE cooperative_id = $1 GROUP BY loan_id) n
        ON n.loan_id = l.id
      LEFT JOIN (SELECT loan_id, sum(reversed) AS reversed,
                        sum(penalty_reversed) AS penalty_reversed
                   FROM loan_interest_suspension
                  WHERE cooperative_id = $1 GROUP BY loan_id) x ON x.loan_id = l.id
      LEFT JOIN loan_write_off w ON w.cooperative_id = l.cooperative_id AND w.loan_id = l.id
     WHERE l.cooperative_id = $1 AND l.disbursed_on IS NOT NULL`;
  const memorandumLeaf = (code: string) => `
    SELECT coalesce(sum(b.balance), 0) FROM ledger_balance b
      JOIN account a ON a.cooperative_id = b.cooperative_id AND a.id = b.account_id
     WHERE b.cooperative_id = $1 AND a.code = '${code}'`;
  return {
    leafDiffersFromRepayments: await q(`
      SELECT l.loan_number, b.balance AS ledger,
             l.principal - coalesce(s.principal, 0) - coalesce(w.principal, 0) AS expected
        FROM loan l
        JOIN ledger_balance b ON b.cooperative_id = l.cooperative_id AND b.account_id = l.ledger_account_id
        LEFT JOIN (${settled}) s ON s.loan_id = l.id
        LEFT JOIN loan_write_off w ON w.cooperative_id = l.cooperative_id AND w.loan_id = l.id
       WHERE l.cooperative_id = $1
         AND b.balance <> l.principal - coalesce(s.principal, 0) - coalesce(w.principal, 0)`),
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
                    WHERE a.cooperative_id = $1 AND a.kind <> 'suspended'
                    GROUP BY l.product_id) a ON a.product_id = p.id
        LEFT JOIN (SELECT l.product_id,
                          sum(coalesce(s.interest, 0) - coalesce(o.interest, 0)) AS interest
                     FROM loan l
                     LEFT JOIN (${settled}) s ON s.loan_id = l.id
                     LEFT JOIN (${offReceivable}) o ON o.loan_id = l.id
                    WHERE l.cooperative_id = $1 GROUP BY l.product_id) s ON s.product_id = p.id
       WHERE p.cooperative_id = $1
         AND b.balance <> coalesce(a.accrued, 0) - coalesce(s.interest, 0)
              - (SELECT coalesce(sum(x.reversed), 0) FROM loan_interest_suspension x
                   JOIN loan l ON l.cooperative_id = x.cooperative_id AND l.id = x.loan_id
                  WHERE x.cooperative_id = $1 AND l.product_id = p.id)
              - (SELECT coalesce(sum(w.interest_reversed), 0) FROM loan_write_off w
                   JOIN loan l ON l.cooperative_id = w.cooperative_id AND l.id = w.loan_id
                  WHERE w.cooperative_id = $1 AND l.product_id = p.id)`),
    penaltyReceivableDiffers: await q(`
      SELECT p.code, b.balance AS ledger, coalesce(a.assessed, 0) - coalesce(s.penalty, 0) AS expected
        FROM loan_product p
        JOIN ledger_balance b ON b.cooperative_id = p.cooperative_id
                             AND b.account_id = p.penalty_receivable_account_id
        LEFT JOIN (SELECT l.product_id, sum(x.amount) AS assessed FROM loan_penalty x
                     JOIN loan l ON l.cooperative_id = x.cooperative_id AND l.id = x.loan_id
                    WHERE x.cooperative_id = $1 AND x.held = 'receivable'
                    GROUP BY l.product_id) a ON a.product_id = p.id
        LEFT JOIN (SELECT l.product_id,
                          sum(coalesce(s.penalty, 0) - coalesce(o.penalty, 0)) AS penalty
                     FROM loan l
                     LEFT JOIN (${settled}) s ON s.loan_id = l.id
                     LEFT JOIN (${offReceivable}) o ON o.loan_id = l.id
                    WHERE l.cooperative_id = $1 GROUP BY l.product_id) s ON s.product_id = p.id
       WHERE p.cooperative_id = $1
         AND b.balance <> coalesce(a.assessed, 0) - coalesce(s.penalty, 0)
              - (SELECT coalesce(sum(x.penalty_reversed), 0) FROM loan_interest_suspension x
                   JOIN loan l ON l.cooperative_id = x.cooperative_id AND l.id = x.loan_id
                  WHERE x.cooperative_id = $1 AND l.product_id = p.id)
              - (SELECT coalesce(sum(w.penalty_reversed), 0) FROM loan_write_off w
                   JOIN loan l ON l.cooperative_id = w.cooperative_id AND l.id = w.loan_id
                  WHERE w.cooperative_id = $1 AND l.product_id = p.id)`),
    closedLoanOwes: await q(`
      SELECT l.loan_number, b.balance FROM loan l
        JOIN ledger_balance b ON b.cooperative_id = l.cooperative_id AND b.account_id = l.ledger_account_id
       WHERE l.cooperative_id = $1 AND l.status = 'closed' AND b.balance <> 0`),
    loanInterestNegativeOrLeftBehind: await q(`
      SELECT loan_number, status, receivable, memorandum, penalty_receivable, penalty_memorandum
        FROM (${perLoan}) x
       WHERE receivable < 0 OR memorandum < 0 OR penalty_receivable < 0 OR penalty_memorandum < 0
          OR (status IN ('closed', 'written-off')
              AND (receivable <> 0 OR memorandum <> 0
                   OR penalty_receivable <> 0 OR penalty_memorandum <> 0))`),
    suspendedInterestDiffers: await q(`
      SELECT (${memorandumLeaf('9-1101')}) AS ledger, x.expected
        FROM (SELECT coalesce(sum(memorandum + penalty_memorandum), 0) AS expected
                FROM (${perLoan}) p) x
       WHERE (${memorandumLeaf('9-1101')}) <> x.expected`),
    writtenOffDiffers: await q(`
      SELECT (${memorandumLeaf('9-1102')}) AS ledger, x.expected
        FROM (SELECT (SELECT coalesce(sum(written_off), 0) FROM loan_write_off
                       WHERE cooperative_id = $1)
                   - (SELECT coalesce(sum(r.amount), 0) FROM loan_recovery r
                       WHERE r.cooperative_id = $1
                         AND NOT EXISTS (SELECT FROM loan_recovery_reversal v
                                          WHERE v.cooperative_id = r.cooperative_id
                                            AND v.recovery_id = r.id)) AS expected) x
       WHERE (${memorandumLeaf('9-1102')}) <> x.expected`),
    memorandumUnbalanced: await q(`
      SELECT b.currency, sum(b.balance) AS total FROM ledger_balance b
        JOIN account a ON a.cooperative_id = b.cooperative_id AND a.id = b.account_id
       WHERE b.cooperative_id = $1 AND a.class = 'memorandum'
       GROUP BY b.currency HAVING sum(b.balance) <> 0`),
    accrualSideWrong: await q(`
      SELECT l.loan_number, a.accrual_date::text, a.kind FROM loan_accrual a
        JOIN loan l ON l.cooperative_id = a.cooperative_id AND l.id = a.loan_id
       WHERE a.cooperative_id = $1 AND a.kind IN ('daily', 'suspended')
         AND (a.kind = 'suspended') IS DISTINCT FROM coalesce(
               (SELECT s.action = 'suspend' FROM loan_interest_suspension s
                 WHERE s.cooperative_id = a.cooperative_id AND s.loan_id = a.loan_id
                   AND s.event_date < a.accrual_date
                 ORDER BY s.event_date DESC LIMIT 1), false)`),
    accruedAfterWriteOff: await q(`
      SELECT l.loan_number, a.accrual_date::text FROM loan_accrual a
        JOIN loan l ON l.cooperative_id = a.cooperative_id AND l.id = a.loan_id
        JOIN loan_write_off w ON w.cooperative_id = a.cooperative_id AND w.loan_id = a.loan_id
       WHERE a.cooperative_id = $1 AND a.accrual_date > w.written_off_on`),
    recoveredAboveWrittenOff: await q(`
      SELECT l.loan_number, w.written_off, sum(r.amount) AS recovered FROM loan_recovery r
        JOIN loan l ON l.cooperative_id = r.cooperative_id AND l.id = r.loan_id
        JOIN loan_write_off w ON w.cooperative_id = r.cooperative_id AND w.loan_id = r.loan_id
       WHERE r.cooperative_id = $1
         AND NOT EXISTS (SELECT FROM loan_recovery_reversal v
                          WHERE v.cooperative_id = r.cooperative_id AND v.recovery_id = r.id)
       GROUP BY l.loan_number, w.written_off HAVING sum(r.amount) > w.written_off`),
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
  loanInterestNegativeOrLeftBehind: [],
  suspendedInterestDiffers: [],
  writtenOffDiffers: [],
  memorandumUnbalanced: [],
  accrualSideWrong: [],
  accruedAfterWriteOff: [],
  recoveredAboveWrittenOff: [],
  collateralHeldAfterClose: [],
};
