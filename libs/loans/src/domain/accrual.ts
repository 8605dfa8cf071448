import { addDays, type BusinessDate, compareDates, daysBetween, Money } from '@lumbung/core';
import type { Instalment } from './schedule';

/** The stretch of calendar over which one instalment's interest accrues. */
export interface AccrualPeriod {
  readonly instalment: Instalment;
  /** Exclusive: the period's first accruing day is the day after. */
  readonly start: BusinessDate;
  /** Inclusive: the instalment's due date as stored (after any holiday shift). */
  readonly end: BusinessDate;
}

/**
 * Accrual periods tile the calendar: the first starts at instalment 1's periodStart (the
 * disbursement), each later one at the previous instalment's dueDate as stored. So when a
 * holiday moves a due date later, that period accrues over the extra days and the next one
 * over correspondingly fewer (its periodStart, the contractual date, is not used here): no day
 * accrues twice and the interest of each period is unchanged. If holidays push a due date onto
 * or past the next one, the later period has no days and accrues whole on its due date.
 */
export function accrualPeriods(instalments: readonly Instalment[]): AccrualPeriod[] {
  return instalments.map((instalment, index) => ({
    instalment,
    start: index === 0 ? instalment.periodStart : instalments[index - 1].dueDate,
    end: instalment.dueDate,
  }));
}

/** R(I k / n): the closed form of DESIGN.md section 5, k days into a period of n days. */
export function accruedInPeriod(period: AccrualPeriod, date: BusinessDate): Money {
  const { interest } = period.instalment;
  if (compareDates(date, period.end) >= 0) return interest;
  const elapsed = daysBetween(period.start, date);
  if (elapsed <= 0) return Money.zero(interest.currency);
  const length = daysBetween(period.start, period.end);
  return Money.rounded(interest.amount.times(elapsed).div(length), interest.currency, 'half-up');
}

/**
 * Interest accrued from the start of the loan through the end of `date`: every period due on
 * or before it in full, the period containing it pro rata by closed form. Zero on or before
 * the first periodStart; never above the schedule's total interest.
 */
export function accruedThrough(instalments: readonly Instalment[], date: BusinessDate): Money {
  if (instalments.length === 0) throw new RangeError('A schedule has at least one instalment');
  return accrualPeriods(instalments).reduce(
    (sum, period) => sum.plus(accruedInPeriod(period, date)),
    Money.zero(instalments[0].interest.currency),
  );
}

/** The accrual for the single day `date`; over each period these sum exactly to its interest. */
export function dailyAccrual(instalments: readonly Instalment[], date: BusinessDate): Money {
  return accruedThrough(instalments, date).minus(accruedThrough(instalments, addDays(date, -1)));
}
