import { addDays, type BusinessDate, compareDates } from '@lumbung/core';

/**
 * The days still to close, oldest first: every day after the last one closed up to the day
 * before the business date (today is never closed while it is today). A cooperative that has
 * never closed a day starts with yesterday.
 */
export function daysToClose(
  lastClosed: BusinessDate | null,
  businessDate: BusinessDate,
): BusinessDate[] {
  const yesterday = addDays(businessDate, -1);
  const days: BusinessDate[] = [];
  for (
    let day = lastClosed === null ? yesterday : addDays(lastClosed, 1);
    compareDates(day, yesterday) <= 0;
    day = addDays(day, 1)
  ) {
    days.push(day);
  }
  return days;
}
