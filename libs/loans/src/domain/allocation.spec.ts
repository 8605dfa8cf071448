import { type BusinessDate, Decimal, Money } from '@lumbung/core';
import fc from 'fast-check';
import { allocatePayment, type InstalmentDue } from './allocation';
import { type AllocationBucket, allocationBuckets } from './loan-terms';

const idr = (value: string | number) => Money.of(String(value), 'IDR');
const defaultOrder = allocationBuckets;

function due(no: number, dueDate: string, amounts: Partial<Record<AllocationBucket, number>>) {
  return {
    no,
    dueDate: dueDate as BusinessDate,
    penalty: idr(amounts.penalty ?? 0),
    fees: idr(amounts.fees ?? 0),
    interest: idr(amounts.interest ?? 0),
    principal: idr(amounts.principal ?? 0),
  };
}

const twoLate = [
  due(2, '2026-03-15', { penalty: 5000, interest: 110000, principal: 1000000 }),
  due(1, '2026-02-15', { penalty: 8000, fees: 2000, interest: 120000, principal: 1000000 }),
];

const describeLines = (lines: readonly { no: number; bucket: string; amount: Money }[]) =>
  lines.map((l) => `${l.no} ${l.bucket} ${l.amount.toString()}`);

describe('repayment allocation', () => {
  it('pays penalties, fees, interest, then principal, oldest instalment first in each', () => {
    const result = allocatePayment(idr(1300000), twoLate, defaultOrder);
    expect(describeLines(result.lines)).toEqual([
      '1 penalty 8000.00',
      '2 penalty 5000.00',
      '1 fees 2000.00',
      '1 interest 120000.00',
      '2 interest 110000.00',
      '1 principal 1000000.00',
      '2 principal 55000.00',
    ]);
    expect(result.totals.principal.toString()).toBe('1055000.00');
    expect(result.excess.toString()).toBe('0.00');
  });

  it('follows a product order and leaves the overpayment as excess', () => {
    const result = allocatePayment(idr(2300000), twoLate, [
      'interest',
      'principal',
      'penalty',
      'fees',
    ]);
    expect(describeLines(result.lines).slice(0, 4)).toEqual([
      '1 interest 120000.00',
      '2 interest 110000.00',
      '1 principal 1000000.00',
      '2 principal 1000000.00',
    ]);
    expect(result.totals.penalty.toString()).toBe('13000.00');
    expect(result.excess.toString()).toBe('55000.00');
  });

  it('allocates nothing of a zero payment and everything of a payment with nothing due', () => {
    expect(allocatePayment(idr(0), twoLate, defaultOrder).lines).toEqual([]);
    expect(allocatePayment(idr(500), [], defaultOrder).excess.toString()).toBe('500.00');
  });

  it('refuses an order that is not a permutation and negative amounts', () => {
    expect(() => allocatePayment(idr(1), twoLate, ['interest', 'principal'])).toThrow(RangeError);
    expect(() => allocatePayment(idr(-1), twoLate, defaultOrder)).toThrow(RangeError);
    expect(() => allocatePayment(idr(1), [{ ...twoLate[0], fees: idr(-1) }], defaultOrder)).toThrow(
      RangeError,
    );
  });

  it('conserves the payment and never pays a bucket of an instalment beyond what it owes', () => {
    const amount = fc
      .integer({ min: 0, max: 5_000_000_00 })
      .map((cents) => Money.of(new Decimal(cents).div(100), 'IDR'));
    const instalment = fc.record({
      penalty: amount,
      fees: amount,
      interest: amount,
      principal: amount,
      day: fc.integer({ min: 1, max: 28 }),
    });
    fc.assert(
      fc.property(
        fc.array(instalment, { maxLength: 8 }),
        amount,
        fc.shuffledSubarray([...allocationBuckets], { minLength: 4, maxLength: 4 }),
        (rows, payment, order) => {
          const dues: InstalmentDue[] = rows.map((row, index) => ({
            no: index + 1,
            dueDate:
              `2026-${String((index % 12) + 1).padStart(2, '0')}-${String(row.day).padStart(2, '0')}` as BusinessDate,
            ...row,
          }));
          const result = allocatePayment(payment, dues, order);
          const allocated = result.lines.reduce((sum, l) => sum.plus(l.amount), idr(0));
          expect(allocated.plus(result.excess).equals(payment)).toBe(true);
          expect(result.excess.isNegative()).toBe(false);
          for (const line of result.lines) {
            expect(line.amount.isPositive()).toBe(true);
            const owed = dues.find((d) => d.no === line.no)![line.bucket];
            expect(line.amount.compare(owed)).toBeLessThanOrEqual(0);
          }
          for (const bucket of allocationBuckets) {
            const owed = dues.reduce((sum, d) => sum.plus(d[bucket]), idr(0));
            expect(result.totals[bucket].compare(owed)).toBeLessThanOrEqual(0);
          }
          // Excess only when everything due is paid.
          if (result.excess.isPositive()) {
            const owedAll = dues.reduce(
              (sum, d) => sum.plus(d.penalty).plus(d.fees).plus(d.interest).plus(d.principal),
              idr(0),
            );
            expect(allocated.equals(owedAll)).toBe(true);
          }
        },
      ),
    );
  });
});
