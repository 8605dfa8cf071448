import {
  type BusinessDate,
  compareDates,
  currency as currencyOf,
  type FieldProblem,
  findCurrency,
  InvalidInputError,
  isBusinessDate,
  isUuid,
  Money,
} from '@lumbung/core';

export type Raw = Record<string, unknown>;

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): Raw {
  return isRecord(value) ? value : {};
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** Region codes ICU names that ISO 3166-1 does not assign to a country. */
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'XK', 'ZZ']);

/** ISO 3166-1 alpha-2, upper case: ID, TL, MY. */
export function isCountryCode(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^[A-Z]{2}$/.test(value) &&
    !notCountries.has(value) &&
    !!regionNames.of(value)
  );
}

/** Lower case, as members' business profiles write them: chili, leather, rattan, bamboo. */
const commodityPattern = /^[a-z0-9][a-z0-9 -]{0,59}$/;

export function normaliseCommodity(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const commodity = value.trim().toLowerCase().replace(/\s+/g, ' ');
  return commodityPattern.test(commodity) ? commodity : null;
}

/**
 * Reads untrusted input field by field and gathers every problem, so a form is fixed in one
 * round trip; each reader returns a placeholder on a problem so later checks can still run.
 */
export class Fields {
  readonly problems: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  text(value: unknown, field: string, max: number): string {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text.length === 0 || text.length > max) {
      this.add(field, `1 to ${max} characters`);
      return '';
    }
    return text;
  }

  optionalText(value: unknown, field: string, max: number): string | null {
    if (value === undefined || value === null) return null;
    return this.text(value, field, max);
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.add(field, `one of ${allowed.join(', ')}`);
      return allowed[0];
    }
    return value as T;
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') {
      this.add(field, 'true or false');
      return false;
    }
    return value;
  }

  uuid(value: unknown, field: string): string {
    if (!isUuid(value)) {
      this.add(field, 'a UUID');
      return '';
    }
    return value;
  }

  date(value: unknown, field: string): BusinessDate {
    if (!isBusinessDate(value)) {
      this.add(field, 'a date YYYY-MM-DD');
      return '1970-01-01' as BusinessDate;
    }
    return value;
  }

  /** A date no later than `today` (the cooperative's business date). */
  pastDate(value: unknown, field: string, today: BusinessDate): BusinessDate {
    const date = this.date(value, field);
    if (isBusinessDate(value) && compareDates(date, today) > 0) {
      this.add(field, `not after the business date ${today}`);
    }
    return date;
  }

  integer(value: unknown, field: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.add(field, `a whole number from ${min} to ${max}`);
      return min;
    }
    return value;
  }

  country(value: unknown, field: string): string {
    if (!isCountryCode(value)) {
      this.add(field, 'an ISO 3166-1 alpha-2 country code such as TL or MY');
      return 'ZZ';
    }
    return value;
  }

  /** A supported ISO 4217 code; null (after recording the problem) when not. */
  currency(value: unknown, field: string, allowed?: readonly string[]): string | null {
    if (typeof value !== 'string' || !findCurrency(value)) {
      this.add(field, 'a supported ISO 4217 currency code');
      return null;
    }
    if (allowed && !allowed.includes(value)) {
      this.add(field, `one of ${allowed.join(', ')}`);
      return null;
    }
    return currencyOf(value).code;
  }

  /** Money at the currency's scale; `positive` refuses zero, negatives are always refused. */
  money(
    value: unknown,
    currency: string | null,
    field: string,
    { positive }: { positive: boolean },
  ): Money | null {
    if (currency === null) return null;
    try {
      const money = Money.parse(value, currency, field);
      if (money.isNegative() || (positive && money.isZero())) {
        this.add(field, positive ? 'must be above zero' : 'must not be negative');
        return null;
      }
      return money;
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      this.problems.push(...error.errors);
      return null;
    }
  }

  throwIfAny(detail: string): void {
    if (this.problems.length > 0) throw new InvalidInputError(detail, this.problems);
  }
}
