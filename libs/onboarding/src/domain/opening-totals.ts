import type { Money } from '@lumbung/core';
import type { RowProblem } from './row-problem';

/**
 * The opening entries, one per area, each balance against the opening balance equity; together
 * they must leave it at zero: what the general ledger's other balances leave over (debits less
 * credits) is exactly what members' savings (credit) less loans (debit) hold. Null when it does.
 */
export function openingTotalsProblem(totals: {
  readonly glNet: Money;
  readonly savings: Money;
  readonly loans: Money;
}): RowProblem | null {
  const difference = totals.glNet.plus(totals.loans).minus(totals.savings);
  if (difference.isZero()) return null;
  const side = difference.isPositive() ? 'debits exceed credits' : 'credits exceed debits';
  return {
    file: 'gl.csv',
    row: null,
    column: null,
    message:
      `the opening balances do not balance: ${side} by ${difference.abs().toString()} ` +
      `(gl.csv debits less credits ${totals.glNet.toString()}, loans.csv ${totals.loans.toString()}, ` +
      `savings.csv ${totals.savings.toString()})`,
  };
}
