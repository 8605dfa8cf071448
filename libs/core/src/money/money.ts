import { InvalidInputError } from '../errors/problems';
import { type Currency, currency as currencyOf } from './currency';
import { Decimal, type DecimalValue, isPlainDecimalString, toDecimal } from './decimal';
import { type RoundingMode, type RoundingRule, roundToScale, roundToUnit } from './rounding';

/** Ledger amounts stay far below NUMERIC's limits and JavaScript never sees them as numbers. */
const maxIntegerDigits = 18;

/**
 * An amount in one currency, never more precise than the currency's ISO 4217 minor units.
 * Arithmetic between currencies is refused; conversion is an FX concern, not Money's.
 */
export class Money {
  private constructor(
    readonly amount: Decimal,
    readonly currency: Currency,
  ) {}

  /** Strict parse of user or JSON input: a plain decimal string with at most the minor units. */
  static parse(value: unknown, currencyCode: string, field = 'amount'): Money {
    const currency = currencyOf(currencyCode);
    if (!isPlainDecimalString(value)) {
      throw new InvalidInputError(`${field} must be a decimal string such as "1250.00"`, [
        { field, message: 'must be a decimal string without exponent, e.g. "1250.00"' },
      ]);
    }
    const amount = new Decimal(value);
    if (amount.decimalPlaces() > currency.minorUnits) {
      throw new InvalidInputError(
        `${field} has more decimals than ${currency.code} allows (${currency.minorUnits})`,
        [{ field, message: `at most ${currency.minorUnits} decimal places for ${currency.code}` }],
      );
    }
    if (amount.abs().gte(new Decimal(10).pow(maxIntegerDigits))) {
      throw new InvalidInputError(`${field} is too large`, [
        { field, message: `at most ${maxIntegerDigits} integer digits` },
      ]);
    }
    return new Money(amount, currency);
  }

  /** An exact amount (from the database or a computation already at the currency's scale). */
  static of(value: DecimalValue, currency: Currency | string): Money {
    const resolved = typeof currency === 'string' ? currencyOf(currency) : currency;
    const amount = toDecimal(value);
    if (!amount.isFinite() || amount.decimalPlaces() > resolved.minorUnits) {
      throw new RangeError(
        `${amount.toString()} is not an exact ${resolved.code} amount (${resolved.minorUnits} minor units)`,
      );
    }
    return new Money(amount, resolved);
  }

  /** Rounds any Decimal to the currency's minor units; the mode is a product or cooperative setting. */
  static rounded(value: DecimalValue, currency: Currency | string, mode: RoundingMode): Money {
    const resolved = typeof currency === 'string' ? currencyOf(currency) : currency;
    return new Money(roundToScale(value, resolved.minorUnits, mode), resolved);
  }

  static zero(currency: Currency | string): Money {
    return Money.of(new Decimal(0), currency);
  }

  plus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount.plus(other.amount), this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount.minus(other.amount), this.currency);
  }

  negated(): Money {
    return new Money(this.amount.negated(), this.currency);
  }

  abs(): Money {
    return new Money(this.amount.abs(), this.currency);
  }

  /** Multiplies by a rate or factor and rounds back to the minor units. */
  times(factor: DecimalValue, mode: RoundingMode): Money {
    return Money.rounded(this.amount.times(toDecimal(factor)), this.currency, mode);
  }

  /** Rounds to a cash or instalment unit such as Rp100. */
  roundTo(rule: RoundingRule): Money {
    return Money.rounded(roundToUnit(this.amount, rule), this.currency, rule.mode);
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  isNegative(): boolean {
    return this.amount.isNegative() && !this.amount.isZero();
  }

  isPositive(): boolean {
    return this.amount.isPositive() && !this.amount.isZero();
  }

  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other);
    return this.amount.comparedTo(other.amount) as -1 | 0 | 1;
  }

  equals(other: Money): boolean {
    return this.currency.code === other.currency.code && this.amount.eq(other.amount);
  }

  /** The canonical decimal string at the currency's scale: what JSON and pg receive. */
  toString(): string {
    return this.amount.toFixed(this.currency.minorUnits);
  }

  toJSON(): { amount: string; currency: string } {
    return { amount: this.toString(), currency: this.currency.code };
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency.code !== this.currency.code) {
      throw new RangeError(`Cannot combine ${this.currency.code} with ${other.currency.code}`);
    }
  }
}
