import { type BusinessDate, compareDates, daysBetween, Decimal, Money } from '@lumbung/core';
import { accrualPeriods, accruedThrough } from './accrual';
import type { FlatPayoffRule, InterestMethod } from './loan-terms';
import type { Instalment } from './schedule';

export interface PayoffQuote {
  readonly principal: Money;
  readonly interest: Money;
  readonly penalty: Money;
  readonly fees: Money;
  readonly total: Money;
  readonly rule: FlatPayoffRule | 'accrued-to-date';
}

export interface PaidToInstalment {
  readonly principal: Money;
  readonly interest: Money;
}

export interface PayoffInput {
  readonly instalments: readonly Instalment[];
  /** What was already paid per instalment number. */
  readonly paid: ReadonlyMap<number, PaidToInstalment>;
  readonly unpaidPenalty: Money;
  readonly unpaidFees: Money;
  readonly method: InterestMethod;
  readonly flatPayoff: FlatPayoffRule;
  /** The schedule's effectiveAnnualRate (used by the flat 'effective-to-date' rule). */
  readonly effectiveAnnualRate: string;
  readonly date: BusinessDate;
}

/**
 * What settles the loan on `date`: the remaining principal, unpaid penalties and fees, and
 * interest. Declining and annuity loans owe the interest accrued through `date` less what was
 * paid; flat loans owe what the product's payoff rule says. Interest paid ahead of what the
 * rule earns is not refunded here (the interest line never goes below zero).
 */
export function payoffQuote(input: PayoffInput): PayoffQuote {
  if (input.instalments.length === 0)
    throw new RangeError('A schedule has at least one instalment');
  const zero = Money.zero(input.instalments[0].principal.currency);
  const paidOf = (no: number) => input.paid.get(no) ?? { principal: zero, interest: zero };
  const principal = sum(
    input.instalments.map((i) => i.principal.minus(paidOf(i.no).principal)),
    zero,
  );
  const interest =
    input.method === 'flat'
      ? flatPayoffInterest(input, principal, paidOf, zero)
      : nonNegative(
          accruedThrough(input.instalments, input.date).minus(
            sum(
              input.instalments.map((i) => paidOf(i.no).interest),
              zero,
            ),
          ),
        );
  return {
    principal,
    interest,
    penalty: input.unpaidPenalty,
    fees: input.unpaidFees,
    total: principal.plus(interest).plus(input.unpaidPenalty).plus(input.unpaidFees),
    rule: input.method === 'flat' ? input.flatPayoff : 'accrued-to-date',
  };
}

function flatPayoffInterest(
  input: PayoffInput,
  outstanding: Money,
  paidOf: (no: number) => PaidToInstalment,
  zero: Money,
): Money {
  const { instalments, date } = input;
  const unpaidInterest = (i: Instalment) => nonNegative(i.interest.minus(paidOf(i.no).interest));
  const dueInterest = sum(
    instalments.filter((i) => compareDates(i.dueDate, date) <= 0).map(unpaidInterest),
    zero,
  );
  // The period under way: begun (its start is exclusive) and not yet due. On a due date the
  // period ending that day is among the due ones and the next has not begun, as in accrual.
  const current = accrualPeriods(instalments).find(
    (p) => compareDates(p.start, date) < 0 && compareDates(p.end, date) > 0,
  );
  switch (input.flatPayoff) {
    case 'current-period-interest':
      return current ? dueInterest.plus(unpaidInterest(current.instalment)) : dueInterest;
    case 'all-scheduled-interest':
      return sum(instalments.map(unpaidInterest), zero);
    case 'effective-to-date': {
      if (!current) return dueInterest;
      // Never more than the period's own flat interest: the rule is a rebate, not a surcharge.
      const days = Math.max(0, daysBetween(current.start, date));
      const effective = outstanding.times(
        new Decimal(input.effectiveAnnualRate).times(days).div(365),
        'half-up',
      );
      const earned =
        effective.compare(current.instalment.interest) < 0
          ? effective
          : current.instalment.interest;
      return dueInterest.plus(nonNegative(earned.minus(paidOf(current.instalment.no).interest)));
    }
    case 'rule-of-78': {
      const total = sum(
        instalments.map((i) => i.interest),
        zero,
      );
      const periods = instalments.length;
      // Whole periods not yet begun: a period starting on `date` accrues only from the next day.
      const remaining = accrualPeriods(instalments).filter(
        (p) => compareDates(p.start, date) >= 0,
      ).length;
      const rebate = total.times(
        new Decimal(remaining * (remaining + 1)).div(periods * (periods + 1)),
        'half-up',
      );
      const paid = sum(
        instalments.map((i) => paidOf(i.no).interest),
        zero,
      );
      return nonNegative(total.minus(rebate).minus(paid));
    }
  }
}

function sum(amounts: readonly Money[], zero: Money): Money {
  return amounts.reduce((total, amount) => total.plus(amount), zero);
}

function nonNegative(amount: Money): Money {
  return amount.isNegative() ? Money.zero(amount.currency) : amount;
}
