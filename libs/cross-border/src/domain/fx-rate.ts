import {
  type BusinessDate,
  currency as currencyOf,
  Decimal,
  type FieldProblem,
  isPlainDecimalString,
  Money,
  ProblemError,
  RuleViolationError,
} from '@lumbung/core';
import { asRecord, Fields, isRecord } from './fields';

/**
 * Rates are stored as NUMERIC(20,10): at most 10 integer digits and 10 decimals. Input with more
 * decimals is refused, never rounded: the rate a manager approved is the rate that is used.
 */
export const rateScale = 10;
export const rateIntegerDigits = 10;
/** One request or file carries at most this many rates (all or nothing). */
export const maxRatesPerChange = 1000;

/** `rate` units of `quote` buy one unit of `base`: USD/IDR 16250.5 means 1 USD = Rp16,250.50. */
export interface FxRateInput {
  readonly date: BusinessDate;
  readonly base: string;
  readonly quote: string;
  readonly rate: string;
  /** Where the rate comes from, e.g. "Bank Indonesia JISDOR" or "BNM middle rate". */
  readonly source: string;
}

export interface FxRate extends FxRateInput {
  readonly id: string;
}

/** Reads one rate into `fields`, each problem named `${prefix}${key}`. */
export function readFxRate(
  fields: Fields,
  input: unknown,
  today: BusinessDate,
  prefix = '',
): FxRateInput {
  const raw = asRecord(input);
  const base = fields.currency(raw.base, `${prefix}base`) ?? '';
  const quote = fields.currency(raw.quote, `${prefix}quote`) ?? '';
  if (base !== '' && base === quote) fields.add(`${prefix}quote`, 'a currency other than base');
  return {
    date: fields.pastDate(raw.date, `${prefix}date`, today),
    base,
    quote,
    rate: readRate(fields, raw.rate, `${prefix}rate`),
    source: fields.text(raw.source, `${prefix}source`, 200),
  };
}

function readRate(fields: Fields, value: unknown, field: string): string {
  const message = `a positive decimal string with at most ${rateIntegerDigits} integer digits and ${rateScale} decimals, e.g. "16250.5"`;
  if (!isPlainDecimalString(value)) {
    fields.add(field, message);
    return '1';
  }
  const rate = new Decimal(value);
  if (
    !rate.gt(0) ||
    rate.decimalPlaces() > rateScale ||
    rate.gte(new Decimal(10).pow(rateIntegerDigits))
  ) {
    fields.add(field, message);
    return '1';
  }
  return rate.toString();
}

/** The key that makes a pair and its inverse one: a rate and its inverse never coexist on a day. */
export function pairKey(rate: Pick<FxRateInput, 'date' | 'base' | 'quote'>): string {
  const [a, b] = [rate.base, rate.quote].sort();
  return `${rate.date} ${a}/${b}`;
}

/**
 * A change of rates (entered by hand or imported): 1 to 1000 rates, at most one per pair and
 * date counting its inverse (USD/IDR and IDR/USD on one day would disagree).
 */
export function parseFxRates(input: unknown, today: BusinessDate): FxRateInput[] {
  const raw = asRecord(input);
  const fields = new Fields();
  if (!Array.isArray(raw.rates) || raw.rates.length === 0 || raw.rates.length > maxRatesPerChange) {
    fields.add(
      'rates',
      `a list of 1 to ${maxRatesPerChange} rates { date, base, quote, rate, source }`,
    );
    fields.throwIfAny('The FX rates are not valid');
  }
  const rates = (raw.rates as unknown[]).map((item, index) => {
    if (!isRecord(item))
      fields.add(`rates[${index}]`, 'a rate { date, base, quote, rate, source }');
    return readFxRate(fields, item, today, `rates[${index}].`);
  });
  duplicatePairs(rates).forEach(({ index, first }) =>
    fields.add(`rates[${index}]`, `the same pair and date as rates[${first}]`),
  );
  fields.throwIfAny('The FX rates are not valid');
  return rates;
}

/** Each rate whose pair and date (either way round) an earlier one already has. */
export function duplicatePairs(
  rates: readonly Pick<FxRateInput, 'date' | 'base' | 'quote'>[],
): Array<{ index: number; first: number }> {
  const seen = new Map<string, number>();
  const duplicates: Array<{ index: number; first: number }> = [];
  rates.forEach((rate, index) => {
    if (rate.base === '' || rate.quote === '') return;
    const key = pairKey(rate);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else duplicates.push({ index, first });
  });
  return duplicates;
}

/** What a conversion used: the stored rate and whether it was applied inverted (divided by). */
export interface RateUsed {
  readonly id: string;
  readonly base: string;
  readonly quote: string;
  readonly date: BusinessDate;
  readonly rate: string;
  readonly inverted: boolean;
}

export interface Conversion {
  readonly from: Money;
  readonly to: Money;
  /** Null when both currencies are the same. */
  readonly rate: RateUsed | null;
}

/** 422 `fx-rate-missing`: no rate for that exact day is ever replaced by another day's. */
export class FxRateMissingError extends RuleViolationError {
  constructor(from: string, to: string, date: BusinessDate) {
    super(
      'fx-rate-missing',
      'FX rate missing',
      `No ${from}/${to} rate (nor ${to}/${from}) for ${date}: enter that day's rate first; another day's rate is never used in its place`,
      { from, to, date },
    );
  }
}

/**
 * Converts at the rate of exactly `date`. A rate base/quote converts base to quote by
 * multiplying and quote to base by dividing, at full precision (60 significant digits); only
 * the result is rounded, half-up to the target currency's minor units. Cross rates through a
 * third currency are not derived: such a pair needs its own rate.
 */
export function convert(
  amount: Money,
  to: string,
  date: BusinessDate,
  rate: FxRate | undefined,
): Conversion {
  const target = currencyOf(to);
  const from = amount.currency.code;
  if (from === target.code) return { from: amount, to: amount, rate: null };
  if (!rate || rate.date !== date) throw new FxRateMissingError(from, target.code, date);
  let converted: Decimal;
  let inverted: boolean;
  if (rate.base === from && rate.quote === target.code) {
    converted = amount.amount.times(rate.rate);
    inverted = false;
  } else if (rate.base === target.code && rate.quote === from) {
    converted = amount.amount.div(rate.rate);
    inverted = true;
  } else {
    throw new FxRateMissingError(from, target.code, date);
  }
  return {
    from: amount,
    to: Money.rounded(converted, target, 'half-up'),
    rate: {
      id: rate.id,
      base: rate.base,
      quote: rate.quote,
      date: rate.date,
      rate: rate.rate,
      inverted,
    },
  };
}

/** Field problems of one CSV line, as the problem document lists them. */
export interface RowProblems {
  readonly line: number;
  readonly errors: readonly FieldProblem[];
}

/**
 * A rate file with problems: `invalid-input` like any other bad input (400), listing every line
 * that has one; nothing of the file is kept.
 */
export class FxFileError extends ProblemError {
  readonly status = 400;

  constructor(
    detail: string,
    readonly rows: readonly RowProblems[],
  ) {
    super('invalid-input', 'Invalid input', detail, {
      errors: rows.flatMap((row) =>
        row.errors.map((e) => ({ field: `line ${row.line}: ${e.field}`, message: e.message })),
      ),
      rows,
    });
  }
}
