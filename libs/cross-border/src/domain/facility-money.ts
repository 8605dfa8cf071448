import { type BusinessDate, compareDates, Decimal, Money, RuleViolationError } from '@lumbung/core';
import { asRecord, Fields } from './fields';
import type { RateUsed } from './fx-rate';

/** A drawdown on an approved facility: an amount in the facility's currency. */
export interface DrawdownInput {
  readonly amount: Money;
}

/** Money stated in the facility's currency: the body names it, and it must be the facility's. */
function facilityMoney(
  fields: Fields,
  raw: Record<string, unknown>,
  key: string,
  facilityCurrency: string,
  options: { positive: boolean; optional?: boolean },
): Money | null {
  if (options.optional && raw[key] === undefined) return Money.zero(facilityCurrency);
  return fields.money(raw[key], facilityCurrency, key, { positive: options.positive });
}

function currencyOfBody(fields: Fields, raw: Record<string, unknown>, facilityCurrency: string) {
  const currency = fields.currency(raw.currency, 'currency');
  if (currency !== null && currency !== facilityCurrency) {
    fields.add('currency', `the facility's currency ${facilityCurrency}`);
  }
}

export function parseDrawdown(input: unknown, facilityCurrency: string): DrawdownInput {
  const raw = asRecord(input);
  const fields = new Fields();
  currencyOfBody(fields, raw, facilityCurrency);
  const amount = facilityMoney(fields, raw, 'amount', facilityCurrency, { positive: true });
  fields.throwIfAny('The drawdown is not valid');
  return { amount: amount! };
}

/** A repayment: `amount` goes to interest and principal by the schedule, `fee` to fee income. */
export interface RepaymentInput {
  readonly amount: Money;
  readonly fee: Money;
}

export function parseRepayment(input: unknown, facilityCurrency: string): RepaymentInput {
  const raw = asRecord(input);
  const fields = new Fields();
  currencyOfBody(fields, raw, facilityCurrency);
  const amount = facilityMoney(fields, raw, 'amount', facilityCurrency, { positive: false });
  const fee = facilityMoney(fields, raw, 'fee', facilityCurrency, {
    positive: false,
    optional: true,
  });
  if (amount && fee && amount.isZero() && fee.isZero()) {
    fields.add('amount', 'above zero, or a fee above zero');
  }
  fields.throwIfAny('The repayment is not valid');
  return { amount: amount!, fee: fee! };
}

/** 422 `facility-limit`: the facility's drawdowns would pass its approved limit. */
export function facilityLimitCheck(input: {
  readonly limit: Money;
  readonly drawn: Money;
  readonly requested: Money;
}): RuleViolationError | null {
  const after = input.drawn.plus(input.requested);
  if (after.compare(input.limit) <= 0) return null;
  const available = input.limit.minus(input.drawn);
  const code = input.limit.currency.code;
  return new RuleViolationError(
    'facility-limit',
    'Facility limit exceeded',
    `A drawdown of ${input.requested.toString()} ${code} would bring the facility to ${after.toString()} ${code}, above its approved limit of ${input.limit.toString()} ${code}: ${available.toString()} ${code} is left to draw`,
    {
      currency: code,
      limit: input.limit.toString(),
      drawn: input.drawn.toString(),
      requested: input.requested.toString(),
      after: after.toString(),
      available: available.toString(),
    },
  );
}

/** One scheduled instalment of one drawdown, with what is paid of it. */
export interface InstalmentState {
  readonly drawdownId: string;
  readonly no: number;
  readonly dueDate: BusinessDate;
  readonly principal: Money;
  readonly interest: Money;
  readonly principalPaid: Money;
  readonly interestPaid: Money;
}

export type RepaymentBucket = 'interest' | 'principal';

export interface RepaymentLine {
  readonly drawdownId: string;
  readonly no: number;
  readonly bucket: RepaymentBucket;
  readonly amount: Money;
}

export interface RepaymentAllocation {
  readonly lines: readonly RepaymentLine[];
  readonly interest: Money;
  readonly principal: Money;
}

/** What the partner owes on `date`: interest and principal due, and all principal outstanding. */
export interface AmountsOwed {
  readonly interestDue: Money;
  readonly principalDue: Money;
  readonly principalOutstanding: Money;
  /** The most one repayment takes: interest due plus all principal outstanding. */
  readonly payable: Money;
}

function inOrder(instalments: readonly InstalmentState[]): InstalmentState[] {
  return [...instalments].sort(
    (a, b) =>
      compareDates(a.dueDate, b.dueDate) ||
      (a.drawdownId < b.drawdownId ? -1 : a.drawdownId > b.drawdownId ? 1 : 0) ||
      a.no - b.no,
  );
}

export function amountsOwed(
  instalments: readonly InstalmentState[],
  date: BusinessDate,
  currency: string,
): AmountsOwed {
  let interestDue = Money.zero(currency);
  let principalDue = Money.zero(currency);
  let principalOutstanding = Money.zero(currency);
  for (const i of instalments) {
    const principalLeft = i.principal.minus(i.principalPaid);
    principalOutstanding = principalOutstanding.plus(principalLeft);
    if (compareDates(i.dueDate, date) <= 0) {
      interestDue = interestDue.plus(i.interest.minus(i.interestPaid));
      principalDue = principalDue.plus(principalLeft);
    }
  }
  return {
    interestDue,
    principalDue,
    principalOutstanding,
    payable: interestDue.plus(principalOutstanding),
  };
}

/**
 * Allocates a repayment as the facility's schedule has it: the interest of every instalment due
 * by `date`, oldest first; then their principal, oldest first; anything more prepays the
 * principal of the instalments not yet due, oldest first (their scheduled interest stays as
 * agreed). More than interest due plus all principal outstanding is refused with the figures.
 */
export function allocateRepayment(
  amount: Money,
  instalments: readonly InstalmentState[],
  date: BusinessDate,
): RepaymentAllocation {
  const currency = amount.currency.code;
  const owed = amountsOwed(instalments, date, currency);
  if (amount.compare(owed.payable) > 0) {
    throw new RuleViolationError(
      'repayment-exceeds-outstanding',
      'Repayment above what is owed',
      `${amount.toString()} ${currency} is more than the ${owed.interestDue.toString()} interest due and ${owed.principalOutstanding.toString()} principal outstanding (${owed.payable.toString()} ${currency})`,
      {
        currency,
        amount: amount.toString(),
        interestDue: owed.interestDue.toString(),
        principalDue: owed.principalDue.toString(),
        principalOutstanding: owed.principalOutstanding.toString(),
        payable: owed.payable.toString(),
      },
    );
  }
  const ordered = inOrder(instalments);
  const due = ordered.filter((i) => compareDates(i.dueDate, date) <= 0);
  const notDue = ordered.filter((i) => compareDates(i.dueDate, date) > 0);
  const lines: RepaymentLine[] = [];
  let left = amount;
  const take = (i: InstalmentState, bucket: RepaymentBucket) => {
    const owedHere =
      bucket === 'interest' ? i.interest.minus(i.interestPaid) : i.principal.minus(i.principalPaid);
    const part = owedHere.compare(left) < 0 ? owedHere : left;
    if (part.isZero()) return;
    lines.push({ drawdownId: i.drawdownId, no: i.no, bucket, amount: part });
    left = left.minus(part);
  };
  due.forEach((i) => take(i, 'interest'));
  due.forEach((i) => take(i, 'principal'));
  notDue.forEach((i) => take(i, 'principal'));
  const total = (bucket: RepaymentBucket) =>
    lines
      .filter((l) => l.bucket === bucket)
      .reduce((sum, l) => sum.plus(l.amount), Money.zero(currency));
  return { lines, interest: total('interest'), principal: total('principal') };
}

/** A drawdown's principal and the functional amount it was booked at, with what is repaid. */
export interface DrawdownCarrying {
  readonly amount: Money;
  readonly functionalAmount: Money;
  readonly principalRepaid: Money;
  readonly functionalRepaid: Money;
}

/**
 * The functional amount a repayment of `principal` takes off the receivable: the drawdown's own
 * rate, pro rata of what is still carried (half-up), and exactly all that is left when the last
 * of the principal comes in, so a drawdown repaid in full carries nothing.
 */
export function carriedOff(drawdown: DrawdownCarrying, principal: Money): Money {
  const remaining = drawdown.amount.minus(drawdown.principalRepaid);
  const carried = drawdown.functionalAmount.minus(drawdown.functionalRepaid);
  if (principal.compare(remaining) > 0) {
    throw new RangeError(
      `Repays ${principal.toString()} of ${remaining.toString()} outstanding on the drawdown`,
    );
  }
  if (principal.equals(remaining)) return carried;
  return Money.rounded(
    carried.amount.times(principal.amount).div(remaining.amount),
    carried.currency,
    'half-up',
  );
}

/**
 * The factor a posting records as its FX rate: functional units per unit of the posting's
 * currency. A rate stored the other way round (IDR/USD) is inverted, to 20 decimals.
 */
export function postingRate(rate: RateUsed): Decimal {
  return rate.inverted
    ? new Decimal(1).div(rate.rate).toDecimalPlaces(20, Decimal.ROUND_HALF_UP)
    : new Decimal(rate.rate);
}

/** One currency's month-end revaluation, all amounts in the functional currency but `balance`. */
export interface RevaluationFigures {
  /** The foreign balance of the monetary leaves (the FX position leaf left out). */
  readonly balance: Money;
  /** What the ledger carries them at: the sum of their postings' functional amounts. */
  readonly carrying: Money;
  /** The balance at the closing rate. */
  readonly revalued: Money;
  /** Revalued less carrying: a gain when positive. */
  readonly difference: Money;
}

export function revaluationFigures(
  balance: Money,
  carrying: Money,
  revalued: Money,
): RevaluationFigures {
  return { balance, carrying, revalued, difference: revalued.minus(carrying) };
}
