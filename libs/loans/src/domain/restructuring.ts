import {
  type BusinessDate,
  compareDates,
  Decimal,
  type FieldProblem,
  InvalidInputError,
  isPlainDecimalString,
  Money,
} from '@lumbung/core';
import { accrualPeriods, accruedInPeriod, accruedThrough } from './accrual';
import type { LoanGrade } from './collectibility';
import {
  type InterestMethod,
  interestMethods,
  type LoanTerms,
  maxLoanInstalments,
} from './loan-terms';
import type { Instalment } from './schedule';

/** What a manager asks for: the new schedule of what remains, and why. */
export interface RestructuringRequest {
  /** The new term: instalments from the restructuring date. */
  readonly instalments: number;
  /** Per the loan's `ratePer`, at most its product's maximum. */
  readonly rate: string;
  readonly method: InterestMethod;
  /** Interest-only instalments at the start of the new schedule. */
  readonly graceInstalments: number;
  /** Interest accrued and unpaid on the day becomes principal of the new schedule. */
  readonly capitaliseInterest: boolean;
  readonly reason: string;
}

/** The terms of a loan as a restructuring changes them, recorded before and after. */
export interface RestructuredTerms {
  readonly method: InterestMethod;
  readonly rate: string;
  readonly ratePer: LoanTerms['ratePer'];
  readonly instalments: number;
  readonly graceInstalments: number;
}

type Raw = Record<string, unknown>;

/**
 * Validates a restructuring request against the loan's terms: the method and rate default to the
 * loan's, the rate is a non-negative fraction no higher than the product's maximum, grace leaves
 * at least one instalment of principal, a reason is required. Every problem is reported at once.
 */
export function parseRestructuring(
  input: unknown,
  loan: { readonly rate: string; readonly terms: LoanTerms },
): RestructuringRequest {
  const raw: Raw = typeof input === 'object' && input !== null ? (input as Raw) : {};
  const problems: FieldProblem[] = [];
  const instalments = raw.instalments;
  const termOk =
    typeof instalments === 'number' &&
    Number.isInteger(instalments) &&
    instalments >= 1 &&
    instalments <= maxLoanInstalments;
  if (!termOk) {
    problems.push({
      field: 'instalments',
      message: `a whole number of instalments from 1 to ${maxLoanInstalments}`,
    });
  }
  const rate = raw.rate === undefined || raw.rate === null ? loan.rate : raw.rate;
  if (!isPlainDecimalString(rate) || new Decimal(rate).isNegative()) {
    problems.push({
      field: 'rate',
      message: `a non-negative decimal fraction per ${loan.terms.ratePer}, e.g. "0.01"`,
    });
  } else if (new Decimal(rate).gt(loan.terms.maxRate)) {
    problems.push({
      field: 'rate',
      message: `at most the product maximum, ${loan.terms.maxRate} per ${loan.terms.ratePer}`,
    });
  }
  const method = raw.method === undefined || raw.method === null ? loan.terms.method : raw.method;
  if (!interestMethods.includes(method as InterestMethod)) {
    problems.push({ field: 'method', message: interestMethods.join(', ') });
  }
  const grace = raw.graceInstalments ?? 0;
  if (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0) {
    problems.push({ field: 'graceInstalments', message: 'a whole number of at least 0' });
  } else if (termOk && grace >= (instalments as number)) {
    problems.push({
      field: 'graceInstalments',
      message: 'must leave at least one instalment of principal',
    });
  }
  const capitalise = raw.capitaliseInterest ?? false;
  if (typeof capitalise !== 'boolean') {
    problems.push({ field: 'capitaliseInterest', message: 'true or false' });
  }
  const reason = typeof raw.reason === 'string' ? raw.reason.trim() : '';
  if (reason.length === 0 || reason.length > 500) {
    problems.push({ field: 'reason', message: '1 to 500 characters' });
  }
  if (problems.length > 0) {
    throw new InvalidInputError('The restructuring request is not valid', problems);
  }
  return {
    instalments: instalments as number,
    rate: new Decimal(rate as string).toString(),
    method: method as InterestMethod,
    graceInstalments: grace as number,
    capitaliseInterest: capitalise as boolean,
    reason,
  };
}

/** What was paid of each instalment (principal and interest), by instalment number. */
export type PaidByInstalment = ReadonlyMap<number, { principal: Money; interest: Money }>;

/** How a loan stands on the restructuring day and what of its schedule the new version keeps. */
export interface RestructuringPlan {
  /**
   * The old schedule through the day, numbered as before: instalments due on or before it keep
   * their dates, their principal cut to what was paid (the rest is rescheduled); the instalment
   * running on the day ends on it (due that day) with the interest accrued in it so far. Interest
   * keeps what was charged, or only what was paid when the unpaid interest is capitalised.
   */
  readonly kept: readonly Instalment[];
  /** Principal not yet paid, due or not: what the new schedule lends again. */
  readonly outstandingPrincipal: Money;
  /** Interest accrued through the day by the old schedule (closed form), paid or not. */
  readonly accrued: Money;
  /** Of it, what is not paid: arrears and the running period's accrued part. */
  readonly unpaidInterest: Money;
  /** What of the unpaid interest becomes principal (all or nothing). */
  readonly capitalisedInterest: Money;
  /** outstandingPrincipal + capitalisedInterest: the new schedule's principal. */
  readonly newPrincipal: Money;
}

/**
 * The restructuring of `schedule` on `on` (its accrual closing that day): what is kept of the
 * old schedule and what the new one lends. Accrual periods are what `accrual.ts` makes of the
 * schedule, so interest kept is exactly what the daily accruals through `on` sum to: nothing is
 * accrued twice or lost when the new schedule, starting on `on`, takes over.
 */
export function planRestructuring(input: {
  readonly schedule: readonly Instalment[];
  readonly paid: PaidByInstalment;
  readonly on: BusinessDate;
  readonly capitaliseInterest: boolean;
}): RestructuringPlan {
  const { schedule, paid, on } = input;
  if (schedule.length === 0) throw new RangeError('A schedule has at least one instalment');
  const currency = schedule[0].principal.currency;
  const zero = Money.zero(currency);
  const paidOf = (no: number) => paid.get(no) ?? { principal: zero, interest: zero };
  const kept: Instalment[] = [];
  for (const period of accrualPeriods(schedule)) {
    const { instalment } = period;
    const settled = paidOf(instalment.no);
    const charged =
      compareDates(period.end, on) <= 0 ? instalment.interest : accruedInPeriod(period, on);
    const started = compareDates(period.end, on) <= 0 || compareDates(period.start, on) < 0;
    if (!started) {
      if (!settled.principal.isZero() || !settled.interest.isZero()) {
        throw new RangeError(`Instalment ${instalment.no} was paid before its period began`);
      }
      continue;
    }
    if (settled.interest.compare(charged) > 0) {
      throw new RangeError(`Instalment ${instalment.no} was paid more interest than accrued`);
    }
    const interest = input.capitaliseInterest ? settled.interest : charged;
    kept.push({
      ...instalment,
      dueDate: compareDates(period.end, on) <= 0 ? instalment.dueDate : on,
      principal: settled.principal,
      interest,
      total: settled.principal.plus(interest),
      balanceAfter: zero,
    });
  }
  const sum = (items: readonly Money[]) => items.reduce((total, m) => total.plus(m), zero);
  const outstandingPrincipal = sum(schedule.map((i) => i.principal)).minus(
    sum(schedule.map((i) => paidOf(i.no).principal)),
  );
  const accrued = accruedThrough(schedule, on);
  const unpaidInterest = accrued.minus(sum(schedule.map((i) => paidOf(i.no).interest)));
  const capitalisedInterest = input.capitaliseInterest ? unpaidInterest : zero;
  return {
    kept,
    outstandingPrincipal,
    accrued,
    unpaidInterest,
    capitalisedInterest,
    newPrincipal: outstandingPrincipal.plus(capitalisedInterest),
  };
}

/**
 * The new schedule version: the kept instalments, then the new schedule's numbered on from
 * them; every balance after is what the version's principal leaves after that instalment.
 */
export function restructuredSchedule(
  kept: readonly Instalment[],
  fresh: readonly Instalment[],
): Instalment[] {
  const all = [...kept, ...fresh.map((i, index) => ({ ...i, no: kept.length + index + 1 }))];
  if (all.length === 0) throw new RangeError('A schedule has at least one instalment');
  let balance = all.reduce(
    (sum, i) => sum.plus(i.principal),
    Money.zero(all[0].principal.currency),
  );
  return all.map((instalment) => {
    balance = balance.minus(instalment.principal);
    return { ...instalment, balanceAfter: balance };
  });
}

/** New instalments a restructured loan pays in full before its arrears alone grade it again. */
export const performingInstalments = 3;

/**
 * The grade a restructuring holds a loan at (OJK practice, kept simple): no better than its
 * grade on the day it was restructured until it has paid `performingInstalments` instalments of
 * the new schedule in full (all of them when the new schedule is shorter); null once it has.
 */
export function restructuredGrade(
  gradeBefore: LoanGrade,
  newInstalments: number,
  paidInFull: number,
): LoanGrade | null {
  return paidInFull >= Math.min(performingInstalments, newInstalments) ? null : gradeBefore;
}
