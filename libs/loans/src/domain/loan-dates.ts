import { addDays, type BusinessDate, monthEnd } from '@lumbung/core';
import type { Frequency } from './loan-terms';

/**
 * Contractual dates: months are added from the anchor with end-of-month clamping (31 Jan + 1
 * month = 28/29 Feb, + 2 months = 31 Mar: always counted from the anchor, never chained, so a
 * short month does not pull every later date back); weeks are 7 days.
 */
export function contractualDate(
  anchor: BusinessDate,
  frequency: Frequency,
  periods: number,
): BusinessDate {
  if (frequency.unit === 'week') return addDays(anchor, 7 * frequency.every * periods);
  return addMonthsClamped(anchor, frequency.every * periods);
}

export function addMonthsClamped(anchor: BusinessDate, months: number): BusinessDate {
  const [year, month] = [Number(anchor.slice(0, 4)), Number(anchor.slice(5, 7))];
  const index = year * 12 + (month - 1) + months;
  const targetMonth = index % 12;
  const targetYear = (index - targetMonth) / 12;
  const firstOfMonth =
    `${String(targetYear).padStart(4, '0')}-${String(targetMonth + 1).padStart(2, '0')}-01` as BusinessDate;
  const lastDay = monthEnd(firstOfMonth);
  const candidate = `${firstOfMonth.slice(0, 8)}${anchor.slice(8, 10)}` as BusinessDate;
  return candidate > lastDay ? lastDay : candidate;
}

/** Whole calendar months from `from` to `to`, ignoring the day (Jan 31 -> Feb 1 is 1). */
export function monthsBetween(from: BusinessDate, to: BusinessDate): number {
  const months = (date: BusinessDate) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
  return months(to) - months(from);
}

/** A year of holidays in a row is a broken calendar, not a due date to wait for. */
const maxHolidayRun = 366;

/** The date itself when it is a business day, else the first business day after it. */
export function nextBusinessDay(
  date: BusinessDate,
  isHoliday: (date: BusinessDate) => boolean,
): BusinessDate {
  let candidate = date;
  for (let step = 0; step < maxHolidayRun; step += 1) {
    if (!isHoliday(candidate)) return candidate;
    candidate = addDays(candidate, 1);
  }
  throw new RangeError(`No business day within a year after ${date}`);
}
