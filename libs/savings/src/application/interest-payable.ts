import type { Tx } from '@lumbung/database';
import type { ChartService } from '@lumbung/ledger';
import type { ProductView } from '../infrastructure/product-store';

/** Lines of the KSP chart (libs/ledger's template) savings interest moves through. */
export const savingsInterestCodes = {
  expense: '5-1101',
  payableHeading: '2-3',
  withholdingTax: '2-9101',
} as const;

/**
 * The product's interest payable leaf `2-3-<code>`, opened the first time the product accrues.
 * Two chunks of one run may both find it missing: an advisory lock per leaf lets the first open
 * it and the other, waiting, re-read it once the first commits (READ COMMITTED sees it). Only a
 * product's first accrual ever takes the lock; the account locks the chunks hold are disjoint,
 * so waiting on it cannot close a cycle.
 */
export async function interestPayableLeaf(
  tx: Tx,
  charts: ChartService,
  cooperativeId: string,
  product: ProductView,
): Promise<string> {
  const code = `${savingsInterestCodes.payableHeading}-${product.code}`;
  const find = async () =>
    (
      await tx.query<{ id: string }>(
        `SELECT id FROM account WHERE cooperative_id = $1 AND code = $2`,
        [cooperativeId, code],
      )
    )[0]?.id;
  const found = await find();
  if (found) return found;
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('savings-payable:' || $1, 0))`, [
    `${cooperativeId}:${code}`,
  ]);
  const raced = await find();
  if (raced) return raced;
  const heading = await charts.accountByCode(
    tx,
    cooperativeId,
    savingsInterestCodes.payableHeading,
  );
  const leaf = await charts.openLeaf(tx, cooperativeId, {
    parentId: heading.id,
    code,
    name: `Utang Jasa ${product.name}`.slice(0, 200),
    currency: product.currency,
    // Interest paid never exceeds what accrued: the ledger holds it to that.
    floor: '0',
  });
  return leaf.id;
}
