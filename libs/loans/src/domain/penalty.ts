import { type BusinessDate, daysBetween, Money } from '@lumbung/core';
import type { InstalmentDue } from './allocation';
import { contractualDate, monthsBetween } from './loan-dates';
import type { Frequency, PenaltyTerm } from './loan-terms';

export interface PenaltyLine {
  readonly no: number;
  readonly amount: Money;
}

/**
 * The penalty (denda) to assess on `date` for each overdue instalment. An instalment is overdue
 * on `date` when dueDate + graceDays < date and its principal or interest is still unpaid (an
 * unpaid penalty or fee alone draws no further penalty). 'day' assesses every overdue day;
 * 'period' assesses on each anniversary of the due date by the loan's frequency (monthly: the
 * same day of the month, clamped at month end, counted from the due date; weekly: every 7 x
 * `every` days) on which the instalment is overdue, so grace days only skip anniversaries that
 * fall inside them. Rate basis: value x unpaid principal + interest, rounded half-up to the
 * minor unit; fixed: value per instalment. Only non-zero lines; idempotency is the caller's.
 */
export function penaltiesFor(
  date: BusinessDate,
  due: readonly InstalmentDue[],
  penalty: PenaltyTerm,
  frequency: Frequency,
): readonly PenaltyLine[] {
  const lines: PenaltyLine[] = [];
  for (const instalment of due) {
    const overdueDays = daysBetween(instalment.dueDate, date);
    const base = instalment.principal.plus(instalment.interest);
    if (overdueDays <= penalty.graceDays || !base.isPositive()) continue;
    if (penalty.per === 'period' && !isAnniversary(instalment.dueDate, date, frequency)) continue;
    const amount =
      penalty.basis === 'rate'
        ? base.times(penalty.value, 'half-up')
        : Money.of(penalty.value, base.currency);
    if (amount.isPositive()) lines.push({ no: instalment.no, amount });
  }
  return lines;
}

/** Is `date` a whole number of instalment periods (at least one) after `dueDate`? */
export function isAnniversary(
  dueDate: BusinessDate,
  date: BusinessDate,
  frequency: Frequency,
): boolean {
  if (frequency.unit === 'week') {
    const days = daysBetween(dueDate, date);
    return days > 0 && days % (7 * frequency.every) === 0;
  }
  const months = monthsBetween(dueDate, date);
  if (months <= 0 || months % frequency.every !== 0) return false;
  return contractualDate(dueDate, frequency, months / frequency.every) === date;
}
