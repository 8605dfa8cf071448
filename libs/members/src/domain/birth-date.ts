import { type BusinessDate, isBusinessDate } from '@lumbung/core';

/**
 * The birth date a two-digit year stands for: this century unless that would be a birth date
 * after `today` (or no calendar date at all), else the last one. Null when neither is a date.
 */
export function birthDateFromYymmdd(
  yy: string,
  mm: string,
  dd: string,
  today: BusinessDate,
): BusinessDate | null {
  const recent = `20${yy}-${mm}-${dd}`;
  if (isBusinessDate(recent) && recent <= today) return recent;
  const earlier = `19${yy}-${mm}-${dd}`;
  return isBusinessDate(earlier) ? earlier : null;
}
