import { addDays, businessDate, type BusinessDate, Money } from '@lumbung/core';
import fc from 'fast-check';
import { dailyAccrual } from '../../libs/loans/src/domain/accrual';
import { parseLoanTerms } from '../../libs/loans/src/domain/loan-terms';
import { buildSchedule, type Instalment } from '../../libs/loans/src/domain/schedule';
import { dailyAccrualSql } from '../../libs/loans/src/infrastructure/accrual-sql';
import { withAdmin } from '../support/postgres';

/**
 * The end of day computes loan accrual in SQL for speed; `dailyAccrual` in TypeScript is the
 * definition. For random schedules of every method (holidays moving due dates, several loans at
 * once) both must give the same amount, to the sen, for every day of the loan and past its end.
 */
describe('set-based loan accrual equals the TypeScript closed form', () => {
  const scheduleArb = fc.record({
    method: fc.constantFrom('flat', 'declining', 'annuity'),
    principalThousands: fc.integer({ min: 500, max: 500_000 }),
    ratePerMille: fc.integer({ min: 1, max: 40 }),
    instalments: fc.integer({ min: 1, max: 14 }),
    weekly: fc.boolean(),
    dayCount: fc.constantFrom('30/360', 'actual/365'),
    disbursed: fc.integer({ min: 0, max: 400 }),
    holidays: fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 12 }),
  });

  type ScheduleCase = typeof scheduleArb extends fc.Arbitrary<infer T> ? T : never;

  const scheduleOf = (s: ScheduleCase): readonly Instalment[] => {
    const terms = parseLoanTerms(
      {
        method: s.method,
        ratePer: 'month',
        rate: (s.ratePerMille / 1000).toString(),
        frequency: s.weekly ? { unit: 'week', every: 1 } : { unit: 'month', every: 1 },
        minTerm: 1,
        maxTerm: 520,
        minAmount: '1',
        maxAmount: '1000000000',
        dayCount: s.dayCount,
        holidayRule: 'next-business-day',
      },
      'IDR',
    );
    const disbursedOn = addDays(businessDate('2026-01-01'), s.disbursed);
    const holidays = new Set(s.holidays.map((d) => addDays(disbursedOn, d)));
    return buildSchedule({
      principal: Money.of(`${s.principalThousands}000`, 'IDR'),
      terms,
      rate: terms.rate,
      instalments: s.instalments,
      disbursedOn,
      isHoliday: (date) => holidays.has(date),
    }).instalments;
  };

  it('agrees day by day, for several loans in one statement', async () => {
    await withAdmin(async (client) => {
      await fc.assert(
        fc.asyncProperty(fc.array(scheduleArb, { minLength: 1, maxLength: 4 }), async (loans) => {
          const schedules = loans.map(scheduleOf);
          const through = schedules.map((s) => s[0].periodStart);
          const last = schedules
            .map((s) => addDays(s[s.length - 1].dueDate, 3))
            .reduce((a, b) => (a > b ? a : b));
          const ids = schedules.map(
            (_, i) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
          );
          const periods = `
            SELECT t.loan_id, t.interest,
                   coalesce(lag(t.due_date) OVER (PARTITION BY t.loan_id ORDER BY t.no),
                            t.period_start) AS start,
                   t.due_date AS finish
              FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::date[], $6::date[])
                AS t(loan_id, no, interest, period_start, due_date)`;
          const pending = `SELECT * FROM unnest($7::uuid[], $8::date[]) AS q(loan_id, through)`;
          const flat = schedules.flatMap((s, i) =>
            s.map((instalment) => ({ id: ids[i], instalment })),
          );
          const { rows } = await client.query<{
            loan_id: string;
            day: BusinessDate;
            amount: string;
          }>(dailyAccrualSql(periods, pending), [
            last,
            flat.map((f) => f.id),
            flat.map((f) => f.instalment.no),
            flat.map((f) => f.instalment.interest.toString()),
            flat.map((f) => f.instalment.periodStart),
            flat.map((f) => f.instalment.dueDate),
            ids,
            through,
          ]);
          const expected = schedules.flatMap((schedule, i) => {
            const days = [];
            for (let day = addDays(through[i], 1); day <= last; day = addDays(day, 1)) {
              days.push({
                loan_id: ids[i],
                day,
                amount: dailyAccrual(schedule, day).toString(),
              });
            }
            return days;
          });
          expect(rows.map((r) => ({ ...r, amount: Money.of(r.amount, 'IDR').toString() }))).toEqual(
            expected,
          );
        }),
        { numRuns: 60 },
      );
    });
  });
});
