import {
  Decimal,
  type FieldProblem,
  InvalidInputError,
  isPlainDecimalString,
  Money,
} from '@lumbung/core';

export const productKinds = ['pokok', 'wajib', 'sukarela', 'berjangka'] as const;
export type ProductKind = (typeof productKinds)[number];

/** Permenkop 8/2023 Art. 26: savings interest never above 9% a year. */
export const savingsRateCap = new Decimal('0.09');

export const dayCounts = ['actual/365', '30/360'] as const;
export const maturityInstructions = ['pay-to-voluntary', 'roll-over'] as const;

export interface RateRange {
  /** The range the members' meeting (RAT) approved, as annual fractions ("0.04" is 4%). */
  readonly min: string;
  readonly max: string;
}

export interface PokokTerms {
  readonly amount: string;
}
export interface WajibTerms {
  readonly amount: string;
}
export interface SukarelaTerms {
  readonly annualRate: string;
  readonly rateRange: RateRange;
  readonly minimumBalance: string;
  readonly dayCount: (typeof dayCounts)[number];
  readonly dormantAfterDays: number;
  readonly withholding: { readonly rate: string; readonly threshold: string } | null;
}
export interface BerjangkaTerms {
  readonly annualRate: string;
  readonly rateRange: RateRange;
  readonly termMonths: number;
  readonly minimumAmount: string;
  readonly earlyWithdrawalPenaltyRate: string;
  readonly maturityInstruction: (typeof maturityInstructions)[number];
}

export type ProductTerms = PokokTerms | WajibTerms | SukarelaTerms | BerjangkaTerms;

/** Pokok and wajib are the members' capital (equity); sukarela and berjangka are liabilities. */
export function isEquityKind(kind: ProductKind): boolean {
  return kind === 'pokok' || kind === 'wajib';
}

type Raw = Record<string, unknown>;

class TermsReader {
  problems: FieldProblem[] = [];

  constructor(
    private readonly raw: Raw,
    private readonly currency: string,
    private readonly prefix = 'terms.',
  ) {}

  /** Reads a nested object, its problems named under this one's. */
  nested(key: string): TermsReader {
    const inner = new TermsReader(
      (this.raw[key] ?? {}) as Raw,
      this.currency,
      `${this.prefix}${key}.`,
    );
    inner.problems = this.problems;
    return inner;
  }

  money(key: string, { positive }: { positive: boolean }): string {
    const field = `${this.prefix}${key}`;
    try {
      const money = Money.parse(this.raw[key], this.currency, field);
      if (money.isNegative() || (positive && money.isZero())) {
        this.problems.push({
          field,
          message: positive ? 'must be above zero' : 'must not be negative',
        });
      }
      return money.toString();
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      this.problems.push(...error.errors);
      return '0';
    }
  }

  rate(key: string, value: unknown = this.raw[key], field = `${this.prefix}${key}`): string {
    if (!isPlainDecimalString(value) || new Decimal(value).isNegative()) {
      this.problems.push({ field, message: 'an annual fraction such as "0.06" for 6%' });
      return '0';
    }
    const rate = new Decimal(value);
    if (rate.gt(savingsRateCap)) {
      this.problems.push({ field, message: 'savings interest is capped at 9% a year ("0.09")' });
    }
    return rate.toString();
  }

  /** A tax rate: a fraction below one, not an interest rate, so the 9% cap does not apply. */
  taxRate(key: string): string {
    const value = this.raw[key];
    if (
      !isPlainDecimalString(value) ||
      new Decimal(value).isNegative() ||
      new Decimal(value).gte(1)
    ) {
      this.problems.push({
        field: `${this.prefix}${key}`,
        message: 'a fraction such as "0.10" for 10%',
      });
      return '0';
    }
    return new Decimal(value).toString();
  }

  rateRange(annualRate: string): RateRange {
    const range = (this.raw.rateRange ?? {}) as Raw;
    const min = this.rate('min', range.min, 'terms.rateRange.min');
    const max = this.rate('max', range.max, 'terms.rateRange.max');
    if (new Decimal(min).gt(max)) {
      this.problems.push({ field: 'terms.rateRange', message: 'min must not exceed max' });
    } else if (new Decimal(annualRate).lt(min) || new Decimal(annualRate).gt(max)) {
      this.problems.push({
        field: 'terms.annualRate',
        message: "must lie inside the range the members' meeting approved",
      });
    }
    return { min, max };
  }

  integer(key: string, min: number, max: number): number {
    const value = this.raw[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.problems.push({
        field: `${this.prefix}${key}`,
        message: `a whole number from ${min} to ${max}`,
      });
      return min;
    }
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.raw[key];
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.problems.push({
        field: `${this.prefix}${key}`,
        message: `one of ${allowed.join(', ')}`,
      });
      return allowed[0];
    }
    return value as T;
  }
}

/** Validates a product's rules for its kind and returns them in canonical form. */
export function parseProductTerms(
  kind: ProductKind,
  input: unknown,
  currency: string,
): ProductTerms {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Raw;
  const read = new TermsReader(raw, currency);
  const terms = termsOf(kind, read, raw);
  if (read.problems.length > 0)
    throw new InvalidInputError('The product terms are not valid', read.problems);
  return terms;
}

function termsOf(kind: ProductKind, read: TermsReader, raw: Raw): ProductTerms {
  switch (kind) {
    case 'pokok':
    case 'wajib':
      return { amount: read.money('amount', { positive: true }) };
    case 'sukarela': {
      const annualRate = read.rate('annualRate');
      return {
        annualRate,
        rateRange: read.rateRange(annualRate),
        minimumBalance: read.money('minimumBalance', { positive: false }),
        dayCount: read.oneOf('dayCount', dayCounts),
        dormantAfterDays: read.integer('dormantAfterDays', 30, 3650),
        withholding: raw.withholding
          ? {
              rate: read.nested('withholding').taxRate('rate'),
              threshold: read.nested('withholding').money('threshold', { positive: false }),
            }
          : null,
      };
    }
    case 'berjangka': {
      const annualRate = read.rate('annualRate');
      return {
        annualRate,
        rateRange: read.rateRange(annualRate),
        termMonths: read.integer('termMonths', 1, 120),
        minimumAmount: read.money('minimumAmount', { positive: true }),
        earlyWithdrawalPenaltyRate: read.rate('earlyWithdrawalPenaltyRate'),
        maturityInstruction: read.oneOf('maturityInstruction', maturityInstructions),
      };
    }
  }
}
