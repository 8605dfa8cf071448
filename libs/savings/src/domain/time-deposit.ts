import { type BusinessDate, daysBetween, Decimal, monthEnd, Money } from '@lumbung/core';
import { addMonths, monthOf } from './wajib';

export type DayCount = 'actual/365' | '30/360';

/** The same day `months` later; a day the month lacks becomes its last (31 Jan -> 28 Feb). */
export function maturityDate(start: BusinessDate, months: number): BusinessDate {
  const month = addMonths(monthOf(start), months);
  const lastDay = monthEnd(`${month}-01` as BusinessDate);
  const day = start.slice(8, 10);
  const candidate = `${month}-${day}` as BusinessDate;
  return candidate > lastDay ? lastDay : candidate;
}

/** Days of the period under the product's convention (30E/360 for `30/360`). */
export function accrualDays(dayCount: DayCount, from: BusinessDate, to: BusinessDate): number {
  if (dayCount === 'actual/365') return daysBetween(from, to);
  const [y1, m1, d1] = from.split('-').map((part) => Number(part));
  const [y2, m2, d2] = to.split('-').map((part) => Number(part));
  return 360 * (y2 - y1) + 30 * (m2 - m1) + (Math.min(d2, 30) - Math.min(d1, 30));
}

/** Simple interest for the period, rounded half-up to the currency's minor units once. */
export function periodInterest(
  principal: Money,
  annualRate: string,
  dayCount: DayCount,
  from: BusinessDate,
  to: BusinessDate,
): Money {
  const yearDays = dayCount === 'actual/365' ? 365 : 360;
  const factor = new Decimal(annualRate).times(accrualDays(dayCount, from, to)).div(yearDays);
  return principal.times(factor, 'half-up');
}

/** What leaving before maturity costs: a share of the principal, and no interest. */
export function earlyWithdrawalPenalty(principal: Money, penaltyRate: string): Money {
  return principal.times(penaltyRate, 'half-up');
}

/** What a placement's interest is computed from: its principal, rate and term. */
export interface PlacementTerms {
  readonly principal: Money;
  readonly annualRate: string;
  readonly dayCount: DayCount;
  readonly startDate: BusinessDate;
  readonly maturityDate: BusinessDate;
}

export function placementInterest(p: PlacementTerms): Money {
  return periodInterest(p.principal, p.annualRate, p.dayCount, p.startDate, p.maturityDate);
}

/**
 * The placement's interest accrued through the end of `date`, by the closed form of DESIGN.md
 * section 5 over its calendar days: R(I k / n), k days after the start of n. Whole from the
 * maturity date on, so the days' accruals sum exactly to what maturity pays.
 */
export function placementAccruedThrough(p: PlacementTerms, date: BusinessDate): Money {
  const interest = placementInterest(p);
  if (date >= p.maturityDate) return interest;
  const elapsed = daysBetween(p.startDate, date);
  if (elapsed <= 0) return Money.zero(interest.currency);
  const length = daysBetween(p.startDate, p.maturityDate);
  return Money.rounded(interest.amount.times(elapsed).div(length), interest.currency, 'half-up');
}
