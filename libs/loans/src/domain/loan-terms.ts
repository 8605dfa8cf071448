import {
  currency as currencyOf,
  Decimal,
  InvalidInputError,
  isPlainDecimalString,
} from '@lumbung/core';
import { isRecord, type Raw, TermsReader } from './terms-reader';

/** declining = equal principal with interest on the outstanding balance (efektif, menurun). */
export const interestMethods = ['flat', 'declining', 'annuity'] as const;
export type InterestMethod = (typeof interestMethods)[number];

/** weekly {week,1}; monthly {month,1}; every n months {month,n}; every: 1..12. */
export interface Frequency {
  readonly unit: 'week' | 'month';
  readonly every: number;
}

export const loanDayCounts = ['30/360', 'actual/365'] as const;
export type LoanDayCount = (typeof loanDayCounts)[number];

/**
 * A percent value is a fraction of the amount applied for ("0.01" = 1%); a fixed value is money
 * in the product currency. Deducted fees come off the cash disbursed; financed fees are lent.
 */
export interface FeeTerm {
  readonly kind: 'provisi' | 'administrasi';
  readonly basis: 'percent' | 'fixed';
  readonly value: string;
  readonly treatment: 'deducted' | 'financed';
}

/**
 * Late penalty (denda). rate: fraction of the overdue amount (unpaid principal + interest of the
 * overdue instalment) per day or per instalment period overdue; fixed: money per day or period
 * per overdue instalment. No penalty until `graceDays` after the due date have passed.
 */
export interface PenaltyTerm {
  readonly basis: 'rate' | 'fixed';
  readonly value: string;
  readonly per: 'day' | 'period';
  readonly graceDays: number;
}

export const allocationBuckets = ['penalty', 'fees', 'interest', 'principal'] as const;
export type AllocationBucket = (typeof allocationBuckets)[number];

export const flatPayoffRules = [
  'current-period-interest',
  'all-scheduled-interest',
  'effective-to-date',
  'rule-of-78',
] as const;
export type FlatPayoffRule = (typeof flatPayoffRules)[number];

export interface LoanTerms {
  readonly method: InterestMethod;
  readonly ratePer: 'year' | 'month';
  /** Default nominal rate as a fraction per `ratePer` ("0.01" = 1% a month). */
  readonly rate: string;
  /** The highest rate an application may ask for, same unit; rate <= maxRate. */
  readonly maxRate: string;
  readonly frequency: Frequency;
  /** Number of instalments, 1..520. */
  readonly minTerm: number;
  readonly maxTerm: number;
  readonly minAmount: string;
  readonly maxAmount: string;
  readonly dayCount: LoanDayCount;
  /** The first n instalments are interest only (principal grace); 0 <= n < minTerm. */
  readonly graceInstalments: number;
  readonly fees: readonly FeeTerm[];
  readonly penalty: PenaltyTerm | null;
  /** A permutation of allocationBuckets. */
  readonly allocationOrder: readonly AllocationBucket[];
  readonly flatPayoff: FlatPayoffRule;
  /** Instalment rounding unit such as "1" or "100"; a multiple of the currency's minor unit. */
  readonly roundingUnit: string;
  readonly holidayRule: 'none' | 'next-business-day';
  /** May a member pay more than is due. */
  readonly prepayment: boolean;
  /**
   * When a loan becomes non-performing, its accrued unpaid interest moves off income to
   * memorandum and its suspended days accrue there (DOMAIN.md: on by default). Read from the
   * product as it stands when the end of day suspends a loan; products stored before the setting
   * existed keep it on.
   */
  readonly memorandumOnNonPerforming: boolean;
}

export const maxLoanInstalments = 520;

/** What a product gets for each setting it leaves out. */
export const loanTermDefaults: Pick<
  LoanTerms,
  | 'frequency'
  | 'dayCount'
  | 'graceInstalments'
  | 'fees'
  | 'penalty'
  | 'allocationOrder'
  | 'flatPayoff'
  | 'roundingUnit'
  | 'holidayRule'
  | 'prepayment'
  | 'memorandumOnNonPerforming'
> = {
  frequency: { unit: 'month', every: 1 },
  dayCount: '30/360',
  graceInstalments: 0,
  fees: [],
  penalty: null,
  allocationOrder: allocationBuckets,
  flatPayoff: 'current-period-interest',
  roundingUnit: '1',
  holidayRule: 'none',
  prepayment: true,
  memorandumOnNonPerforming: true,
};

const ratePers = ['year', 'month'] as const;
const frequencyUnits = ['week', 'month'] as const;
const feeKinds = ['provisi', 'administrasi'] as const;
const feeBases = ['percent', 'fixed'] as const;
const feeTreatments = ['deducted', 'financed'] as const;
const penaltyBases = ['rate', 'fixed'] as const;
const penaltyPers = ['day', 'period'] as const;
const holidayRules = ['none', 'next-business-day'] as const;
const one = new Decimal(1);

/**
 * Validates a loan product's settings and returns them in canonical form with defaults filled
 * in. Every problem is reported at once, each named `terms.<key>` (`terms.fees[0].value`).
 */
export function parseLoanTerms(input: unknown, currency: string): LoanTerms {
  const raw: Raw = isRecord(input) ? input : {};
  const read = new TermsReader(currency);
  const field = (key: string) => `terms.${key}`;

  const method = read.oneOf(raw.method, field('method'), interestMethods);
  const ratePer = read.oneOf(raw.ratePer, field('ratePer'), ratePers);
  const rate = read.fraction(raw.rate, field('rate'));
  const maxRate = read.optional(raw.maxRate, rate, (v) => read.fraction(v, field('maxRate')));
  if (new Decimal(rate).gt(maxRate)) read.problem(field('rate'), 'must not exceed maxRate');

  const frequency = read.optional(raw.frequency, loanTermDefaults.frequency, (v) =>
    readFrequency(read, v),
  );
  const minTerm = read.integer(raw.minTerm, field('minTerm'), 1, maxLoanInstalments);
  const maxTerm = read.integer(raw.maxTerm, field('maxTerm'), 1, maxLoanInstalments);
  if (minTerm > maxTerm) read.problem(field('maxTerm'), 'must not be below minTerm');

  const minAmount = read.money(raw.minAmount, field('minAmount'), { positive: true });
  const maxAmount = read.money(raw.maxAmount, field('maxAmount'), { positive: true });
  if (new Decimal(minAmount).gt(maxAmount)) {
    read.problem(field('maxAmount'), 'must not be below minAmount');
  }

  const graceInstalments = read.optional(raw.graceInstalments, 0, (v) =>
    read.integer(v, field('graceInstalments'), 0, maxLoanInstalments - 1),
  );
  if (graceInstalments > 0 && graceInstalments >= minTerm) {
    read.problem(field('graceInstalments'), 'must leave at least one instalment of principal');
  }

  const terms: LoanTerms = {
    method,
    ratePer,
    rate,
    maxRate,
    frequency,
    minTerm,
    maxTerm,
    minAmount,
    maxAmount,
    dayCount: read.optional(raw.dayCount, loanTermDefaults.dayCount, (v) =>
      read.oneOf(v, field('dayCount'), loanDayCounts),
    ),
    graceInstalments,
    fees: read.optional(raw.fees, loanTermDefaults.fees, (v) => readFees(read, v)),
    penalty: read.optional(raw.penalty, loanTermDefaults.penalty, (v) => readPenalty(read, v)),
    allocationOrder: read.optional(raw.allocationOrder, loanTermDefaults.allocationOrder, (v) =>
      readAllocationOrder(read, v),
    ),
    flatPayoff: read.optional(raw.flatPayoff, loanTermDefaults.flatPayoff, (v) =>
      read.oneOf(v, field('flatPayoff'), flatPayoffRules),
    ),
    roundingUnit: read.optional(raw.roundingUnit, loanTermDefaults.roundingUnit, (v) =>
      readRoundingUnit(read, v),
    ),
    holidayRule: read.optional(raw.holidayRule, loanTermDefaults.holidayRule, (v) =>
      read.oneOf(v, field('holidayRule'), holidayRules),
    ),
    prepayment: read.optional(raw.prepayment, loanTermDefaults.prepayment, (v) =>
      read.boolean(v, field('prepayment')),
    ),
    memorandumOnNonPerforming: read.optional(
      raw.memorandumOnNonPerforming,
      loanTermDefaults.memorandumOnNonPerforming,
      (v) => read.boolean(v, field('memorandumOnNonPerforming')),
    ),
  };
  if (read.problems.length > 0) {
    throw new InvalidInputError('The loan product terms are not valid', read.problems);
  }
  return terms;
}

function readFrequency(read: TermsReader, value: unknown): Frequency {
  const raw: Raw = isRecord(value) ? value : {};
  if (!isRecord(value)) read.problem('terms.frequency', 'an object { unit, every }');
  return {
    unit: read.oneOf(raw.unit, 'terms.frequency.unit', frequencyUnits),
    every: read.integer(raw.every, 'terms.frequency.every', 1, 12),
  };
}

function readFees(read: TermsReader, value: unknown): FeeTerm[] {
  if (!Array.isArray(value)) {
    read.problem('terms.fees', 'a list of fees');
    return [];
  }
  return value.map((item: unknown, index) => {
    const prefix = `terms.fees[${index}]`;
    const raw: Raw = isRecord(item) ? item : {};
    if (!isRecord(item)) read.problem(prefix, 'a fee { kind, basis, value, treatment }');
    const basis = read.oneOf(raw.basis, `${prefix}.basis`, feeBases);
    return {
      kind: read.oneOf(raw.kind, `${prefix}.kind`, feeKinds),
      basis,
      value:
        basis === 'percent'
          ? read.fraction(raw.value, `${prefix}.value`, one)
          : read.money(raw.value, `${prefix}.value`, { positive: false }),
      treatment: read.oneOf(raw.treatment, `${prefix}.treatment`, feeTreatments),
    };
  });
}

function readPenalty(read: TermsReader, value: unknown): PenaltyTerm | null {
  if (value === null) return null;
  const raw: Raw = isRecord(value) ? value : {};
  if (!isRecord(value)) read.problem('terms.penalty', 'null or { basis, value, per, graceDays }');
  const basis = read.oneOf(raw.basis, 'terms.penalty.basis', penaltyBases);
  return {
    basis,
    value:
      basis === 'rate'
        ? read.fraction(raw.value, 'terms.penalty.value', one)
        : read.money(raw.value, 'terms.penalty.value', { positive: false }),
    per: read.oneOf(raw.per, 'terms.penalty.per', penaltyPers),
    graceDays: read.optional(raw.graceDays, 0, (v) =>
      read.integer(v, 'terms.penalty.graceDays', 0, 365),
    ),
  };
}

function readAllocationOrder(read: TermsReader, value: unknown): readonly AllocationBucket[] {
  const isPermutation =
    Array.isArray(value) &&
    value.length === allocationBuckets.length &&
    allocationBuckets.every((bucket) => value.includes(bucket));
  if (!isPermutation) {
    read.problem('terms.allocationOrder', `each of ${allocationBuckets.join(', ')} exactly once`);
    return allocationBuckets;
  }
  return value as AllocationBucket[];
}

function readRoundingUnit(read: TermsReader, value: unknown): string {
  const minorUnits = currencyOf(read.currency).minorUnits;
  if (
    !isPlainDecimalString(value) ||
    !new Decimal(value).isPositive() ||
    new Decimal(value).isZero() ||
    new Decimal(value).decimalPlaces() > minorUnits
  ) {
    read.problem(
      'terms.roundingUnit',
      `a positive multiple of the ${read.currency} minor unit, e.g. "1" or "100"`,
    );
    return loanTermDefaults.roundingUnit;
  }
  return new Decimal(value).toString();
}

/**
 * The nominal rate per instalment period: a month rate times the months of the period, a year
 * rate times months/12; weekly periods count 7 days of a 365-day year (a month rate is made a
 * year rate first). Full precision: rounding happens only on money.
 */
export function periodRate(terms: Pick<LoanTerms, 'ratePer' | 'frequency'>, rate: string): Decimal {
  const { unit, every } = terms.frequency;
  if (unit === 'month') {
    return terms.ratePer === 'month'
      ? new Decimal(rate).times(every)
      : new Decimal(rate).times(every).div(12);
  }
  return annualRate(terms, rate)
    .times(7 * every)
    .div(365);
}

export function annualRate(terms: Pick<LoanTerms, 'ratePer'>, rate: string): Decimal {
  return terms.ratePer === 'year' ? new Decimal(rate) : new Decimal(rate).times(12);
}

/** Instalment periods in a year: 12/every for months, 365/(7 x every) for weeks (as periodRate). */
export function periodsPerYear(frequency: Frequency): Decimal {
  return frequency.unit === 'month'
    ? new Decimal(12).div(frequency.every)
    : new Decimal(365).div(7 * frequency.every);
}
