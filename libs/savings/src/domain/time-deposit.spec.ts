import { type BusinessDate, Money } from '@lumbung/core';
import { accrualDays, earlyWithdrawalPenalty, maturityDate, periodInterest } from './time-deposit';

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
});
