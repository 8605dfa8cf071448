import { type BusinessDate, Money } from '@lumbung/core';
import { type InterestMethod, parseLoanTerms } from './loan-terms';
import { applyPrepayment } from './prepayment';
import { buildSchedule, type Instalment } from './schedule';

const d = (value: string) => value as BusinessDate;
const idr = (value: string) => Money.parse(value, 'IDR');

function loan(method: InterestMethod, principal: string, extra: Record<string, unknown> = {}) {
  const terms = parseLoanTerms(
    {
      method,
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
  const { instalments } = buildSchedule({
    principal: idr(principal),
    terms,
    rate: '0.01',
    instalments: 12,
    disbursedOn: d('2026-01-15'),
  });
  return { terms, instalments };
}

const rows = (instalments: readonly Instalment[]) =>
  instalments.map((i) => [i.no, i.principal.toString(), i.interest.toString()]);
const principalOf = (instalments: readonly Instalment[]) =>
  instalments.reduce((sum, i) => sum.plus(i.principal), idr('0'));

describe('prepayment by term shortening', () => {
  it('takes a declining loan’s prepayment off the last instalments and recomputes interest', () => {
    // Three instalments due by 20 Apr; 9,000,000 left in nos 4-12. 2,500,000 extra removes
    // nos 12 and 11 and half of no 10. No 4 keeps its accruing 90,000; no 5 then runs on
    // 9,000,000 - 2,500,000 - 1,000,000 = 5,500,000 -> 55,000, and so on.
    const { terms, instalments } = loan('declining', '12000000');
    const after = applyPrepayment(
      instalments,
      new Map(),
      idr('2500000'),
      d('2026-04-20'),
      'declining',
      '0.01',
      terms,
    );
    expect(after.slice(0, 3)).toEqual(instalments.slice(0, 3));
    expect(rows(after.slice(3))).toEqual([
      [4, '1000000.00', '90000.00'],
      [5, '1000000.00', '55000.00'],
      [6, '1000000.00', '45000.00'],
      [7, '1000000.00', '35000.00'],
      [8, '1000000.00', '25000.00'],
      [9, '1000000.00', '15000.00'],
      [10, '500000.00', '5000.00'],
    ]);
    expect(after[3].balanceAfter.toString()).toBe('5500000.00');
    expect(after[after.length - 1].balanceAfter.toString()).toBe('0.00');
    expect(after[9].total.toString()).toBe('505000.00');
  });

  it('keeps flat interest on the original principal for the instalments that remain', () => {
    const { terms, instalments } = loan('flat', '9000000');
    const after = applyPrepayment(
      instalments,
      new Map(),
      idr('2000000'),
      d('2026-04-20'),
      'flat',
      '0.01',
      terms,
    );
    expect(rows(after.slice(3))).toEqual([
      ...[4, 5, 6, 7, 8, 9].map((no) => [no, '750000.00', '90000.00']),
      [10, '250000.00', '90000.00'],
    ]);
  });

  it('recomputes annuity interest on the lower balances and keeps each principal part', () => {
    const { terms, instalments } = loan('annuity', '10000000');
    const after = applyPrepayment(
      instalments,
      new Map(),
      idr('1000000'),
      d('2026-04-20'),
      'annuity',
      '0.01',
      terms,
    );
    // 1,000,000 comes off no 12 (879,689.68) and no 11 (120,310.32 of 870,981.29).
    expect(after.map((i) => i.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(after[10].principal.toString()).toBe('750670.97');
    expect(after[3].interest.toString()).toBe(instalments[3].interest.toString());
    // No 5 runs on the old 5,977,918.77 + 820,503.77 less 1,000,000 = 5,798,422.54 -> 57,984.23.
    expect(after[4].interest.toString()).toBe('57984.23');
    expect(principalOf(after).plus(idr('1000000')).equals(principalOf(instalments))).toBe(true);
  });

  it('never takes an instalment below the principal already paid on it', () => {
    const { terms, instalments } = loan('declining', '12000000');
    const after = applyPrepayment(
      instalments,
      new Map([[12, idr('300000')]]),
      idr('1500000'),
      d('2026-04-20'),
      'declining',
      '0.01',
      terms,
    );
    expect(after.slice(10).map((i) => i.principal.toString())).toEqual(['200000.00', '300000.00']);
  });

  it('keeps the accruing instalment when the prepayment clears all principal not yet due', () => {
    const { terms, instalments } = loan('declining', '12000000');
    const after = applyPrepayment(
      instalments,
      new Map(),
      idr('9000000'),
      d('2026-04-20'),
      'declining',
      '0.01',
      terms,
    );
    expect(rows(after.slice(3))).toEqual([[4, '0.00', '90000.00']]);
    expect(() =>
      applyPrepayment(
        instalments,
        new Map(),
        idr('9000000.01'),
        d('2026-04-20'),
        'declining',
        '0.01',
        terms,
      ),
    ).toThrow(/payoff/);
  });

  it('changes nothing for a zero prepayment and refuses one after the last due date', () => {
    const { terms, instalments } = loan('flat', '9000000');
    expect(
      applyPrepayment(instalments, new Map(), idr('0'), d('2026-04-20'), 'flat', '0.01', terms),
    ).toBe(instalments);
    expect(() =>
      applyPrepayment(instalments, new Map(), idr('1'), d('2027-01-15'), 'flat', '0.01', terms),
    ).toThrow(RangeError);
  });
});
