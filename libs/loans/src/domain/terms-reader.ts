import {
  currency as currencyOf,
  Decimal,
  type FieldProblem,
  InvalidInputError,
  isPlainDecimalString,
  Money,
} from '@lumbung/core';

export type Raw = Record<string, unknown>;

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads untrusted product settings field by field. Every problem is gathered (never thrown one
 * at a time) so that a product form shows all its mistakes at once; each reader returns a safe
 * placeholder so that later cross-field checks can still run.
 */
export class TermsReader {
  readonly problems: FieldProblem[] = [];

  constructor(readonly currency: string) {
    currencyOf(currency);
  }

  problem(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  /** Money in the product currency at its scale; `positive` refuses zero as well. */
  money(value: unknown, field: string, { positive }: { positive: boolean }): string {
    try {
      const money = Money.parse(value, this.currency, field);
      if (money.isNegative() || (positive && money.isZero())) {
        this.problem(field, positive ? 'must be above zero' : 'must not be negative');
      }
      return money.toString();
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      this.problems.push(...error.errors);
      return '0';
    }
  }

  /** A non-negative fraction such as "0.01" (1%), at most `max`. */
  fraction(value: unknown, field: string, max?: Decimal): string {
    if (!isPlainDecimalString(value) || new Decimal(value).isNegative()) {
      this.problem(field, 'a fraction such as "0.01" for 1%');
      return '0';
    }
    const fraction = new Decimal(value);
    if (max && fraction.gt(max)) this.problem(field, `at most ${max.toString()}`);
    return fraction.toString();
  }

  integer(value: unknown, field: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.problem(field, `a whole number from ${min} to ${max}`);
      return min;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.problem(field, `one of ${allowed.join(', ')}`);
      return allowed[0];
    }
    return value as T;
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') {
      this.problem(field, 'true or false');
      return false;
    }
    return value;
  }

  /** Reads an optional setting: `fallback` when absent, `read` otherwise. */
  optional<T>(value: unknown, fallback: T, read: (value: unknown) => T): T {
    return value === undefined ? fallback : read(value);
  }
}
