import { type BusinessDate, Money } from '@lumbung/core';
import { addDays, daysBetween } from '@lumbung/core';
import {
  accrualDays,
  earlyWithdrawalPenalty,
  maturityDate,
  periodInterest,
  placementAccruedThrough,
  placementInterest,
  type PlacementTerms,
} from './time-deposit';

const d = (value: string) => value as BusinessDate;

describe('time deposits', () => {
  it('matures on the same day months later, or the last day of a shorter month', () => {
    expect(maturityDate(d('2026-11-20'), 3)).toBe('2027-02-20');
    expect(maturityDate(d('2026-01-31'), 1)).toBe('2026-02-28');
    expect(maturityDate(d('2027-11-30'), 3)).toBe('2028-02-29');
    expect(maturityDate(d('2026-11-20'), 12)).toBe('2027-11-20');
  });

  it('counts days actual/365 and 30E/360', () => {
    expect(accrualDays('actual/365', d('2026-11-20'), d('2027-11-20'))).toBe(365);
    expect(accrualDays('30/360', d('2026-01-31'), d('2026-02-28'))).toBe(28);
    expect(accrualDays('30/360', d('2026-11-20'), d('2027-02-20'))).toBe(90);
  });

  it('computes simple interest rounded half-up once', () => {
    const principal = Money.parse('10000000.00', 'IDR');
    expect(
      periodInterest(principal, '0.06', 'actual/365', d('2026-11-20'), d('2027-11-20')).toString(),
    ).toBe('600000.00');
    expect(
      periodInterest(principal, '0.06', 'actual/365', d('2026-11-20'), d('2027-02-20')).toString(),
    ).toBe('151232.88');
    expect(
      periodInterest(principal, '0.06', '30/360', d('2026-11-20'), d('2027-02-20')).toString(),
    ).toBe('150000.00');
  });

  it('charges the early-withdrawal penalty on the principal', () => {
    expect(earlyWithdrawalPenalty(Money.parse('10000000.00', 'IDR'), '0.01').toString()).toBe(
      '100000.00',
    );
  });

  describe('daily accrual of a placement', () => {
    const placement = (
      principal: string,
      dayCount: PlacementTerms['dayCount'],
    ): PlacementTerms => ({
      principal: Money.parse(principal, 'IDR'),
      annualRate: '0.0575',
      dayCount,
      startDate: d('2026-11-20'),
      maturityDate: d('2027-02-20'),
    });

    it.each([
      ['5000000.00', 'actual/365'],
      ['3333333.33', '30/360'],
      ['1000001.00', 'actual/365'],
    ] as const)('sums day by day to the interest maturity pays (%s, %s)', (principal, dayCount) => {
      const p = placement(principal, dayCount);
      const days = daysBetween(p.startDate, p.maturityDate);
      let total = Money.zero('IDR');
      for (let k = 1; k <= days; k++) {
        const day = addDays(p.startDate, k);
        const accrued = placementAccruedThrough(p, day).minus(
          placementAccruedThrough(p, addDays(day, -1)),
        );
        expect(accrued.isNegative()).toBe(false);
        total = total.plus(accrued);
      }
      expect(total.toString()).toBe(placementInterest(p).toString());
    });

    it('accrues nothing on the day of placement and no more after maturity', () => {
      const p = placement('5000000.00', 'actual/365');
      expect(placementAccruedThrough(p, p.startDate).toString()).toBe('0.00');
      expect(placementAccruedThrough(p, addDays(p.maturityDate, 40)).toString()).toBe(
        placementInterest(p).toString(),
      );
      // 92 days of 72,465.75: k = 1 is R(787.67...) = 787.67.
      expect(placementInterest(p).toString()).toBe('72465.75');
      expect(placementAccruedThrough(p, addDays(p.startDate, 1)).toString()).toBe('787.67');
    });
  });
});
