import type { Tx } from '@lumbung/database';
import { type LedgerLine } from '../domain/statement';
import { receiptSeries } from './teller-operations';

interface LineRow {
  version: string;
  entry_id: string;
  posting_date: string;
  value_date: string;
  description: string;
  operation: string | null;
  receipt_number: string | null;
  amount: string;
  balance_after: string;
}

/** Which postings of the leaf: after a version (passbooks), or by value date (statements). */
export type LineFilter =
  { readonly afterVersion: number } | { readonly valueFrom: string; readonly valueTo: string };

/**
 * The postings of a member's ledger leaf in the ledger's order of the account's history (account
 * version), each with its entry's description and receipt number, and the savings operation that
 * made it when savings did (matched by direction: one entry may move an account both ways, as a
 * member's exit does). Read inside the caller's transaction (one snapshot for a statement).
 */
export async function ledgerLines(
  tx: Tx,
  cooperativeId: string,
  account: { readonly id: string; readonly ledgerAccountId: string },
  filter: LineFilter,
): Promise<LedgerLine[]> {
  const byVersion = 'afterVersion' in filter;
  const rows = await tx.query<LineRow>(
    `SELECT p.account_version::text AS version, p.entry_id, e.posting_date::text AS posting_date,
            p.value_date::text AS value_date, e.description,
            (SELECT t.operation FROM savings_transaction t
              WHERE t.cooperative_id = p.cooperative_id AND t.entry_id = p.entry_id
                AND t.savings_account_id = $3
                AND t.direction = CASE WHEN p.amount < 0 THEN 'in' ELSE 'out' END
              ORDER BY t.id
              LIMIT 1) AS operation,
            CASE WHEN e.voucher_series = $4 THEN e.voucher_number::text END AS receipt_number,
            p.amount::text AS amount, p.balance_after::text AS balance_after
       FROM posting p
       JOIN journal_entry e ON e.cooperative_id = p.cooperative_id AND e.id = p.entry_id
      WHERE p.cooperative_id = $1 AND p.account_id = $2
        AND ${byVersion ? 'p.account_version > $5' : 'p.value_date BETWEEN $5 AND $6'}
      ORDER BY p.account_version`,
    [
      cooperativeId,
      account.ledgerAccountId,
      account.id,
      receiptSeries,
      ...(byVersion ? [filter.afterVersion] : [filter.valueFrom, filter.valueTo]),
    ],
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
    balanceAfter: row.balance_after,
  }));
}

/** The leaf's balance (debit positive) over value dates before `day`: a statement's opening. */
export async function balanceBefore(
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

/** The leaf's last account version: its number of lines. */
export async function lastLine(
  tx: Tx,
  cooperativeId: string,
  ledgerAccountId: string,
): Promise<number> {
  const [row] = await tx.query<{ version: string }>(
    `SELECT version::text FROM ledger_balance WHERE cooperative_id = $1 AND account_id = $2`,
    [cooperativeId, ledgerAccountId],
  );
  return Number(row?.version ?? 0);
}
