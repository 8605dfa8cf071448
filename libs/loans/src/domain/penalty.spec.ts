import { addDays, type BusinessDate, Money } from '@lumbung/core';
import type { InstalmentDue } from './allocation';
import type { PenaltyTerm } from './loan-terms';
import { penaltiesFor } from './penalty';

const d = (value: string) => value as BusinessDate;
const idr = (value: string) => Money.parse(value, 'IDR');
const monthly = { unit: 'month', every: 1 } as const;

function due(no: number, dueDate: string, principal: string, interest: string): InstalmentDue {
  return {
    no,
    dueDate: d(dueDate),
    penalty: idr('0'),
    fees: idr('0'),
    interest: idr(interest),
    principal: idr(principal),
  };
}

const daily: PenaltyTerm = { basis: 'rate', value: '0.001', per: 'day', graceDays: 3 };
const lines = (result: readonly { no: number; amount: Money }[]) =>
  result.map((l) => `${l.no} ${l.amount.toString()}`);

describe('late penalties', () => {
  const late = [due(1, '2026-02-15', '750000', '90000'), due(2, '2026-03-15', '750000', '90000')];

  it('charges a daily rate on the unpaid principal and interest once the grace days are over', () => {
    expect(penaltiesFor(d('2026-02-18'), late, daily, monthly)).toEqual([]);
    // 0.1% of 840,000 = 840 a day from the fourth day late.
    expect(lines(penaltiesFor(d('2026-02-19'), late, daily, monthly))).toEqual(['1 840.00']);
    expect(lines(penaltiesFor(d('2026-03-18'), late, daily, monthly))).toEqual(['1 840.00']);
    expect(lines(penaltiesFor(d('2026-03-19'), late, daily, monthly))).toEqual([
      '1 840.00',
      '2 840.00',
    ]);
  });

  it('rounds a rate penalty half-up to the minor unit and skips what is paid', () => {
    const partly = [due(1, '2026-02-15', '0', '1234.50'), due(2, '2026-02-15', '0', '0')];
    expect(lines(penaltiesFor(d('2026-03-01'), partly, daily, monthly))).toEqual(['1 1.23']);
    const small = [due(1, '2026-02-15', '0', '4.99')];
    // 0.1% of 4.99 = 0.00499: rounds to nothing, so no line.
    expect(penaltiesFor(d('2026-03-01'), small, daily, monthly)).toEqual([]);
  });

  it('charges a fixed amount per day late', () => {
    const fixed: PenaltyTerm = { basis: 'fixed', value: '2500.00', per: 'day', graceDays: 0 };
    expect(penaltiesFor(d('2026-02-15'), late, fixed, monthly)).toEqual([]);
    expect(lines(penaltiesFor(d('2026-02-16'), late, fixed, monthly))).toEqual(['1 2500.00']);
  });

  it('charges per period on each monthly anniversary of the due date, clamped at month end', () => {
    const perMonth: PenaltyTerm = { basis: 'rate', value: '0.02', per: 'period', graceDays: 0 };
    const endOfMonth = [due(1, '2026-01-31', '1000000', '0')];
    const assessed: string[] = [];
    for (let day = d('2026-01-31'); day <= '2026-04-30'; day = addDays(day, 1)) {
      if (penaltiesFor(day, endOfMonth, perMonth, monthly).length > 0) assessed.push(day);
    }
    expect(assessed).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    expect(lines(penaltiesFor(d('2026-02-28'), endOfMonth, perMonth, monthly))).toEqual([
      '1 20000.00',
    ]);
  });

  it('charges per period every 7 x n days for weekly loans, skipping anniversaries in grace', () => {
    const perFortnight: PenaltyTerm = {
      basis: 'fixed',
      value: '1000.00',
      per: 'period',
      graceDays: 14,
    };
    const fortnightly = { unit: 'week', every: 2 } as const;
    const weeklyLate = [due(1, '2026-03-02', '100000', '700')];
    const assessed: string[] = [];
    for (let day = d('2026-03-02'); day <= '2026-04-30'; day = addDays(day, 1)) {
      if (penaltiesFor(day, weeklyLate, perFortnight, fortnightly).length > 0) assessed.push(day);
    }
    expect(assessed).toEqual(['2026-03-30', '2026-04-13', '2026-04-27']);
  });
});
