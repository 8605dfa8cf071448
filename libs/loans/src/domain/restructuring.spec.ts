import { addDays, type BusinessDate, InvalidInputError, Money } from '@lumbung/core';
import fc from 'fast-check';
import { accruedThrough, dailyAccrual } from './accrual';
import { type LoanTerms, parseLoanTerms } from './loan-terms';
import {
  parseRestructuring,
  type PaidByInstalment,
  planRestructuring,
  restructuredGrade,
  restructuredSchedule,
} from './restructuring';
import { buildSchedule, type Instalment } from './schedule';

const d = (value: string) => value as BusinessDate;
const idr = (value: string) => Money.of(value, 'IDR');

const terms: LoanTerms = parseLoanTerms(
  {
    method: 'flat',
    ratePer: 'month',
    rate: '0.01',
    maxRate: '0.015',
    minTerm: 1,
    maxTerm: 24,
    minAmount: '1',
    maxAmount: '100000000',
    roundingUnit: '100',
  },
  'IDR',
);

/** Rp9,000,000 over 12 months at 1% flat from 20 November 2026: 750,000 + 90,000 a month. */
const schedule = buildSchedule({
  principal: idr('9000000'),
  terms,
  rate: '0.01',
  instalments: 12,
  disbursedOn: d('2026-11-20'),
}).instalments;

const paidIn = (lines: Record<number, [string, string]>): PaidByInstalment =>
  new Map(
    Object.entries(lines).map(([no, [principal, interest]]) => [
      Number(no),
      { principal: idr(principal), interest: idr(interest) },
    ]),
  );

const rows = (instalments: readonly Instalment[]) =>
  instalments.map((i) => [i.no, i.dueDate, i.principal.toString(), i.interest.toString()]);
const sum = (values: readonly Money[]) => values.reduce((t, v) => t.plus(v), idr('0'));

describe('restructuring requests', () => {
  const loan = { rate: '0.01', terms };
  const fields = (input: object) => {
    try {
      parseRestructuring(input, loan);
      return [];
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      return error.errors.map((p) => p.field);
    }
  };

  it('defaults the rate and method to the loan’s, grace to none, capitalisation to off', () => {
    expect(parseRestructuring({ instalments: 18, reason: ' Gagal panen ' }, loan)).toEqual({
      instalments: 18,
      rate: '0.01',
      method: 'flat',
      graceInstalments: 0,
      capitaliseInterest: false,
      reason: 'Gagal panen',
    });
  });

  it('refuses a negative rate, one above the product maximum, a bad term, method or grace', () => {
    expect(fields({ instalments: 18, rate: '-0.01', reason: 'x' })).toEqual(['rate']);
    expect(fields({ instalments: 18, rate: '0.0151', reason: 'x' })).toEqual(['rate']);
    expect(fields({ instalments: 18, rate: '1e-2', reason: 'x' })).toEqual(['rate']);
    expect(fields({ instalments: 0, reason: 'x' })).toEqual(['instalments']);
    expect(fields({ instalments: 521, reason: 'x' })).toEqual(['instalments']);
    expect(fields({ instalments: 1.5, reason: 'x' })).toEqual(['instalments']);
    expect(fields({ instalments: 6, method: 'balloon', reason: 'x' })).toEqual(['method']);
    expect(fields({ instalments: 6, graceInstalments: 6, reason: 'x' })).toEqual([
      'graceInstalments',
    ]);
    expect(fields({ instalments: 6, capitaliseInterest: 'yes', reason: 'x' })).toEqual([
      'capitaliseInterest',
    ]);
    expect(fields({})).toEqual(['instalments', 'reason']);
  });
});

describe('planning a restructuring', () => {
  it('keeps the instalments due, ends the running one on the day, and reschedules unpaid principal', () => {
    // December paid; January missed; 5 February is 16 days into the 31 of the third period.
    const plan = planRestructuring({
      schedule,
      paid: paidIn({ 1: ['750000', '90000'] }),
      on: d('2027-02-05'),
      capitaliseInterest: false,
    });
    expect(rows(plan.kept)).toEqual([
      [1, '2026-12-20', '750000.00', '90000.00'],
      [2, '2027-01-20', '0.00', '90000.00'],
      [3, '2027-02-05', '0.00', '46451.61'],
    ]);
    expect(plan.kept[2].periodStart).toBe('2027-01-20');
    expect(plan.outstandingPrincipal.toString()).toBe('8250000.00');
    expect(plan.accrued.toString()).toBe('226451.61');
    expect(plan.unpaidInterest.toString()).toBe('136451.61');
    expect(plan.capitalisedInterest.toString()).toBe('0.00');
    expect(plan.newPrincipal.toString()).toBe('8250000.00');
  });

  it('capitalises every unpaid interest, leaving the kept instalments with what was paid', () => {
    const plan = planRestructuring({
      schedule,
      paid: paidIn({ 1: ['750000', '90000'], 2: ['0', '40000'] }),
      on: d('2027-02-05'),
      capitaliseInterest: true,
    });
    expect(rows(plan.kept)).toEqual([
      [1, '2026-12-20', '750000.00', '90000.00'],
      [2, '2027-01-20', '0.00', '40000.00'],
      [3, '2027-02-05', '0.00', '0.00'],
    ]);
    expect(plan.capitalisedInterest.toString()).toBe('96451.61');
    expect(plan.newPrincipal.toString()).toBe('8346451.61');
  });

  it('keeps no running instalment on a due date, and none at all on the day of disbursement', () => {
    const onDue = planRestructuring({
      schedule,
      paid: paidIn({}),
      on: d('2026-12-20'),
      capitaliseInterest: false,
    });
    expect(rows(onDue.kept)).toEqual([[1, '2026-12-20', '0.00', '90000.00']]);
    const atStart = planRestructuring({
      schedule,
      paid: paidIn({}),
      on: d('2026-11-20'),
      capitaliseInterest: false,
    });
    expect(atStart.kept).toEqual([]);
    expect(atStart.unpaidInterest.toString()).toBe('0.00');
    expect(atStart.newPrincipal.toString()).toBe('9000000.00');
  });

  it('refuses a history it cannot keep: interest paid beyond what accrued', () => {
    expect(() =>
      planRestructuring({
        schedule,
        paid: paidIn({ 3: ['0', '90000'] }),
        on: d('2027-02-05'),
        capitaliseInterest: false,
      }),
    ).toThrow(RangeError);
  });

  it('numbers the new schedule on from the kept one, balances after down to zero', () => {
    const plan = planRestructuring({
      schedule,
      paid: paidIn({ 1: ['750000', '90000'] }),
      on: d('2027-02-05'),
      capitaliseInterest: false,
    });
    const fresh = buildSchedule({
      principal: plan.newPrincipal,
      terms: { ...terms, method: 'declining' },
      rate: '0.008',
      instalments: 18,
      disbursedOn: d('2027-02-05'),
    }).instalments;
    const version = restructuredSchedule(plan.kept, fresh);
    expect(version.map((i) => i.no)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(version[2].balanceAfter.toString()).toBe('8250000.00');
    expect(version[3]).toMatchObject({ periodStart: '2027-02-05', dueDate: '2027-03-05' });
    expect(version[20].balanceAfter.toString()).toBe('0.00');
  });

  it('accrues nothing twice and loses nothing: the version accrues what the old did through the day, then the new schedule', () => {
    const methods = ['flat', 'declining', 'annuity'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 360 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 24 }),
        fc.constantFrom(...methods),
        fc.boolean(),
        (offset, paidCount, term, method, capitalise) => {
          const on = addDays(d('2026-11-20'), offset);
          const paid = new Map(
            schedule
              .filter((i) => i.no <= paidCount && i.dueDate <= on)
              .map((i) => [i.no, { principal: i.principal, interest: i.interest }] as const),
          );
          const plan = planRestructuring({ schedule, paid, on, capitaliseInterest: capitalise });
          const fresh = buildSchedule({
            principal: plan.newPrincipal,
            terms: { ...terms, method },
            rate: '0.008',
            instalments: term,
            disbursedOn: on,
          }).instalments;
          const version = restructuredSchedule(plan.kept, fresh);
          // The new schedule lends exactly what remains (with any capitalised interest).
          expect(sum(fresh.map((i) => i.principal)).equals(plan.newPrincipal)).toBe(true);
          expect(
            sum(version.map((i) => i.principal)).equals(
              idr('9000000').plus(plan.capitalisedInterest),
            ),
          ).toBe(true);
          // Through the day the version has accrued what the old schedule had (less what was
          // capitalised); every day after, exactly what the new schedule accrues.
          const through = accruedThrough(version, on).plus(plan.capitalisedInterest);
          expect(through.equals(accruedThrough(schedule, on))).toBe(true);
          for (const k of [1, 2, 15, 31, 45]) {
            const day = addDays(on, k);
            expect(dailyAccrual(version, day).equals(dailyAccrual(fresh, day))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the grade a restructuring holds', () => {
  it('holds until three new instalments are paid in full, or all of a shorter schedule', () => {
    expect(restructuredGrade('kurang-lancar', 12, 0)).toBe('kurang-lancar');
    expect(restructuredGrade('kurang-lancar', 12, 2)).toBe('kurang-lancar');
    expect(restructuredGrade('kurang-lancar', 12, 3)).toBeNull();
    expect(restructuredGrade('diragukan', 2, 2)).toBeNull();
    expect(restructuredGrade('diragukan', 2, 1)).toBe('diragukan');
  });
});
