import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';

export interface DayAccrualRow {
  readonly loan_id: string;
  readonly day: BusinessDate;
  readonly amount: string;
}

/**
 * The closed form of DESIGN.md section 5 in SQL, as `dailyAccrual` computes it in TypeScript
 * (domain/accrual.ts): a period accrues R(I*k/n) by day k of its n, all of I from its end on,
 * and a day's accrual is the change over the day, summed over the loan's periods. Periods tile
 * the calendar from the disbursement, each starting at the previous instalment's stored due
 * date. `periods` must yield (loan_id, interest, start, finish); `pending` (loan_id, through):
 * every day after `through` up to $1 gets a row, zero or not.
 */
export function dailyAccrualSql(periods: string, pending: string): string {
  const accrued = (day: string) => `CASE WHEN ${day} >= p.finish THEN p.interest
                 WHEN ${day} <= p.start THEN 0
                 ELSE round(p.interest * (${day} - p.start) / (p.finish - p.start), 2) END`;
  return `
    WITH pending AS (${pending}),
         periods AS (${periods}),
         days AS (SELECT q.loan_id, d::date AS day
                    FROM pending q, generate_series(q.through + 1, $1::date, interval '1 day') d)
    SELECT d.loan_id, d.day::text AS day,
           coalesce(sum(${accrued('d.day')} - ${accrued('(d.day - 1)')}), 0)::text AS amount
      FROM days d
      LEFT JOIN periods p ON p.loan_id = d.loan_id AND p.finish >= d.day - 1
     GROUP BY d.loan_id, d.day
     ORDER BY d.loan_id, d.day`;
}

/**
 * Each of these loans' days not yet accrued through `date`, from the schedules in force and the
 * loans' accrual positions (which the caller holds locked).
 */
export function pendingDayAccruals(
  tx: Tx,
  cooperativeId: string,
  date: BusinessDate,
  loanIds: readonly string[],
): Promise<DayAccrualRow[]> {
  const pending = `
    SELECT l.id AS loan_id, p.accrued_through AS through, l.schedule_version
      FROM loan_accrual_position p
      JOIN loan l ON l.cooperative_id = p.cooperative_id AND l.id = p.loan_id
     WHERE p.cooperative_id = $2 AND p.loan_id = ANY ($3::uuid[])
       AND p.accrued_through < $1::date`;
  const periods = `
    SELECT i.loan_id, i.interest,
           coalesce(lag(i.due_date) OVER (PARTITION BY i.loan_id ORDER BY i.no), i.period_start)
             AS start,
           i.due_date AS finish
      FROM loan_instalment i
      JOIN pending q ON q.loan_id = i.loan_id AND q.schedule_version = i.schedule_version
     WHERE i.cooperative_id = $2`;
  return tx.query<DayAccrualRow>(dailyAccrualSql(periods, pending), [date, cooperativeId, loanIds]);
}
