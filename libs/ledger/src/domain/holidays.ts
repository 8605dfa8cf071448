import { type BusinessDate, InvalidInputError, isBusinessDate } from '@lumbung/core';

/** Sunday is the weekly day of rest; declared holidays add to it. */
export function isClosedDay(date: BusinessDate, holidays: ReadonlySet<string>): boolean {
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 0 || holidays.has(date);
}

export interface HolidayInput {
  readonly date: BusinessDate;
  readonly name: string;
}

export function parseHoliday(input: { date?: unknown; name?: unknown }): HolidayInput {
  const problems = [];
  if (!isBusinessDate(input.date)) problems.push({ field: 'date', message: 'a date, YYYY-MM-DD' });
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length === 0 || name.length > 200) {
    problems.push({ field: 'name', message: '1 to 200 characters' });
  }
  if (problems.length > 0) throw new InvalidInputError('The holiday is not valid', problems);
  return { date: input.date as BusinessDate, name };
}
