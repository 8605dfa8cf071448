import {
  type BusinessDate,
  daysBetween,
  Decimal,
  Money,
  type RoundingRule,
  roundingRule,
  roundToUnit,
} from '@lumbung/core';
import { annualRate, type LoanTerms, periodRate } from './loan-terms';

/** One accrual period of the contract: from the previous contractual date to this one. */
export interface ContractPeriod {
  readonly periodStart: BusinessDate;
  readonly contractualDate: BusinessDate;
}

export interface InstalmentAmounts {
  readonly principal: Money;
  readonly interest: Money;
}

export type InterestTerms = Pick<LoanTerms, 'ratePer' | 'frequency' | 'dayCount'>;

/**
 * Interest on an outstanding balance for one period, rounded half-up to the minor unit:
 * 30/360 charges the nominal period rate whatever the calendar says; actual/365 charges the
 * annual rate for the period's calendar days.
 */
export function periodInterest(
  balance: Money,
  terms: InterestTerms,
  rate: string,
  period: ContractPeriod,
): Money {
  const factor =
    terms.dayCount === '30/360'
      ? periodRate(terms, rate)
      : annualRate(terms, rate)
          .times(daysBetween(period.periodStart, period.contractualDate))
          .div(365);
  return Money.rounded(balance.amount.times(factor), balance.currency, 'half-up');
}

export function toUnit(value: Decimal, like: Money, rule: RoundingRule): Money {
  return Money.rounded(roundToUnit(value, rule), like.currency, rule.mode);
}

export function instalmentRounding(terms: Pick<LoanTerms, 'roundingUnit'>): RoundingRule {
  return roundingRule(terms.roundingUnit, 'half-up');
}

/**
 * The equal principal part of `count` instalments, rounded half-up to the unit; the last one
 * takes the residue. When rounding up would leave the last instalment negative (a unit large
 * against the loan), it rounds down instead so that the balance never goes below zero.
 */
export function evenPrincipal(principal: Money, count: number, rule: RoundingRule): Money {
  const share = principal.amount.div(count);
  const rounded = toUnit(share, principal, rule);
  if (rounded.amount.times(count - 1).lte(principal.amount)) return rounded;
  return toUnit(share, principal, { ...rule, mode: 'down' });
}

interface MethodInput {
  readonly principal: Money;
  readonly periods: readonly ContractPeriod[];
  readonly grace: number;
  readonly terms: InterestTerms;
  readonly rate: string;
  readonly rule: RoundingRule;
}

/** Flat: interest on the original principal every period, both parts rounded to the unit. */
export function flatAmounts(input: MethodInput): InstalmentAmounts[] {
  const { principal, periods, grace, rule } = input;
  const interest = toUnit(
    principal.amount.times(periodRate(input.terms, input.rate)),
    principal,
    rule,
  );
  return spreadPrincipal(
    input,
    evenPrincipal(principal, periods.length - grace, rule),
    () => interest,
  );
}

/** Declining (equal principal): interest on the balance outstanding during the period. */
export function decliningAmounts(input: MethodInput): InstalmentAmounts[] {
  const { principal, periods, grace, rule } = input;
  return spreadPrincipal(
    input,
    evenPrincipal(principal, periods.length - grace, rule),
    (balance, period) => periodInterest(balance, input.terms, input.rate, period),
  );
}

function spreadPrincipal(
  input: MethodInput,
  share: Money,
  interestOn: (balance: Money, period: ContractPeriod) => Money,
): InstalmentAmounts[] {
  const { principal, periods, grace } = input;
  let balance = principal;
  return periods.map((period, index) => {
    const interest = interestOn(balance, period);
    const part =
      index < grace
        ? Money.zero(principal.currency)
        : index === periods.length - 1
          ? balance
          : share;
    balance = balance.minus(part);
    return { principal: part, interest };
  });
}

/**
 * The level payment P r / (1 - (1+r)^-m) for the m periods after the grace, rounded half-up to
 * the unit (P/m when the rate is zero).
 */
export function annuityPayment(
  principal: Money,
  rate: Decimal,
  count: number,
  rule: RoundingRule,
): Money {
  if (rate.isZero()) return toUnit(principal.amount.div(count), principal, rule);
  const payment = principal.amount.times(rate).div(new Decimal(1).minus(rate.plus(1).pow(-count)));
  return toUnit(payment, principal, rule);
}

/**
 * Annuity: a level payment; each period's interest on the outstanding balance, the rest is
 * principal. The last instalment clears the balance, so its payment may differ. Principal is
 * kept between zero and the balance, so an odd period (actual days) or a coarse unit can
 * neither make a part negative nor overpay the loan.
 */
export function annuityAmounts(input: MethodInput): InstalmentAmounts[] {
  const { principal, periods, grace, rule } = input;
  const payment = annuityPayment(
    principal,
    periodRate(input.terms, input.rate),
    periods.length - grace,
    rule,
  );
  const zero = Money.zero(principal.currency);
  let balance = principal;
  return periods.map((period, index) => {
    const interest = periodInterest(balance, input.terms, input.rate, period);
    let part = zero;
    if (index === periods.length - 1) part = balance;
    else if (index >= grace) part = clamp(payment.minus(interest), zero, balance);
    balance = balance.minus(part);
    return { principal: part, interest };
  });
}

function clamp(value: Money, low: Money, high: Money): Money {
  if (value.compare(low) < 0) return low;
  if (value.compare(high) > 0) return high;
  return value;
}
