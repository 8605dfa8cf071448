import { addDays, type BusinessDate, daysBetween, Money } from '@lumbung/core';
import { accruedThrough, dailyAccrual } from './accrual';
import { parseLoanTerms } from './loan-terms';
import { buildSchedule, type Instalment } from './schedule';

const d = (value: string) => value as BusinessDate;

function declining(extra: Record<string, unknown> = {}, isHoliday?: (d: BusinessDate) => boolean) {
  const terms = parseLoanTerms(
    {
      method: 'declining',
      ratePer: 'month',
      rate: '0.01',
      minTerm: 1,
      maxTerm: 24,
      minAmount: '1',
      maxAmount: '100000000',
      ...extra,
    },
    'IDR',
  );
  return buildSchedule({
    principal: Money.parse('12000000', 'IDR'),
    terms,
    rate: '0.01',
    instalments: 12,
    disbursedOn: d('2026-01-15'),
    isHoliday,
  }).instalments;
}

function dailySum(instalments: readonly Instalment[], from: BusinessDate, through: BusinessDate) {
  let total = Money.zero('IDR');
  for (let day = addDays(from, 1); day <= through; day = addDays(day, 1)) {
    total = total.plus(dailyAccrual(instalments, day));
  }
  return total.toString();
}

describe('daily accrual in closed form', () => {
  const schedule = declining();

  it('accrues nothing on or before the disbursement day', () => {
    expect(accruedThrough(schedule, d('2026-01-01')).toString()).toBe('0.00');
    expect(accruedThrough(schedule, d('2026-01-15')).toString()).toBe('0.00');
    expect(dailyAccrual(schedule, d('2026-01-15')).toString()).toBe('0.00');
  });

  it('accrues R(I k / n) into the period and the whole period on its due date', () => {
    // 120,000 over 31 days: R(120,000/31) = 3,870.97; R(240,000/31) = 7,741.94.
    expect(accruedThrough(schedule, d('2026-01-16')).toString()).toBe('3870.97');
    expect(dailyAccrual(schedule, d('2026-01-17')).toString()).toBe('3870.97');
    expect(accruedThrough(schedule, d('2026-02-15')).toString()).toBe('120000.00');
    // then 110,000 over the 28 days of February: R(110,000/28) = 3,928.57.
    expect(accruedThrough(schedule, d('2026-02-16')).toString()).toBe('123928.57');
  });

  it('sums the days of each period exactly to its interest', () => {
    expect(dailySum(schedule, d('2026-01-15'), d('2026-02-15'))).toBe('120000.00');
    expect(dailySum(schedule, d('2026-02-15'), d('2026-03-15'))).toBe('110000.00');
  });

  it('stops at the total interest after the last due date', () => {
    expect(accruedThrough(schedule, d('2027-01-15')).toString()).toBe('780000.00');
    expect(accruedThrough(schedule, d('2030-01-01')).toString()).toBe('780000.00');
    expect(dailyAccrual(schedule, d('2027-01-16')).toString()).toBe('0.00');
  });

  it('stretches a period to its moved due date and starts the next one there', () => {
    // 2026-01-04 was a Sunday; 15 Feb and 15 Mar 2026 are Sundays.
    const isWeekend = (date: BusinessDate) =>
      [0, 6].includes(daysBetween(d('2026-01-04'), date) % 7);
    const moved = declining({ holidayRule: 'next-business-day' }, isWeekend);
    expect(moved[0].dueDate).toBe('2026-02-16');
    // 120,000 over 32 days: 31 of them accrued on 15 Feb = R(116,250) exactly.
    expect(accruedThrough(moved, d('2026-02-15')).toString()).toBe('116250.00');
    expect(dailySum(moved, d('2026-01-15'), d('2026-02-16'))).toBe('120000.00');
    expect(dailySum(moved, d('2026-02-16'), d('2026-03-16'))).toBe('110000.00');
    expect(dailySum(moved, d('2026-03-16'), d('2026-04-15'))).toBe('100000.00');
  });

  it('accrues a period with no days left whole on its due date', () => {
    const [first, second] = declining();
    const squeezed = [first, { ...second, dueDate: first.dueDate }];
    expect(dailyAccrual(squeezed, first.dueDate).toString()).toBe(
      first.interest
        .plus(second.interest)
        .minus(accruedThrough([first], addDays(first.dueDate, -1)))
        .toString(),
    );
    expect(accruedThrough(squeezed, d('2026-02-14')).toString()).toBe(
      accruedThrough([first], d('2026-02-14')).toString(),
    );
  });
});
