import { Decimal, Money } from '@lumbung/core';
import type { SukarelaTerms } from './product-terms';

/** Days in the year the annual rate is divided by, per the product's day count. */
const yearDays: Record<SukarelaTerms['dayCount'], number> = { 'actual/365': 365, '30/360': 360 };

/**
 * One calendar day's interest on the end-of-day balance as of that day (DESIGN.md section 5):
 * balance x annual rate / year days, rounded half-up to the minor unit each day, so the month's
 * interest is exactly the sum of its days. Interest accrues every calendar day, so under 30/360
 * a 31-day month earns 31/360 of the rate and February 28/360 (or 29/360): the divisor is the
 * product's convention, the days are the calendar's. Nothing accrues on a balance at or below
 * zero (the cooperative owes nothing then).
 */
export function dailyInterest(
  balance: Money,
  terms: Pick<SukarelaTerms, 'annualRate' | 'dayCount'>,
): Money {
  if (!balance.isPositive()) return Money.zero(balance.currency);
  return balance.times(new Decimal(terms.annualRate).div(yearDays[terms.dayCount]), 'half-up');
}

/**
 * Tax withheld from a month's interest when it is posted to the account. Withholding on savings
 * interest is a product setting (DOMAIN.md marks it [check]; default off): when the month's
 * interest is above the threshold the whole month's interest is taxed at the rate, rounded
 * half-up (as PP 15/2009 taxes cooperative members' interest above Rp240,000 a month at 10%);
 * at or below the threshold nothing is withheld.
 */
export function withholdingTax(
  monthInterest: Money,
  withholding: SukarelaTerms['withholding'],
): Money {
  const zero = Money.zero(monthInterest.currency);
  if (!withholding || !monthInterest.isPositive()) return zero;
  const threshold = Money.of(withholding.threshold, monthInterest.currency);
  if (monthInterest.compare(threshold) <= 0) return zero;
  return monthInterest.times(withholding.rate, 'half-up');
}
