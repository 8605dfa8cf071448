import {
  type BusinessDate,
  currency as currencyOf,
  Decimal,
  roundToScale,
  RuleViolationError,
} from '@lumbung/core';
import type { StatementChart } from './statement-chart';

/** A stored rate of exactly one day: `rate` units of `quote` buy one unit of `base`. */
export interface RateQuote {
  readonly base: string;
  readonly quote: string;
  readonly rate: Decimal;
}

/** A leaf's balance as of a date: in its own currency and as the ledger carries it. */
export interface LeafAmount {
  readonly accountId: string;
  readonly currency: string;
  readonly amount: Decimal;
  readonly functional: Decimal;
}

/** 422 `fx-rate-missing`, as cross-border names it: another day's rate is never used. */
export class StatementRateMissingError extends RuleViolationError {
  constructor(from: string, to: string, date: BusinessDate) {
    super(
      'fx-rate-missing',
      'FX rate missing',
      `No ${from}/${to} rate (nor ${to}/${from}) for ${date}: the statements translate foreign balances at that day's closing rate; enter it first`,
      { from, to, date },
    );
  }
}

/**
 * `amount` of `from` in the functional currency at the day's rate, as cross-border converts
 * (multiplied by a from/functional rate, divided by a functional/from one, at full precision),
 * rounded half-up to the functional currency's minor units only at the end.
 */
export function atClosingRate(
  amount: Decimal,
  from: string,
  functionalCurrency: string,
  quote: RateQuote,
): Decimal {
  const converted =
    quote.base === from && quote.quote === functionalCurrency
      ? amount.times(quote.rate)
      : amount.div(quote.rate);
  return roundToScale(converted, currencyOf(functionalCurrency).minorUnits, 'half-up');
}

/** What translating a date's balances at its closing rates changes. */
export interface Translation {
  /** Per statement line (account id): the closing-rate value less what the ledger carries. */
  readonly adjustments: ReadonlyMap<string, Decimal>;
  /** The part of the adjustments that falls on cash and bank leaves. */
  readonly cash: Decimal;
  /**
   * The adjustments less what the month-end revaluation already booked for the date (taken
   * off the clearing line, where it sits): the unrealised difference the statements add.
   */
  readonly difference: Decimal;
}

/**
 * Monetary items in a foreign currency (asset and liability leaves, FX positions aside) at the
 * date's closing rate, summed per statement line and currency before rounding. Throws
 * `fx-rate-missing` for a currency held without a rate that day.
 */
export function translate(
  chart: StatementChart,
  balances: readonly LeafAmount[],
  functionalCurrency: string,
  rates: ReadonlyMap<string, RateQuote>,
  revaluationBooked: Decimal,
  date: BusinessDate,
): Translation {
  const groups = new Map<
    string,
    { line: string; currency: string; cash: boolean; amount: Decimal; functional: Decimal }
  >();
  for (const leaf of balances) {
    if (leaf.currency === functionalCurrency) continue;
    const account = chart.account(leaf.accountId);
    if (account.class !== 'asset' && account.class !== 'liability') continue;
    if (chart.isFxPosition(leaf.accountId)) continue;
    const line = chart.placement(leaf.accountId).line.id;
    const cash = chart.isCash(leaf.accountId);
    const key = `${line} ${leaf.currency} ${cash}`;
    const group = groups.get(key) ?? {
      line,
      currency: leaf.currency,
      cash,
      amount: new Decimal(0),
      functional: new Decimal(0),
    };
    groups.set(key, {
      ...group,
      amount: group.amount.plus(leaf.amount),
      functional: group.functional.plus(leaf.functional),
    });
  }
  const adjustments = new Map<string, Decimal>();
  const add = (line: string, value: Decimal) =>
    adjustments.set(line, (adjustments.get(line) ?? new Decimal(0)).plus(value));
  let cash = new Decimal(0);
  for (const group of groups.values()) {
    if (group.amount.isZero() && group.functional.isZero()) continue;
    const quote = rates.get(group.currency);
    if (!quote) throw new StatementRateMissingError(group.currency, functionalCurrency, date);
    const difference = atClosingRate(group.amount, group.currency, functionalCurrency, quote).minus(
      group.functional,
    );
    add(group.line, difference);
    if (group.cash) cash = cash.plus(difference);
  }
  if (!revaluationBooked.isZero()) {
    const clearing = chart.clearingLine();
    if (!clearing) throw new Error('statements: a revaluation was booked without a clearing line');
    add(clearing.id, revaluationBooked.negated());
  }
  let difference = new Decimal(0);
  adjustments.forEach((value) => (difference = difference.plus(value)));
  return { adjustments, cash, difference };
}
