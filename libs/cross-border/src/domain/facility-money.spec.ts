import { type BusinessDate, InvalidInputError, Money, RuleViolationError } from '@lumbung/core';
import {
  allocateRepayment,
  amountsOwed,
  carriedOff,
  facilityLimitCheck,
  type InstalmentState,
  parseDrawdown,
  parseRepayment,
  postingRate,
} from './facility-money';

const usd = (amount: string) => Money.of(amount, 'USD');
const idr = (amount: string) => Money.of(amount, 'IDR');
const day = (d: string) => d as BusinessDate;

const instalment = (
  drawdownId: string,
  no: number,
  dueDate: string,
  principal: string,
  interest: string,
  paid: { principal?: string; interest?: string } = {},
): InstalmentState => ({
  drawdownId,
  no,
  dueDate: day(dueDate),
  principal: usd(principal),
  interest: usd(interest),
  principalPaid: usd(paid.principal ?? '0'),
  interestPaid: usd(paid.interest ?? '0'),
});

const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a problem');
};

describe('facility money: input', () => {
  it('takes a drawdown in the facility currency only, above zero', () => {
    expect(parseDrawdown({ amount: '2500.00', currency: 'USD' }, 'USD').amount).toEqual(
      usd('2500.00'),
    );
    const bad = problemOf(() => parseDrawdown({ amount: '-1.00', currency: 'XYZ' }, 'USD'));
    expect(bad).toBeInstanceOf(InvalidInputError);
    expect((bad as InvalidInputError).errors.map((e) => e.field)).toEqual(['currency', 'amount']);
    const other = problemOf(() => parseDrawdown({ amount: '-1.00', currency: 'MYR' }, 'USD'));
    expect((other as InvalidInputError).errors).toEqual([
      { field: 'currency', message: "the facility's currency USD" },
      { field: 'amount', message: 'must be above zero' },
    ]);
    expect(
      problemOf(() => parseDrawdown({ amount: '1.001', currency: 'USD' }, 'USD')),
    ).toBeInstanceOf(InvalidInputError);
  });

  it('takes a repayment and an optional fee, not both zero, never negative', () => {
    expect(parseRepayment({ amount: '100.00', currency: 'USD' }, 'USD')).toEqual({
      amount: usd('100.00'),
      fee: usd('0'),
    });
    expect(parseRepayment({ amount: '0', fee: '5.00', currency: 'USD' }, 'USD').fee).toEqual(
      usd('5.00'),
    );
    const zero = problemOf(() => parseRepayment({ amount: '0.00', currency: 'USD' }, 'USD'));
    expect((zero as InvalidInputError).errors.map((e) => e.field)).toEqual(['amount']);
    const negative = problemOf(() =>
      parseRepayment({ amount: '10.00', fee: '-1.00', currency: 'USD' }, 'USD'),
    );
    expect((negative as InvalidInputError).errors).toEqual([
      { field: 'fee', message: 'must not be negative' },
    ]);
  });

  it('refuses a drawdown past the limit with the figures', () => {
    expect(
      facilityLimitCheck({ limit: usd('1000'), drawn: usd('600'), requested: usd('400') }),
    ).toBeNull();
    const refusal = facilityLimitCheck({
      limit: usd('1000'),
      drawn: usd('600'),
      requested: usd('400.01'),
    });
    expect(refusal).toBeInstanceOf(RuleViolationError);
    expect(refusal!.extensions).toEqual({
      currency: 'USD',
      limit: '1000.00',
      drawn: '600.00',
      requested: '400.01',
      after: '1000.01',
      available: '400.00',
    });
  });
});

describe('facility money: allocation by the schedule', () => {
  const schedule = [
    instalment('a', 1, '2026-12-20', '400.00', '20.00'),
    instalment('a', 2, '2027-01-20', '300.00', '15.00'),
    instalment('a', 3, '2027-02-20', '300.00', '8.00'),
  ];

  it('takes interest due, then principal due, then prepays later principal', () => {
    const allocation = allocateRepayment(usd('500.00'), schedule, day('2026-12-20'));
    expect(allocation.lines.map((l) => [l.no, l.bucket, l.amount.toString()])).toEqual([
      [1, 'interest', '20.00'],
      [1, 'principal', '400.00'],
      [2, 'principal', '80.00'],
    ]);
    expect(allocation.interest).toEqual(usd('20.00'));
    expect(allocation.principal).toEqual(usd('480.00'));
  });

  it('before anything is due, everything prepays principal', () => {
    const allocation = allocateRepayment(usd('1000.00'), schedule, day('2026-11-25'));
    expect(allocation.interest.isZero()).toBe(true);
    expect(allocation.principal).toEqual(usd('1000.00'));
  });

  it('all interest due first, oldest first, across drawdowns', () => {
    const two = [
      ...schedule,
      instalment('b', 1, '2026-12-05', '100.00', '5.00'),
      instalment('b', 2, '2027-01-05', '100.00', '4.00'),
    ];
    const allocation = allocateRepayment(usd('30.00'), two, day('2026-12-20'));
    expect(
      allocation.lines.map((l) => [l.drawdownId, l.no, l.bucket, l.amount.toString()]),
    ).toEqual([
      ['b', 1, 'interest', '5.00'],
      ['a', 1, 'interest', '20.00'],
      ['b', 1, 'principal', '5.00'],
    ]);
  });

  it('refuses more than interest due plus principal outstanding, with the figures', () => {
    const paid = [instalment('a', 1, '2026-12-20', '400.00', '20.00', { interest: '20.00' })];
    expect(amountsOwed(paid, day('2026-12-20'), 'USD')).toEqual({
      interestDue: usd('0.00'),
      principalDue: usd('400.00'),
      principalOutstanding: usd('400.00'),
      payable: usd('400.00'),
    });
    const refusal = problemOf(() => allocateRepayment(usd('400.01'), paid, day('2026-12-20')));
    expect(refusal).toBeInstanceOf(RuleViolationError);
    expect((refusal as RuleViolationError).slug).toBe('repayment-exceeds-outstanding');
  });
});

describe('facility money: principal off the receivable at its own rate', () => {
  const drawdown = {
    amount: usd('1000.00'),
    functionalAmount: idr('16000000.00'),
    principalRepaid: usd('0'),
    functionalRepaid: idr('0'),
  };

  it('pro rata of what is carried, and all that is left with the last principal', () => {
    expect(carriedOff(drawdown, usd('333.33'))).toEqual(idr('5333280.00'));
    const after = {
      ...drawdown,
      principalRepaid: usd('333.33'),
      functionalRepaid: idr('5333280.00'),
    };
    expect(carriedOff(after, usd('666.67'))).toEqual(idr('10666720.00'));
    expect(() => carriedOff(after, usd('666.68'))).toThrow(RangeError);
  });

  it('a rate stored the other way round posts inverted', () => {
    const rate = { id: 'r', base: 'IDR', quote: 'USD', date: day('2026-11-20'), rate: '0.00005' };
    expect(postingRate({ ...rate, inverted: true }).toString()).toBe('20000');
    expect(postingRate({ ...rate, inverted: false }).toString()).toBe('0.00005');
  });
});
