import type { Client } from 'pg';

/**
 * Provisions kept two ways must agree: per product the allowance leaf (`1-17-<code>`, credit)
 * holds exactly what the loans' latest provision rows require, every provision entry moves the
 * expense by what the rows citing it changed, and each row's change is its required allowance
 * less the loan's previous row's.
 */
export async function provisionViolations(
  owner: Client,
  cooperativeId: string,
): Promise<Record<string, unknown[]>> {
  const q = async (sql: string): Promise<unknown[]> =>
    (await owner.query(sql, [cooperativeId])).rows;
  return {
    allowanceDiffersFromRows: await q(`
      SELECT p.code, b.balance AS ledger, -coalesce(r.required, 0) AS expected
        FROM loan_product p
        JOIN loan_provision_account a ON a.cooperative_id = p.cooperative_id AND a.product_id = p.id
        JOIN ledger_balance b ON b.cooperative_id = a.cooperative_id
                             AND b.account_id = a.allowance_account_id
        LEFT JOIN (SELECT l.product_id, sum(x.required) AS required
                     FROM (SELECT DISTINCT ON (loan_id) loan_id, required FROM loan_provision
                            WHERE cooperative_id = $1 ORDER BY loan_id, as_of DESC) x
                     JOIN loan l ON l.cooperative_id = $1 AND l.id = x.loan_id
                    GROUP BY l.product_id) r ON r.product_id = p.id
       WHERE p.cooperative_id = $1 AND b.balance <> -coalesce(r.required, 0)`),
    rowsWithoutAllowanceLeaf: await q(`
      SELECT DISTINCT l.product_id FROM loan_provision x
        JOIN loan l ON l.cooperative_id = x.cooperative_id AND l.id = x.loan_id
       WHERE x.cooperative_id = $1 AND x.change <> 0
         AND NOT EXISTS (SELECT FROM loan_provision_account a
                          WHERE a.cooperative_id = l.cooperative_id AND a.product_id = l.product_id)`),
    entryDiffersFromRows: await q(`
      SELECT e.id, p.amount AS expense, r.change
        FROM journal_entry e
        JOIN account x ON x.cooperative_id = e.cooperative_id AND x.code = '5-1103'
        JOIN posting p ON p.cooperative_id = e.cooperative_id AND p.entry_id = e.id
                      AND p.account_id = x.id
        LEFT JOIN (SELECT entry_id, sum(change) AS change FROM loan_provision
                    WHERE cooperative_id = $1 GROUP BY entry_id) r ON r.entry_id = e.id
       WHERE e.cooperative_id = $1 AND e.source_type = 'loans.provision'
         AND p.amount IS DISTINCT FROM r.change`),
    changeNotDifference: await q(`
      SELECT loan_id, as_of, required, change, previous FROM (
        SELECT loan_id, as_of::text, required, change,
               lag(required) OVER (PARTITION BY loan_id ORDER BY as_of) AS previous
          FROM loan_provision WHERE cooperative_id = $1) x
       WHERE change <> required - coalesce(previous, 0)`),
  };
}

export const noProvisionViolations = {
  allowanceDiffersFromRows: [],
  rowsWithoutAllowanceLeaf: [],
  entryDiffersFromRows: [],
  changeNotDifference: [],
};
