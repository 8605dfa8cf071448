import type { Client } from 'pg';

/**
 * Invariants 1 to 6 of DESIGN.md section 3, checked straight from the tables as the owner
 * sees them. Each query returns the offending rows; all must be empty.
 */
export async function ledgerViolations(
  owner: Client,
  cooperativeId: string,
): Promise<Record<string, unknown[]>> {
  const q = async (sql: string): Promise<unknown[]> =>
    (await owner.query(sql, [cooperativeId])).rows;
  return {
    unbalancedEntries: await q(`
      SELECT entry_id, currency, sum(amount) FROM posting WHERE cooperative_id = $1
       GROUP BY entry_id, currency HAVING sum(amount) <> 0
      UNION ALL
      SELECT entry_id, 'functional', sum(functional_amount) FROM posting WHERE cooperative_id = $1
       GROUP BY entry_id HAVING sum(functional_amount) <> 0 OR count(*) < 2`),
    balancesNotSumOfPostings: await q(`
      SELECT b.account_id, b.balance, coalesce(sum(p.amount), 0) AS postings, b.version, count(p.*) AS lines
        FROM ledger_balance b
        LEFT JOIN posting p ON p.cooperative_id = b.cooperative_id AND p.account_id = b.account_id
       WHERE b.cooperative_id = $1
       GROUP BY b.account_id, b.balance, b.version
      HAVING b.balance <> coalesce(sum(p.amount), 0) OR b.version <> count(p.*)`),
    brokenChains: await q(`
      SELECT account_id, account_version FROM (
        SELECT account_id, account_version, balance_after, amount,
               row_number() OVER w AS expected_version,
               sum(amount) OVER w AS running
          FROM posting WHERE cooperative_id = $1
        WINDOW w AS (PARTITION BY account_id ORDER BY account_version)) x
       WHERE account_version <> expected_version OR balance_after <> running`),
    trialBalanceNotZero: await q(`
      SELECT currency, sum(amount) FROM posting WHERE cooperative_id = $1
       GROUP BY currency HAVING sum(amount) <> 0
      UNION ALL
      SELECT 'functional', sum(functional_amount) FROM posting WHERE cooperative_id = $1
      HAVING sum(functional_amount) <> 0`),
    // Judged per posting, not on the balance: a new account with a minimum balance starts below
    // its floor, and deposits into it are welcome; only a movement against the normal side that
    // ends below the floor breaks invariant 6.
    belowFloor: await q(`
      SELECT p.entry_id, p.line_no, p.account_id, p.balance_after, b.floor
        FROM posting p
        JOIN ledger_balance b ON b.cooperative_id = p.cooperative_id AND b.account_id = p.account_id
       WHERE p.cooperative_id = $1 AND b.floor IS NOT NULL
         AND b.normal_sign * p.amount < 0 AND b.normal_sign * p.balance_after < b.floor`),
    reversedTwice: await q(`
      SELECT reverses_entry_id FROM journal_entry WHERE cooperative_id = $1 AND reverses_entry_id IS NOT NULL
       GROUP BY reverses_entry_id HAVING count(*) > 1`),
    keyPostedTwice: await q(`
      SELECT idempotency_key, count(*) FROM journal_entry
       WHERE cooperative_id = $1 AND idempotency_key IS NOT NULL
       GROUP BY idempotency_key HAVING count(*) > 1`),
  };
}

export const noViolations = {
  unbalancedEntries: [],
  balancesNotSumOfPostings: [],
  brokenChains: [],
  trialBalanceNotZero: [],
  belowFloor: [],
  reversedTwice: [],
  keyPostedTwice: [],
};
