import type { Tx } from '@lumbung/database';
import type { DayCount } from '../domain/time-deposit';

/** A running placement the end of day accrues, with what it has accrued so far. */
export interface AccruingPlacement {
  readonly accountId: string;
  readonly productId: string;
  readonly currency: string;
  readonly placementNo: number;
  readonly principal: string;
  readonly annualRate: string;
  readonly dayCount: DayCount;
  readonly startDate: string;
  readonly maturityDate: string;
  readonly accrued: string;
}

export interface PlacementAccrual {
  readonly accountId: string;
  readonly placementNo: number;
  readonly amount: string;
}

/**
 * The open time deposit accounts whose running placement started before `date`, row-locked in
 * id order (the order a teller's settle locks them in, then balances), with the placement and
 * the sum of its accruals so far.
 */
export async function lockAccruingPlacements(
  tx: Tx,
  cooperativeId: string,
  date: string,
): Promise<AccruingPlacement[]> {
  const rows = await tx.query<{
    account_id: string;
    product_id: string;
    currency: string;
    placement_no: number;
    principal: string;
    annual_rate: string;
    day_count: DayCount;
    start_date: string;
    maturity_date: string;
    accrued: string;
  }>(
    `SELECT a.id AS account_id, a.product_id, a.currency, p.placement_no, p.principal::text,
            p.annual_rate::text, p.day_count, p.start_date::text, p.maturity_date::text,
            coalesce((SELECT sum(r.amount) FROM time_deposit_accrual r
                       WHERE r.cooperative_id = p.cooperative_id
                         AND r.savings_account_id = p.savings_account_id
                         AND r.placement_no = p.placement_no), 0)::text AS accrued
       FROM savings_account a
       JOIN time_deposit_placement p
         ON p.cooperative_id = a.cooperative_id AND p.savings_account_id = a.id
        AND p.status = 'running' AND p.start_date < $2::date
      WHERE a.cooperative_id = $1 AND a.kind = 'berjangka' AND a.status = 'open'
      ORDER BY a.id FOR UPDATE OF a`,
    [cooperativeId, date],
  );
  return rows.map((row) => ({
    accountId: row.account_id,
    productId: row.product_id,
    currency: row.currency,
    placementNo: row.placement_no,
    principal: row.principal,
    annualRate: row.annual_rate,
    dayCount: row.day_count,
    startDate: row.start_date,
    maturityDate: row.maturity_date,
    accrued: row.accrued,
  }));
}

/** What a placement has accrued so far (its reversal included, once ended early). */
export async function accruedOnPlacement(
  tx: Tx,
  cooperativeId: string,
  accountId: string,
  placementNo: number,
): Promise<string> {
  const [row] = await tx.query<{ accrued: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS accrued FROM time_deposit_accrual
      WHERE cooperative_id = $1 AND savings_account_id = $2 AND placement_no = $3`,
    [cooperativeId, accountId, placementNo],
  );
  return row.accrued;
}

export async function insertPlacementAccruals(
  tx: Tx,
  cooperativeId: string,
  date: string,
  rows: readonly PlacementAccrual[],
  entryId: string,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO time_deposit_accrual
       (cooperative_id, savings_account_id, placement_no, accrual_date, amount, entry_id)
     SELECT $1, r.account_id, r.placement_no, $2::date, r.amount, $3
       FROM unnest($4::uuid[], $5::int[], $6::numeric[]) AS r(account_id, placement_no, amount)`,
    [
      cooperativeId,
      date,
      entryId,
      rows.map((r) => r.accountId),
      rows.map((r) => r.placementNo),
      rows.map((r) => r.amount),
    ],
  );
}
