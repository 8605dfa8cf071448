import { type BusinessDate, Decimal } from '@lumbung/core';
import { crossBorderStart, crossBorderStories, demoRate, monthEndsBetween } from './cross-border';

const d = (date: string) => date as BusinessDate;

describe('the cross-border demo', () => {
  it('opens the lenders two days before last month’s end', () => {
    expect(crossBorderStart(d('2026-12-02'))).toBe('2026-11-28');
    expect(crossBorderStart(d('2026-03-31'))).toBe('2026-02-26');
    expect(crossBorderStart(d('2027-01-01'))).toBe('2026-12-29');
  });

  it('lists the month ends a facility crosses', () => {
    expect(monthEndsBetween(d('2026-11-28'), d('2026-12-01'))).toEqual(['2026-11-30']);
    expect(monthEndsBetween(d('2026-11-30'), d('2027-01-31'))).toEqual([
      '2026-11-30',
      '2026-12-31',
      '2027-01-31',
    ]);
    expect(monthEndsBetween(d('2026-12-01'), d('2026-12-30'))).toEqual([]);
  });

  it('makes up illustrative rates in a plausible band, the same on every run', () => {
    for (let day = 0; day < 400; day += 7) {
      const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10) as BusinessDate;
      const usd = new Decimal(demoRate('USD', date));
      const myr = new Decimal(demoRate('MYR', date));
      expect(usd.gte(16100) && usd.lte(16400) && usd.isInteger()).toBe(true);
      expect(myr.gte(3510) && myr.lte(3590) && myr.decimalPlaces() <= 1).toBe(true);
    }
    expect(demoRate('USD', d('2026-11-28'))).toBe(demoRate('USD', d('2026-11-28')));
  });

  it('has Kupang ask for a supervisor (above its threshold) and Makassar not', () => {
    const [kupang, makassar] = crossBorderStories;
    const equivalent = (story: (typeof crossBorderStories)[number], rate: string) =>
      new Decimal(story.facility.limit).times(rate);
    // Whatever the day's illustrative rate, Kupang's facility is above Rp100m and within its
    // limits; Makassar's below its threshold and within its limits.
    for (const rate of ['16100', '16400']) {
      const value = equivalent(kupang, rate);
      expect(value.gt(kupang.limits.threshold)).toBe(true);
      expect(value.lte(kupang.limits.partner)).toBe(true);
    }
    for (const rate of ['3510', '3590']) {
      const value = equivalent(makassar, rate);
      expect(value.lte(makassar.limits.threshold)).toBe(true);
      expect(value.lte(makassar.limits.partner)).toBe(true);
    }
    expect(kupang.supervisor).toBe('kupang.supervisor');
    expect(makassar.supervisor).toBeNull();
  });
});
