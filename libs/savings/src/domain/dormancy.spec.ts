import type { BusinessDate } from '@lumbung/core';
import { dormantSince, isDormantOn } from './dormancy';

const d = (value: string) => value as BusinessDate;

describe('dormancy', () => {
  it('starts the given number of days after the last movement', () => {
    expect(dormantSince(d('2026-01-15'), 365)).toBe('2027-01-15');
    expect(isDormantOn(d('2026-01-15'), 365, d('2027-01-14'))).toBe(false);
    expect(isDormantOn(d('2026-01-15'), 365, d('2027-01-15'))).toBe(true);
  });
});
