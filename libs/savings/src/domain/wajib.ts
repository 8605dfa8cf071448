import { type BusinessDate, InvalidInputError } from '@lumbung/core';

/** Months are `YYYY-MM`; simpanan wajib is due once per month from the month of joining. */
export type Month = string;

export function monthOf(date: BusinessDate | string): Month {
  return date.slice(0, 7);
}

export function addMonths(month: Month, count: number): Month {
  const [year, mon] = month.split('-').map((part) => Number(part));
  const index = year * 12 + (mon - 1) + count;
  const nextYear = (index - (index % 12)) / 12;
  return `${String(nextYear).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function monthsBetween(from: Month, to: Month): number {
  const [fy, fm] = from.split('-').map((part) => Number(part));
  const [ty, tm] = to.split('-').map((part) => Number(part));
  return (ty - fy) * 12 + (tm - fm);
}

export interface WajibPosition {
  /** The last month paid, or null before the first payment. */
  readonly paidThrough: Month | null;
  /** Months due up to and including the current one and not yet paid. */
  readonly monthsInArrears: number;
  /** The month the next payment covers. */
  readonly nextDue: Month;
}

export function wajibPosition(
  joinedOn: BusinessDate | string,
  paidThrough: Month | null,
  today: BusinessDate | string,
): WajibPosition {
  const nextDue = paidThrough === null ? monthOf(joinedOn) : addMonths(paidThrough, 1);
  const due = monthsBetween(nextDue, monthOf(today)) + 1;
  return { paidThrough, monthsInArrears: Math.max(0, due), nextDue };
}

/** At most a year ahead: paying further ahead is a deposit, not a collection. */
export const maxWajibMonthsAhead = 12;

/** The months a collection of `months` covers, oldest unpaid month first. */
export function wajibCollection(
  position: WajibPosition,
  months: number,
  today: BusinessDate | string,
): { from: Month; through: Month } {
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new InvalidInputError('months must be a whole number from 1 to 120', [
      { field: 'months', message: 'a whole number from 1 to 120' },
    ]);
  }
  const through = addMonths(position.nextDue, months - 1);
  if (monthsBetween(monthOf(today), through) > maxWajibMonthsAhead) {
    throw new InvalidInputError('That pays simpanan wajib more than a year ahead', [
      { field: 'months', message: `at most ${maxWajibMonthsAhead} months beyond the current one` },
    ]);
  }
  return { from: position.nextDue, through };
}
