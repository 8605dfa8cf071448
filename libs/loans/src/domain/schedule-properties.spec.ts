import { addDays, type BusinessDate, daysBetween, Decimal, Money } from '@lumbung/core';
import fc from 'fast-check';
import { accrualPeriods, accruedThrough, dailyAccrual } from './accrual';
import { type InterestMethod, interestMethods, parseLoanTerms } from './loan-terms';
import { applyPrepayment } from './prepayment';
import { buildSchedule, type Instalment, type ScheduleRequest } from './schedule';

const d = (value: string) => value as BusinessDate;
const isWeekend = (date: BusinessDate) => [0, 6].includes(daysBetween(d('2026-01-04'), date) % 7);

interface LoanCase {
  readonly method: InterestMethod;
  readonly principal: Money;
  readonly ratePer: 'month' | 'year';
  readonly monthlyBasisPoints: number;
  readonly frequency: { unit: 'week' | 'month'; every: number };
  readonly instalments: number;
  readonly grace: number;
  readonly roundingUnit: string;
  readonly dayCount: '30/360' | 'actual/365';
  readonly holidays: boolean;
  readonly disbursedOn: BusinessDate;
}

function loanCase(maxInstalments: number): fc.Arbitrary<LoanCase> {
  return fc
    .record({
      method: fc.constantFrom(...interestMethods),
      rupiah: fc.integer({ min: 100_000, max: 1_000_000_000 }),
      cents: fc.constantFrom(0, 0, 0, 1, 50, 99),
      ratePer: fc.constantFrom('month' as const, 'year' as const),
      monthlyBasisPoints: fc.integer({ min: 0, max: 500 }),
      frequency: fc.constantFrom(
        { unit: 'month' as const, every: 1 },
        { unit: 'month' as const, every: 3 },
        { unit: 'week' as const, every: 1 },
        { unit: 'week' as const, every: 2 },
      ),
      instalments: fc.integer({ min: 1, max: maxInstalments }),
      grace: fc.integer({ min: 0, max: 3 }),
      roundingUnit: fc.constantFrom('1', '100', '1000', '0.01'),
      dayCount: fc.constantFrom('30/360' as const, 'actual/365' as const),
      holidays: fc.boolean(),
      disbursedDay: fc.integer({ min: 0, max: 730 }),
    })
    .map((c) => ({
      ...c,
      principal: Money.of(new Decimal(c.rupiah).plus(new Decimal(c.cents).div(100)), 'IDR'),
      grace: Math.min(c.grace, c.instalments - 1),
      disbursedOn: addDays(d('2025-01-01'), c.disbursedDay),
    }));
}

/** The nominal rate in the case's unit: basis points a month, or twelve times that a year. */
function rateOf(c: LoanCase): string {
  const monthly = new Decimal(c.monthlyBasisPoints).div(10_000);
  return (c.ratePer === 'month' ? monthly : monthly.times(12)).toString();
}

function requestFor(c: LoanCase, overrides: Record<string, unknown> = {}): ScheduleRequest {
  const rate = rateOf(c);
  const terms = parseLoanTerms(
    {
      method: c.method,
      ratePer: c.ratePer,
      rate,
      frequency: c.frequency,
      minTerm: c.grace + 1,
      maxTerm: 520,
      minAmount: '1',
      maxAmount: '1000000000',
      dayCount: c.dayCount,
      graceInstalments: c.grace,
      roundingUnit: c.roundingUnit,
      holidayRule: c.holidays ? 'next-business-day' : 'none',
      ...overrides,
    },
    'IDR',
  );
  return {
    principal: c.principal,
    terms,
    rate,
    instalments: c.instalments,
    disbursedOn: c.disbursedOn,
    isHoliday: isWeekend,
  };
}

const sumOf = (amounts: readonly Money[]) =>
  amounts.reduce((sum, amount) => sum.plus(amount), Money.zero('IDR'));

/**
 * What is wrong with a schedule (nothing, for a good one): a negative part or balance, a total
 * that is not its parts, numbers out of order, or a balanceAfter (from `from` on) that is not
 * the principal of the instalments after it.
 */
function problemsOf(instalments: readonly Instalment[], from = 0): string[] {
  const problems: string[] = [];
  let later = Money.zero('IDR');
  for (let index = instalments.length - 1; index >= 0; index -= 1) {
    const i = instalments[index];
    if (i.principal.isNegative() || i.interest.isNegative() || i.balanceAfter.isNegative()) {
      problems.push(`${i.no}: negative`);
    }
    if (!i.total.equals(i.principal.plus(i.interest))) problems.push(`${i.no}: total`);
    if (index >= from && !i.balanceAfter.equals(later)) problems.push(`${i.no}: balance`);
    if (
      index > 0 &&
      (i.no <= instalments[index - 1].no || i.dueDate < instalments[index - 1].dueDate)
    ) {
      problems.push(`${i.no}: order`);
    }
    later = later.plus(i.principal);
  }
  return problems;
}

describe('schedule properties', () => {
  it('repays exactly the amount lent, never through a negative balance or part', () => {
    fc.assert(
      fc.property(loanCase(520), (c) => {
        const schedule = buildSchedule(requestFor(c));
        expect(schedule.instalments).toHaveLength(c.instalments);
        expect(sumOf(schedule.instalments.map((i) => i.principal)).equals(c.principal)).toBe(true);
        expect(schedule.totalPrincipal.equals(c.principal)).toBe(true);
        expect(
          sumOf(schedule.instalments.map((i) => i.interest)).equals(schedule.totalInterest),
        ).toBe(true);
        expect(problemsOf(schedule.instalments)).toEqual([]);
        expect(schedule.instalments[0].periodStart).toBe(c.disbursedOn);
        expect(schedule.instalments.every((i) => i.dueDate > i.periodStart)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('charges declining and annuity loans no more interest than flat at the same nominal rate', () => {
    // Interest on a balance never above the principal, each rounded like flat's to the minor
    // unit; flat's own coarser unit could round its interest either way, so it is set to Rp0.01.
    fc.assert(
      fc.property(
        loanCase(120).filter((c) => c.method !== 'flat'),
        (c) => {
          const declining = buildSchedule(requestFor(c, { dayCount: '30/360' }));
          const flat = buildSchedule(
            requestFor(c, { method: 'flat', dayCount: '30/360', roundingUnit: '0.01' }),
          );
          expect(declining.totalInterest.compare(flat.totalInterest)).toBeLessThanOrEqual(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('accrues daily amounts that are never negative and sum exactly to each period', () => {
    fc.assert(
      fc.property(loanCase(8), (c) => {
        const { instalments, totalInterest } = buildSchedule(requestFor(c));
        const periods = accrualPeriods(instalments);
        let accrued = accruedThrough(instalments, c.disbursedOn);
        expect(accrued.isZero()).toBe(true);
        for (const period of periods) {
          let periodSum = Money.zero('IDR');
          for (let day = addDays(period.start, 1); day <= period.end; day = addDays(day, 1)) {
            const daily = dailyAccrual(instalments, day);
            expect(daily.isNegative()).toBe(false);
            periodSum = periodSum.plus(daily);
            const through = accruedThrough(instalments, day);
            expect(through.compare(accrued)).toBeGreaterThanOrEqual(0);
            expect(through.compare(totalInterest)).toBeLessThanOrEqual(0);
            accrued = through;
          }
          expect(periodSum.equals(period.instalment.interest)).toBe(true);
        }
        expect(accrued.equals(totalInterest)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('conserves principal through a prepayment and leaves a well-formed schedule', () => {
    fc.assert(
      fc.property(
        loanCase(60),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.boolean(),
        (c, when, share, partlyPaid) => {
          const request = requestFor(c);
          const { instalments } = buildSchedule(request);
          const last = instalments[instalments.length - 1].dueDate;
          const on = addDays(
            c.disbursedOn,
            Math.floor(when * (daysBetween(c.disbursedOn, last) - 1)),
          );
          const future = instalments.filter((i) => i.dueDate > on);
          const paid = new Map<number, Money>();
          if (partlyPaid) {
            const target = future[future.length - 1];
            paid.set(target.no, Money.rounded(target.principal.amount.div(2), 'IDR', 'down'));
          }
          const reducible = sumOf(
            future.map((i) => i.principal.minus(paid.get(i.no) ?? Money.zero('IDR'))),
          );
          const extra = Money.rounded(reducible.amount.times(share).div(1_000_000), 'IDR', 'down');
          const after = applyPrepayment(
            instalments,
            paid,
            extra,
            on,
            c.method,
            request.rate,
            request.terms,
          );
          expect(
            sumOf(after.map((i) => i.principal))
              .plus(extra)
              .equals(sumOf(instalments.map((i) => i.principal))),
          ).toBe(true);
          const kept = instalments.filter((i) => i.dueDate <= on);
          expect(problemsOf(after, kept.length)).toEqual([]);
          expect(after.slice(0, kept.length)).toEqual(kept);
          expect(after.length).toBeGreaterThan(kept.length);
          for (const instalment of after) {
            const floor = paid.get(instalment.no);
            if (floor) expect(instalment.principal.compare(floor)).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
