import { InvalidInputError } from '../errors/problems';
import {
  addDays,
  businessDate,
  daysBetween,
  isBusinessDate,
  isValidTimeZone,
  localDate,
  monthEnd,
  monthStart,
} from './business-date';
import { SettableClock } from './clock';

describe('business dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isBusinessDate('2026-02-28')).toBe(true);
    expect(isBusinessDate('2026-02-29')).toBe(false);
    expect(isBusinessDate('2028-02-29')).toBe(true);
    expect(isBusinessDate('2026-2-1')).toBe(false);
    expect(() => businessDate('2026-13-01', 'asOf')).toThrow(InvalidInputError);
  });

  it('does arithmetic across months and years', () => {
    const d = businessDate('2026-12-31');
    expect(addDays(d, 1)).toBe('2027-01-01');
    expect(addDays(d, -365)).toBe('2025-12-31');
    expect(daysBetween(businessDate('2026-01-01'), businessDate('2026-03-01'))).toBe(59);
    expect(monthStart(businessDate('2026-02-17'))).toBe('2026-02-01');
    expect(monthEnd(businessDate('2028-02-17'))).toBe('2028-02-29');
  });

  it('reads the local date in each cooperative time zone', () => {
    const instant = new Date('2026-03-31T16:30:00Z');
    expect(localDate(instant, 'Asia/Jakarta')).toBe('2026-03-31');
    expect(localDate(instant, 'Asia/Makassar')).toBe('2026-04-01');
    expect(localDate(instant, 'Asia/Dili')).toBe('2026-04-01');
    expect(localDate(instant, 'Asia/Kuala_Lumpur')).toBe('2026-04-01');
  });

  it('knows valid IANA zones', () => {
    expect(isValidTimeZone('Asia/Dili')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('has a clock tests can set and advance', () => {
    const clock = new SettableClock('2026-01-01T00:00:00Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:30.000Z');
    clock.set('2027-01-01T00:00:00Z');
    expect(clock.now().getUTCFullYear()).toBe(2027);
  });
});
