import type { Tx } from './transaction-scope';

/**
 * When the transaction started (ISO 8601): for a report read in one REPEATABLE READ snapshot,
 * the moment its figures describe, the same for every statement of it.
 */
export async function transactionTime(tx: Tx): Promise<string> {
  const [row] = await tx.query<{ at: Date }>(`SELECT transaction_timestamp() AS at`);
  return row.at.toISOString();
}
