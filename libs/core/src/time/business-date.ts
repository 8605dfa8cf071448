import { InvalidInputError } from '../errors/problems';

/**
 * A calendar date in a cooperative's own time zone, `YYYY-MM-DD`. Dates are strings so they
 * never drift through a JavaScript Date's local time; arithmetic goes through UTC midnight.
 */
export type BusinessDate = string & { readonly __businessDate: unique symbol };

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMillis = 86_400_000;

export function isBusinessDate(value: unknown): value is BusinessDate {
  if (typeof value !== 'string') return false;
  const match = datePattern.exec(value);
  if (!match) return false;
  const utc = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return utc.toISOString().slice(0, 10) === value;
}

export function businessDate(value: unknown, field = 'date'): BusinessDate {
  if (!isBusinessDate(value)) {
    throw new InvalidInputError(`${field} must be a calendar date YYYY-MM-DD`, [
      { field, message: 'must be a valid date in the form YYYY-MM-DD' },
    ]);
  }
  return value;
}

function toUtcMillis(date: BusinessDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMillis(millis: number): BusinessDate {
  return new Date(millis).toISOString().slice(0, 10) as BusinessDate;
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  return fromUtcMillis(toUtcMillis(date) + days * dayMillis);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return Math.round((toUtcMillis(to) - toUtcMillis(from)) / dayMillis);
}

export function compareDates(a: BusinessDate, b: BusinessDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first day of the date's month: how accounting periods are named. */
export function monthStart(date: BusinessDate): BusinessDate {
  return `${date.slice(0, 7)}-01` as BusinessDate;
}

export function monthEnd(date: BusinessDate): BusinessDate {
  const [year, month] = [+date.slice(0, 4), +date.slice(5, 7)];
  return fromUtcMillis(Date.UTC(year, month, 0));
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date at `instant` in `timeZone` (an IANA zone such as Asia/Makassar). */
export function localDate(instant: Date, timeZone: string): BusinessDate {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}` as BusinessDate;
}
