import { type BusinessDate, compareDates, Money } from '@lumbung/core';
import { type AllocationBucket, allocationBuckets } from './loan-terms';

/** What is still unpaid of one instalment on a date. */
export interface InstalmentDue {
  readonly no: number;
  readonly dueDate: BusinessDate;
  /** Assessed, unpaid penalty charged to this instalment. */
  readonly penalty: Money;
  readonly fees: Money;
  readonly interest: Money;
  readonly principal: Money;
}

export interface AllocationLine {
  readonly no: number;
  readonly bucket: AllocationBucket;
  readonly amount: Money;
}

export interface Allocation {
  /** In the order applied; zero lines omitted. */
  readonly lines: readonly AllocationLine[];
  readonly totals: Readonly<Record<AllocationBucket, Money>>;
  /** What is left after everything due: a prepayment candidate. */
  readonly excess: Money;
}

/**
 * Allocates a payment over what is due, bucket by bucket in `order` (a permutation of the
 * buckets), and within each bucket oldest instalment first: with the default order all
 * penalties oldest first, then all fees, then all interest, then all principal.
 */
export function allocatePayment(
  payment: Money,
  due: readonly InstalmentDue[],
  order: readonly AllocationBucket[],
): Allocation {
  assertOrder(order);
  if (payment.isNegative()) throw new RangeError('A payment cannot be negative');
  const oldestFirst = [...due].sort((a, b) => compareDates(a.dueDate, b.dueDate) || a.no - b.no);
  const zero = Money.zero(payment.currency);
  const totals: Record<AllocationBucket, Money> = {
    penalty: zero,
    fees: zero,
    interest: zero,
    principal: zero,
  };
  const lines: AllocationLine[] = [];
  let left = payment;
  for (const bucket of order) {
    for (const instalment of oldestFirst) {
      const owed = instalment[bucket];
      if (owed.isNegative()) {
        throw new RangeError(`Instalment ${instalment.no} owes a negative ${bucket}`);
      }
      const amount = owed.compare(left) < 0 ? owed : left;
      if (amount.isZero()) continue;
      lines.push({ no: instalment.no, bucket, amount });
      totals[bucket] = totals[bucket].plus(amount);
      left = left.minus(amount);
    }
  }
  return { lines, totals, excess: left };
}

function assertOrder(order: readonly AllocationBucket[]): void {
  const complete =
    order.length === allocationBuckets.length &&
    allocationBuckets.every((bucket) => order.includes(bucket));
  if (!complete) {
    throw new RangeError(`An allocation order names each of ${allocationBuckets.join(', ')} once`);
  }
}
