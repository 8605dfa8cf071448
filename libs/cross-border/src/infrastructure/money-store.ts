import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { RepaymentBucket } from '../domain/facility-money';

export interface DrawdownRecord {
  readonly id: string;
  readonly facilityId: string;
  readonly currency: string;
  readonly amount: string;
  readonly functionalAmount: string;
  readonly fxRate: string | null;
  readonly fxRateId: string | null;
  readonly drawnOn: BusinessDate;
  readonly entryId: string;
  readonly principalRepaid: string;
  readonly functionalRepaid: string;
  readonly recordedBy: string;
}

export interface InstalmentRecord {
  readonly drawdownId: string;
  readonly no: number;
  readonly dueDate: BusinessDate;
  readonly principal: string;
  readonly interest: string;
  readonly principalPaid: string;
  readonly interestPaid: string;
}

export interface RepaymentRecord {
  readonly id: string;
  readonly facilityId: string;
  readonly currency: string;
  readonly amount: string;
  readonly interest: string;
  readonly principal: string;
  readonly fee: string;
  readonly fxRate: string | null;
  readonly fxRateId: string | null;
  readonly paidOn: BusinessDate;
  readonly functionalReceived: string;
  readonly principalCarrying: string;
  readonly principalAtRate: string;
  readonly realisedFx: string;
  readonly allocation: ReadonlyArray<{
    drawdownId: string;
    no: number;
    bucket: RepaymentBucket;
    amount: string;
  }>;
  readonly entryId: string;
  readonly recordedBy: string;
}

export interface RevaluationRecord {
  readonly month: BusinessDate;
  readonly currency: string;
  readonly periodEnd: BusinessDate;
  readonly fxRate: string;
  readonly fxRateId: string;
  readonly foreignBalance: string;
  readonly carrying: string;
  readonly revalued: string;
  readonly difference: string;
  readonly entryId: string | null;
  readonly reversalEntryId: string | null;
}

export async function setReceivableAccount(
  tx: Tx,
  cooperativeId: string,
  facilityId: string,
  accountId: string,
): Promise<void> {
  await tx.query(
    `WITH changed AS (
       UPDATE cross_border_facility SET receivable_account_id = $3
        WHERE cooperative_id = $1 AND id = $2 AND receivable_account_id IS NULL RETURNING id)
     SELECT id FROM changed`,
    [cooperativeId, facilityId, accountId],
  );
}

/** How many facilities have a receivable leaf: the next one's leaf number. */
export async function receivableLeafCount(tx: Tx, cooperativeId: string): Promise<number> {
  const [row] = await tx.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM cross_border_facility
      WHERE cooperative_id = $1 AND receivable_account_id IS NOT NULL`,
    [cooperativeId],
  );
  return Number(row.n);
}

const drawdownColumns = `id, facility_id, currency, amount::text, functional_amount::text,
  fx_rate::text, fx_rate_id, drawn_on, entry_id, principal_repaid::text, functional_repaid::text,
  recorded_by`;

interface DrawdownRow {
  id: string;
  facility_id: string;
  currency: string;
  amount: string;
  functional_amount: string;
  fx_rate: string | null;
  fx_rate_id: string | null;
  drawn_on: BusinessDate;
  entry_id: string;
  principal_repaid: string;
  functional_repaid: string;
  recorded_by: string;
}

function toDrawdown(row: DrawdownRow): DrawdownRecord {
  return {
    id: row.id,
    facilityId: row.facility_id,
    currency: row.currency,
    amount: row.amount,
    functionalAmount: row.functional_amount,
    fxRate: row.fx_rate,
    fxRateId: row.fx_rate_id,
    drawnOn: row.drawn_on,
    entryId: row.entry_id,
    principalRepaid: row.principal_repaid,
    functionalRepaid: row.functional_repaid,
    recordedBy: row.recorded_by,
  };
}

/**
 * A drawdown and its schedule. The repaid and paid columns start at the zeros given (`0.00`), so
 * they read back at their currency's scale.
 */
export async function insertDrawdown(
  tx: Tx,
  cooperativeId: string,
  drawdown: DrawdownRecord,
  instalments: readonly InstalmentRecord[],
): Promise<void> {
  await tx.query(
    `INSERT INTO cross_border_drawdown (cooperative_id, id, facility_id, currency, amount,
       functional_amount, fx_rate, fx_rate_id, drawn_on, entry_id, recorded_by, principal_repaid,
       functional_repaid)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      cooperativeId,
      drawdown.id,
      drawdown.facilityId,
      drawdown.currency,
      drawdown.amount,
      drawdown.functionalAmount,
      drawdown.fxRate,
      drawdown.fxRateId,
      drawdown.drawnOn,
      drawdown.entryId,
      drawdown.recordedBy,
      drawdown.principalRepaid,
      drawdown.functionalRepaid,
    ],
  );
  await tx.query(
    `INSERT INTO cross_border_instalment (cooperative_id, drawdown_id, no, due_date, principal,
       interest, principal_paid, interest_paid)
     SELECT $1, $2, u.no, u.due, u.principal, u.interest, u.principal_paid, u.interest_paid
       FROM unnest($3::int[], $4::date[], $5::numeric[], $6::numeric[], $7::numeric[],
                   $8::numeric[])
         AS u(no, due, principal, interest, principal_paid, interest_paid)`,
    [
      cooperativeId,
      drawdown.id,
      instalments.map((i) => i.no),
      instalments.map((i) => i.dueDate),
      instalments.map((i) => i.principal),
      instalments.map((i) => i.interest),
      instalments.map((i) => i.principalPaid),
      instalments.map((i) => i.interestPaid),
    ],
  );
}

export async function drawdownsOf(
  tx: Tx,
  cooperativeId: string,
  facilityId: string,
): Promise<DrawdownRecord[]> {
  const rows = await tx.query<DrawdownRow>(
    `SELECT ${drawdownColumns} FROM cross_border_drawdown
      WHERE cooperative_id = $1 AND facility_id = $2 ORDER BY id`,
    [cooperativeId, facilityId],
  );
  return rows.map(toDrawdown);
}

export async function instalmentsOf(
  tx: Tx,
  cooperativeId: string,
  facilityId: string,
): Promise<InstalmentRecord[]> {
  const rows = await tx.query<{
    drawdown_id: string;
    no: number;
    due_date: BusinessDate;
    principal: string;
    interest: string;
    principal_paid: string;
    interest_paid: string;
  }>(
    `SELECT i.drawdown_id, i.no, i.due_date, i.principal::text, i.interest::text,
            i.principal_paid::text, i.interest_paid::text
       FROM cross_border_instalment i
       JOIN cross_border_drawdown d ON d.cooperative_id = i.cooperative_id AND d.id = i.drawdown_id
      WHERE i.cooperative_id = $1 AND d.facility_id = $2
      ORDER BY i.drawdown_id, i.no`,
    [cooperativeId, facilityId],
  );
  return rows.map((r) => ({
    drawdownId: r.drawdown_id,
    no: r.no,
    dueDate: r.due_date,
    principal: r.principal,
    interest: r.interest,
    principalPaid: r.principal_paid,
    interestPaid: r.interest_paid,
  }));
}

/** Adds what a repayment paid to each instalment it touched, in one statement. */
export async function payInstalments(
  tx: Tx,
  cooperativeId: string,
  paid: ReadonlyArray<{ drawdownId: string; no: number; principal: string; interest: string }>,
): Promise<void> {
  if (paid.length === 0) return;
  await tx.query(
    `WITH paid AS (
       SELECT * FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::numeric[])
         AS u(drawdown_id, no, principal, interest)
     ), changed AS (
       UPDATE cross_border_instalment i
          SET principal_paid = i.principal_paid + p.principal,
              interest_paid = i.interest_paid + p.interest
         FROM paid p
        WHERE i.cooperative_id = $1 AND i.drawdown_id = p.drawdown_id AND i.no = p.no
        RETURNING i.no)
     SELECT count(*) FROM changed`,
    [
      cooperativeId,
      paid.map((p) => p.drawdownId),
      paid.map((p) => p.no),
      paid.map((p) => p.principal),
      paid.map((p) => p.interest),
    ],
  );
}

export async function repayDrawdowns(
  tx: Tx,
  cooperativeId: string,
  repaid: ReadonlyArray<{ drawdownId: string; principal: string; functional: string }>,
): Promise<void> {
  if (repaid.length === 0) return;
  await tx.query(
    `WITH repaid AS (
       SELECT * FROM unnest($2::uuid[], $3::numeric[], $4::numeric[])
         AS u(id, principal, functional)
     ), changed AS (
       UPDATE cross_border_drawdown d
          SET principal_repaid = d.principal_repaid + r.principal,
              functional_repaid = d.functional_repaid + r.functional
         FROM repaid r
        WHERE d.cooperative_id = $1 AND d.id = r.id
        RETURNING d.id)
     SELECT count(*) FROM changed`,
    [
      cooperativeId,
      repaid.map((r) => r.drawdownId),
      repaid.map((r) => r.principal),
      repaid.map((r) => r.functional),
    ],
  );
}

const repaymentColumns = `id, facility_id, currency, amount::text, interest::text, principal::text,
  fee::text, fx_rate::text, fx_rate_id, paid_on, functional_received::text,
  principal_carrying::text, principal_at_rate::text, realised_fx::text, allocation, entry_id,
  recorded_by`;

interface RepaymentRow {
  id: string;
  facility_id: string;
  currency: string;
  amount: string;
  interest: string;
  principal: string;
  fee: string;
  fx_rate: string | null;
  fx_rate_id: string | null;
  paid_on: BusinessDate;
  functional_received: string;
  principal_carrying: string;
  principal_at_rate: string;
  realised_fx: string;
  allocation: RepaymentRecord['allocation'];
  entry_id: string;
  recorded_by: string;
}

export async function insertRepayment(
  tx: Tx,
  cooperativeId: string,
  r: RepaymentRecord,
): Promise<void> {
  await tx.query(
    `INSERT INTO cross_border_repayment (cooperative_id, id, facility_id, currency, amount,
       interest, principal, fee, fx_rate, fx_rate_id, paid_on, functional_received,
       principal_carrying, principal_at_rate, realised_fx, allocation, entry_id, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      cooperativeId,
      r.id,
      r.facilityId,
      r.currency,
      r.amount,
      r.interest,
      r.principal,
      r.fee,
      r.fxRate,
      r.fxRateId,
      r.paidOn,
      r.functionalReceived,
      r.principalCarrying,
      r.principalAtRate,
      r.realisedFx,
      JSON.stringify(r.allocation),
      r.entryId,
      r.recordedBy,
    ],
  );
}

export async function repaymentsOf(
  tx: Tx,
  cooperativeId: string,
  facilityId: string,
): Promise<RepaymentRecord[]> {
  const rows = await tx.query<RepaymentRow>(
    `SELECT ${repaymentColumns} FROM cross_border_repayment
      WHERE cooperative_id = $1 AND facility_id = $2 ORDER BY id`,
    [cooperativeId, facilityId],
  );
  return rows.map((row) => ({
    id: row.id,
    facilityId: row.facility_id,
    currency: row.currency,
    amount: row.amount,
    interest: row.interest,
    principal: row.principal,
    fee: row.fee,
    fxRate: row.fx_rate,
    fxRateId: row.fx_rate_id,
    paidOn: row.paid_on,
    functionalReceived: row.functional_received,
    principalCarrying: row.principal_carrying,
    principalAtRate: row.principal_at_rate,
    realisedFx: row.realised_fx,
    allocation: row.allocation,
    entryId: row.entry_id,
    recordedBy: row.recorded_by,
  }));
}

/**
 * Per foreign currency, the balance and the functional carrying amount of every leaf in that
 * currency except the FX position leaves, as of `date` by value date.
 */
export async function foreignBalancesAsOf(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
  positionLeafIds: readonly string[],
): Promise<Array<{ currency: string; balance: string; carrying: string }>> {
  return tx.query<{ currency: string; balance: string; carrying: string }>(
    `SELECT a.currency::text AS currency, coalesce(sum(p.amount), 0)::text AS balance,
            coalesce(sum(p.functional_amount), 0)::text AS carrying
       FROM account a
       JOIN cooperative c ON c.id = a.cooperative_id
       JOIN posting p ON p.cooperative_id = a.cooperative_id AND p.account_id = a.id
                     AND p.value_date <= $2
      WHERE a.cooperative_id = $1 AND a.is_leaf AND a.currency <> c.functional_currency
        AND a.id <> ALL($3::uuid[])
      GROUP BY a.currency ORDER BY a.currency`,
    [cooperativeId, date, positionLeafIds],
  );
}

export async function revaluationsOf(
  tx: Tx,
  cooperativeId: string,
  month: BusinessDate,
): Promise<RevaluationRecord[]> {
  const rows = await tx.query<{
    month: BusinessDate;
    currency: string;
    period_end: BusinessDate;
    fx_rate: string;
    fx_rate_id: string;
    foreign_balance: string;
    carrying: string;
    revalued: string;
    difference: string;
    entry_id: string | null;
    reversal_entry_id: string | null;
  }>(
    `SELECT month, currency, period_end, fx_rate::text, fx_rate_id, foreign_balance::text,
            carrying::text, revalued::text, difference::text, entry_id, reversal_entry_id
       FROM fx_revaluation WHERE cooperative_id = $1 AND month = $2 ORDER BY currency`,
    [cooperativeId, month],
  );
  return rows.map((r) => ({
    month: r.month,
    currency: r.currency,
    periodEnd: r.period_end,
    fxRate: r.fx_rate,
    fxRateId: r.fx_rate_id,
    foreignBalance: r.foreign_balance,
    carrying: r.carrying,
    revalued: r.revalued,
    difference: r.difference,
    entryId: r.entry_id,
    reversalEntryId: r.reversal_entry_id,
  }));
}

export async function insertRevaluations(
  tx: Tx,
  cooperativeId: string,
  rows: readonly RevaluationRecord[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO fx_revaluation (cooperative_id, month, currency, period_end, fx_rate, fx_rate_id,
       foreign_balance, carrying, revalued, difference, entry_id, reversal_entry_id)
     SELECT $1, u.month, u.currency, u.period_end, u.fx_rate, u.fx_rate_id, u.foreign_balance,
            u.carrying, u.revalued, u.difference, u.entry_id, u.reversal_entry_id
       FROM unnest($2::date[], $3::text[], $4::date[], $5::numeric[], $6::uuid[], $7::numeric[],
                   $8::numeric[], $9::numeric[], $10::numeric[], $11::uuid[], $12::uuid[])
         AS u(month, currency, period_end, fx_rate, fx_rate_id, foreign_balance, carrying,
              revalued, difference, entry_id, reversal_entry_id)`,
    [
      cooperativeId,
      rows.map((r) => r.month),
      rows.map((r) => r.currency),
      rows.map((r) => r.periodEnd),
      rows.map((r) => r.fxRate),
      rows.map((r) => r.fxRateId),
      rows.map((r) => r.foreignBalance),
      rows.map((r) => r.carrying),
      rows.map((r) => r.revalued),
      rows.map((r) => r.difference),
      rows.map((r) => r.entryId),
      rows.map((r) => r.reversalEntryId),
    ],
  );
}
