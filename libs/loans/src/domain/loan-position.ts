import { type BusinessDate, compareDates, Money } from '@lumbung/core';
import type { AllocationLine, InstalmentDue } from './allocation';
import type { AllocationBucket } from './loan-terms';
import type { Instalment } from './schedule';

export interface PaidLine {
  readonly no: number;
  readonly bucket: AllocationBucket;
  readonly amount: string;
}

export interface AssessedPenalty {
  readonly no: number;
  readonly amount: string;
}

/**
 * What is still unpaid of every instalment: the schedule less what non-reversed repayments
 * allocated to it, with the penalties assessed on it.
 */
export function unpaidInstalments(
  instalments: readonly Instalment[],
  paid: readonly (PaidLine | AllocationLine)[],
  penalties: readonly AssessedPenalty[],
  currency: string,
): InstalmentDue[] {
  const zero = Money.zero(currency);
  const sum = (lines: readonly { no: number; amount: string | Money }[], no: number) =>
    lines
      .filter((line) => line.no === no)
      .reduce(
        (total, line) =>
          total.plus(
            typeof line.amount === 'string' ? Money.of(line.amount, currency) : line.amount,
          ),
        zero,
      );
  const paidIn = (no: number, bucket: AllocationBucket) =>
    sum(
      paid.filter((line) => line.bucket === bucket),
      no,
    );
  return instalments.map((instalment) => ({
    no: instalment.no,
    dueDate: instalment.dueDate,
    penalty: sum(penalties, instalment.no).minus(paidIn(instalment.no, 'penalty')),
    fees: zero.minus(paidIn(instalment.no, 'fees')),
    interest: instalment.interest.minus(paidIn(instalment.no, 'interest')),
    principal: instalment.principal.minus(paidIn(instalment.no, 'principal')),
  }));
}

export function isSettled(due: InstalmentDue): boolean {
  return (
    due.penalty.isZero() && due.fees.isZero() && due.interest.isZero() && due.principal.isZero()
  );
}

/** Instalments due on or before `date` with anything left to pay. */
export function dueOn(dues: readonly InstalmentDue[], date: BusinessDate): InstalmentDue[] {
  return dues.filter((due) => compareDates(due.dueDate, date) <= 0 && !isSettled(due));
}

/** Instalments past their due date (strictly before `date`) not fully paid. */
export function overdueOn(dues: readonly InstalmentDue[], date: BusinessDate): InstalmentDue[] {
  return dues.filter((due) => compareDates(due.dueDate, date) < 0 && !isSettled(due));
}

export function totalOf(dues: readonly InstalmentDue[], currency: string): Money {
  return dues.reduce(
    (total, due) => total.plus(due.penalty).plus(due.fees).plus(due.interest).plus(due.principal),
    Money.zero(currency),
  );
}
