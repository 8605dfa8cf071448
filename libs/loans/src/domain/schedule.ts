import {
  type BusinessDate,
  compareDates,
  Decimal,
  type FieldProblem,
  InvalidInputError,
  isPlainDecimalString,
  Money,
} from '@lumbung/core';
import { periodicIrr } from './effective-rate';
import {
  annuityAmounts,
  type ContractPeriod,
  decliningAmounts,
  flatAmounts,
  type InstalmentAmounts,
  instalmentRounding,
} from './instalment-amounts';
import { contractualDate, nextBusinessDay } from './loan-dates';
import { annualRate, type LoanTerms, maxLoanInstalments, periodsPerYear } from './loan-terms';

export { contractualDate } from './loan-dates';

export interface Instalment {
  readonly no: number;
  /**
   * The previous instalment's contractual date, or the disbursement date for no 1: the
   * exclusive start of the contractual period. Holiday shifts never move it.
   */
  readonly periodStart: BusinessDate;
  /** The contractual date moved by the holiday rule. */
  readonly dueDate: BusinessDate;
  readonly principal: Money;
  readonly interest: Money;
  /** principal + interest */
  readonly total: Money;
  /** Outstanding principal after this instalment is paid as scheduled. */
  readonly balanceAfter: Money;
}

export interface ScheduleRequest {
  /** The amount lent, including financed fees. */
  readonly principal: Money;
  readonly terms: LoanTerms;
  /** The loan's nominal rate in terms.ratePer units. */
  readonly rate: string;
  /** The term: number of instalments. */
  readonly instalments: number;
  readonly disbursedOn: BusinessDate;
  /** Default: one frequency period after disbursedOn. Later dates count from it. */
  readonly firstDueDate?: BusinessDate;
  /** Used with holidayRule 'next-business-day'; default: never a holiday. */
  readonly isHoliday?: (date: BusinessDate) => boolean;
}

export interface Schedule {
  readonly instalments: readonly Instalment[];
  readonly totalInterest: Money;
  /** Equals request.principal exactly. */
  readonly totalPrincipal: Money;
  /**
   * Flat loans: the effective annual rate (IRR of the cash flows, periodic rate x periods per
   * year) as a fraction to 6 decimals. Others: the nominal annual rate, exact.
   */
  readonly effectiveAnnualRate: string;
}

const methodAmounts = {
  flat: flatAmounts,
  declining: decliningAmounts,
  annuity: annuityAmounts,
} as const;

/**
 * The repayment schedule. Amounts are exact to the minor unit; instalment parts are rounded to
 * the product's unit and the rounding residue of principal lands in the last instalment, so
 * principal sums exactly to the amount lent. Under actual/365 interest counts the contractual
 * days: a holiday moves when an instalment is due, never what it costs.
 */
export function buildSchedule(request: ScheduleRequest): Schedule {
  assertRequest(request);
  const { principal, terms } = request;
  const periods = contractPeriods(request);
  const amounts = methodAmounts[terms.method]({
    principal,
    periods,
    grace: terms.graceInstalments,
    terms,
    rate: request.rate,
    rule: instalmentRounding(terms),
  });
  const isHoliday = request.isHoliday ?? (() => false);
  const instalments = assemble(principal, periods, amounts, (date) =>
    terms.holidayRule === 'next-business-day' ? nextBusinessDay(date, isHoliday) : date,
  );
  const zero = Money.zero(principal.currency);
  return {
    instalments,
    totalInterest: instalments.reduce((sum, i) => sum.plus(i.interest), zero),
    totalPrincipal: instalments.reduce((sum, i) => sum.plus(i.principal), zero),
    effectiveAnnualRate:
      terms.method === 'flat'
        ? periodicIrr(
            principal,
            instalments.map((i) => i.total),
          )
            .times(periodsPerYear(terms.frequency))
            .toFixed(6)
        : annualRate(terms, request.rate).toString(),
  };
}

function contractPeriods(request: ScheduleRequest): ContractPeriod[] {
  const { frequency } = request.terms;
  const dateOf = (no: number) =>
    request.firstDueDate === undefined
      ? contractualDate(request.disbursedOn, frequency, no)
      : contractualDate(request.firstDueDate, frequency, no - 1);
  const periods: ContractPeriod[] = [];
  let periodStart = request.disbursedOn;
  for (let no = 1; no <= request.instalments; no += 1) {
    const date = dateOf(no);
    periods.push({ periodStart, contractualDate: date });
    periodStart = date;
  }
  return periods;
}

function assemble(
  principal: Money,
  periods: readonly ContractPeriod[],
  amounts: readonly InstalmentAmounts[],
  dueDateOf: (contractual: BusinessDate) => BusinessDate,
): Instalment[] {
  let balance = principal;
  return periods.map((period, index) => {
    const { principal: part, interest } = amounts[index];
    balance = balance.minus(part);
    return {
      no: index + 1,
      periodStart: period.periodStart,
      dueDate: dueDateOf(period.contractualDate),
      principal: part,
      interest,
      total: part.plus(interest),
      balanceAfter: balance,
    };
  });
}

function assertRequest(request: ScheduleRequest): void {
  const problems: FieldProblem[] = [];
  if (!request.principal.isPositive()) {
    problems.push({ field: 'principal', message: 'must be above zero' });
  }
  if (!isPlainDecimalString(request.rate) || new Decimal(request.rate).isNegative()) {
    problems.push({ field: 'rate', message: 'a non-negative fraction such as "0.01"' });
  }
  const count = request.instalments;
  if (!Number.isInteger(count) || count < 1 || count > maxLoanInstalments) {
    problems.push({
      field: 'instalments',
      message: `a whole number from 1 to ${maxLoanInstalments}`,
    });
  } else if (request.terms.graceInstalments >= count) {
    problems.push({
      field: 'instalments',
      message: `must exceed the ${request.terms.graceInstalments} interest-only instalments`,
    });
  }
  if (
    request.firstDueDate !== undefined &&
    compareDates(request.firstDueDate, request.disbursedOn) <= 0
  ) {
    problems.push({ field: 'firstDueDate', message: 'must be after the disbursement date' });
  }
  if (problems.length > 0)
    throw new InvalidInputError('The schedule request is not valid', problems);
}
