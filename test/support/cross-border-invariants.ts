import type { Client } from 'pg';

/**
 * Cross-border money, checked from the tables as the owner sees them: each facility's receivable
 * leaf agrees with its drawdowns and repayments in the facility currency and in the functional
 * currency; schedules agree with what was repaid; the FX position leaf of each currency mirrors
 * the foreign balances; realised FX in the ledger is what the repayments say; every month-end
 * revaluation is reversed once, on the first of the next month; each side of a settlement is what
 * its own book posted; and no foreign posting lacks its rate. Each query returns the offending rows; all must be empty (with `ledgerViolations`, which
 * holds the trial balance to zero in every currency).
 */
export async function crossBorderViolations(
  owner: Client,
  cooperativeId: string,
): Promise<Record<string, unknown[]>> {
  const q = async (sql: string): Promise<unknown[]> =>
    (await owner.query(sql, [cooperativeId])).rows;
  return {
    receivableNotDrawnLessRepaid: await q(`
      WITH leaf AS (
        SELECT f.id, f.receivable_account_id,
               coalesce((SELECT sum(p.amount) FROM posting p WHERE p.cooperative_id = f.cooperative_id
                          AND p.account_id = f.receivable_account_id), 0) AS balance,
               coalesce((SELECT sum(p.functional_amount) FROM posting p
                          WHERE p.cooperative_id = f.cooperative_id
                            AND p.account_id = f.receivable_account_id), 0) AS functional
          FROM cross_border_facility f
         WHERE f.cooperative_id = $1 AND f.receivable_account_id IS NOT NULL
      ), book AS (
        SELECT facility_id, sum(amount - principal_repaid) AS balance,
               sum(functional_amount - functional_repaid) AS functional
          FROM cross_border_drawdown WHERE cooperative_id = $1 GROUP BY facility_id
      )
      SELECT leaf.id, leaf.balance, book.balance AS drawn_less_repaid, leaf.functional,
             book.functional AS carried
        FROM leaf LEFT JOIN book ON book.facility_id = leaf.id
       WHERE leaf.balance <> coalesce(book.balance, 0) OR leaf.functional <> coalesce(book.functional, 0)`),
    drawnAboveLimit: await q(`
      SELECT f.id, f.limit_amount, sum(d.amount) AS drawn
        FROM cross_border_facility f
        JOIN cross_border_drawdown d ON d.cooperative_id = f.cooperative_id AND d.facility_id = f.id
       WHERE f.cooperative_id = $1
       GROUP BY f.id, f.limit_amount HAVING sum(d.amount) > f.limit_amount`),
    scheduleNotRepaid: await q(`
      SELECT d.id, d.amount, sum(i.principal) AS scheduled, d.principal_repaid,
             sum(i.principal_paid) AS paid
        FROM cross_border_drawdown d
        JOIN cross_border_instalment i ON i.cooperative_id = d.cooperative_id AND i.drawdown_id = d.id
       WHERE d.cooperative_id = $1
       GROUP BY d.id, d.amount, d.principal_repaid
      HAVING sum(i.principal) <> d.amount OR sum(i.principal_paid) <> d.principal_repaid`),
    repaymentsNotAllocated: await q(`
      SELECT r.id, r.interest, r.principal,
             sum(CASE WHEN a->>'bucket' = 'interest' THEN (a->>'amount')::numeric END) AS interest_lines,
             sum(CASE WHEN a->>'bucket' = 'principal' THEN (a->>'amount')::numeric END) AS principal_lines
        FROM cross_border_repayment r CROSS JOIN LATERAL jsonb_array_elements(r.allocation) a
       WHERE r.cooperative_id = $1
       GROUP BY r.id, r.interest, r.principal
      HAVING coalesce(sum(CASE WHEN a->>'bucket' = 'interest' THEN (a->>'amount')::numeric END), 0) <> r.interest
          OR coalesce(sum(CASE WHEN a->>'bucket' = 'principal' THEN (a->>'amount')::numeric END), 0) <> r.principal`),
    instalmentsNotPaidAsAllocated: await q(`
      WITH lines AS (
        SELECT (a->>'drawdownId')::uuid AS drawdown_id, (a->>'no')::int AS no,
               sum(CASE WHEN a->>'bucket' = 'interest' THEN (a->>'amount')::numeric ELSE 0 END) AS interest,
               sum(CASE WHEN a->>'bucket' = 'principal' THEN (a->>'amount')::numeric ELSE 0 END) AS principal
          FROM cross_border_repayment r CROSS JOIN LATERAL jsonb_array_elements(r.allocation) a
         WHERE r.cooperative_id = $1
         GROUP BY 1, 2
      )
      SELECT i.drawdown_id, i.no, i.principal_paid, i.interest_paid, l.principal, l.interest
        FROM cross_border_instalment i
        LEFT JOIN lines l ON l.drawdown_id = i.drawdown_id AND l.no = i.no
       WHERE i.cooperative_id = $1
         AND (i.principal_paid <> coalesce(l.principal, 0) OR i.interest_paid <> coalesce(l.interest, 0))`),
    positionNotMirroringReceivables: await q(`
      SELECT pos.code, pos.currency, sum(p.amount) AS position,
             (SELECT coalesce(sum(p2.amount), 0) FROM posting p2
                JOIN account a2 ON a2.cooperative_id = p2.cooperative_id AND a2.id = p2.account_id
               WHERE p2.cooperative_id = $1 AND a2.currency = pos.currency AND a2.id <> pos.id) AS others
        FROM account pos
        JOIN posting p ON p.cooperative_id = pos.cooperative_id AND p.account_id = pos.id
       WHERE pos.cooperative_id = $1 AND pos.code LIKE '1-1901-%'
       GROUP BY pos.id, pos.code, pos.currency
      HAVING sum(p.amount) + (SELECT coalesce(sum(p2.amount), 0) FROM posting p2
                JOIN account a2 ON a2.cooperative_id = p2.cooperative_id AND a2.id = p2.account_id
               WHERE p2.cooperative_id = $1 AND a2.currency = pos.currency AND a2.id <> pos.id) <> 0`),
    realisedFxNotBooked: await q(`
      SELECT r.id, r.realised_fx,
             coalesce((SELECT -sum(p.amount) FROM posting p
                         JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
                        WHERE p.cooperative_id = r.cooperative_id AND p.entry_id = r.entry_id
                          AND a.code = '4-2103'), 0) AS booked
        FROM cross_border_repayment r
       WHERE r.cooperative_id = $1
         AND r.realised_fx <> coalesce((SELECT -sum(p.amount) FROM posting p
                         JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
                        WHERE p.cooperative_id = r.cooperative_id AND p.entry_id = r.entry_id
                          AND a.code = '4-2103'), 0)`),
    revaluationNotReversedOnTheFirst: await q(`
      SELECT v.month, v.currency, e.value_date AS posted_for, x.value_date AS reversed_on,
             x.reverses_entry_id
        FROM fx_revaluation v
        LEFT JOIN journal_entry e ON e.cooperative_id = v.cooperative_id AND e.id = v.entry_id
        LEFT JOIN journal_entry x ON x.cooperative_id = v.cooperative_id AND x.id = v.reversal_entry_id
       WHERE v.cooperative_id = $1 AND v.entry_id IS NOT NULL
         AND (e.value_date <> v.period_end OR x.reverses_entry_id IS DISTINCT FROM v.entry_id
              OR x.value_date <> v.period_end + 1
              OR extract(day FROM x.value_date) <> 1)`),
    revaluationNotTheDifference: await q(`
      SELECT v.month, v.currency, v.difference, sum(p.amount) AS posted
        FROM fx_revaluation v
        JOIN posting p ON p.cooperative_id = v.cooperative_id AND p.entry_id = v.entry_id
        JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
       WHERE v.cooperative_id = $1 AND a.code = '1-1901'
       GROUP BY v.month, v.currency, v.difference HAVING sum(p.amount) <> v.difference`),
    settlementNotAsBooked: await q(`
      SELECT s.id, s.kind, s.direction, s.amount, e.source_type, e.source_id,
             coalesce(d.amount, r.amount + r.fee,
                      (SELECT abs(sum(p.amount)) FROM posting p
                         JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
                        WHERE p.cooperative_id = s.cooperative_id AND p.entry_id = s.entry_id
                          AND a.code = '1-1201')) AS booked
        FROM cross_border_settlement s
        JOIN journal_entry e ON e.cooperative_id = s.cooperative_id AND e.id = s.entry_id
        LEFT JOIN cross_border_drawdown d
          ON s.kind = 'drawdown' AND d.cooperative_id = s.cooperative_id AND d.id = s.source_id
        LEFT JOIN cross_border_repayment r
          ON s.kind = 'repayment' AND r.cooperative_id = s.cooperative_id AND r.id = s.source_id
       WHERE s.cooperative_id = $1
         AND (e.source_id <> coalesce(s.source_id, s.id)::text
              OR s.amount <> coalesce(d.amount, r.amount + r.fee,
                      (SELECT abs(sum(p.amount)) FROM posting p
                         JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
                        WHERE p.cooperative_id = s.cooperative_id AND p.entry_id = s.entry_id
                          AND a.code = '1-1201')))`),
    foreignPostingWithoutRate: await q(`
      SELECT p.entry_id, p.line_no, p.currency
        FROM posting p JOIN cooperative c ON c.id = p.cooperative_id
       WHERE p.cooperative_id = $1 AND p.currency <> c.functional_currency
         AND (p.fx_rate IS NULL OR p.fx_rate_id IS NULL)`),
  };
}

export const noCrossBorderViolations = {
  receivableNotDrawnLessRepaid: [],
  drawnAboveLimit: [],
  scheduleNotRepaid: [],
  repaymentsNotAllocated: [],
  instalmentsNotPaidAsAllocated: [],
  positionNotMirroringReceivables: [],
  realisedFxNotBooked: [],
  revaluationNotReversedOnTheFirst: [],
  revaluationNotTheDifference: [],
  settlementNotAsBooked: [],
  foreignPostingWithoutRate: [],
};
