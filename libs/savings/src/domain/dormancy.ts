import { addDays, type BusinessDate } from '@lumbung/core';

/** A voluntary account with no movement for its product's `dormantAfterDays` becomes dormant. */
export function dormantSince(lastActivityOn: BusinessDate, dormantAfterDays: number): BusinessDate {
  return addDays(lastActivityOn, dormantAfterDays);
}

export function isDormantOn(
  lastActivityOn: BusinessDate,
  dormantAfterDays: number,
  today: BusinessDate,
): boolean {
  return today >= dormantSince(lastActivityOn, dormantAfterDays);
}
