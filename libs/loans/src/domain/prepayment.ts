import { type BusinessDate, compareDates, Money } from '@lumbung/core';
import { periodInterest } from './instalment-amounts';
import type { InterestMethod, LoanTerms } from './loan-terms';
import type { Instalment } from './schedule';

/**
 * The schedule after a prepayment of principal `extra` (beyond what is due) on `on`, by term
 * shortening:
 * - instalments due on or before `on` keep their contracted amounts;
 * - `extra` comes off the principal of the remaining instalments from the last backwards, never
 *   below what `paidPrincipalByNo` says was already paid of an instalment; trailing instalments
 *   left with no principal are removed (the current one is always kept: its interest is
 *   accruing);
 * - the current instalment (the first not yet due) keeps its interest; later ones have their
 *   interest recomputed on the new balances for declining and annuity, while flat keeps flat
 *   interest on the original principal for the instalments that remain. For annuity this keeps
 *   each remaining instalment's principal, so its payments fall below the old level payment
 *   rather than the level payment paying the loan off sooner still.
 * Numbers are kept. Principal of the result + extra = principal of the input. Refuses an
 * `extra` above the principal still to pay on instalments not yet due: that is a payoff.
 */
export function applyPrepayment(
  instalments: readonly Instalment[],
  paidPrincipalByNo: ReadonlyMap<number, Money>,
  extra: Money,
  on: BusinessDate,
  method: InterestMethod,
  rate: string,
  terms: Pick<LoanTerms, 'ratePer' | 'frequency' | 'dayCount'>,
): readonly Instalment[] {
  if (extra.isNegative()) throw new RangeError('A prepayment cannot be negative');
  if (extra.isZero()) return instalments;
  const current = instalments.findIndex((i) => compareDates(i.dueDate, on) > 0);
  if (current < 0) throw new RangeError(`Nothing is left to prepay after ${on}`);
  const future = instalments.slice(current);
  const principals = shortenFromTheEnd(future, paidPrincipalByNo, extra);

  // The balance before the current instalment: what the remaining instalments carry, less extra.
  let balance = future
    .reduce((sum, i) => sum.plus(i.principal), Money.zero(extra.currency))
    .minus(extra);
  const rebuilt = future.slice(0, principals.length).map((instalment, index) => {
    const interest =
      index === 0 || method === 'flat'
        ? instalment.interest
        : periodInterest(balance, terms, rate, {
            periodStart: instalment.periodStart,
            contractualDate: future[index + 1]?.periodStart ?? instalment.dueDate,
          });
    const principal = principals[index];
    balance = balance.minus(principal);
    return {
      ...instalment,
      principal,
      interest,
      total: principal.plus(interest),
      balanceAfter: balance,
    };
  });
  return [...instalments.slice(0, current), ...rebuilt];
}

/** New principal per remaining instalment, trailing emptied ones dropped (the first is kept). */
function shortenFromTheEnd(
  future: readonly Instalment[],
  paidPrincipalByNo: ReadonlyMap<number, Money>,
  extra: Money,
): Money[] {
  const zero = Money.zero(extra.currency);
  const principals = future.map((i) => i.principal);
  let left = extra;
  for (let index = future.length - 1; index >= 0 && left.isPositive(); index -= 1) {
    const paid = paidPrincipalByNo.get(future[index].no) ?? zero;
    const reducible = principals[index].minus(paid);
    if (!reducible.isPositive()) continue;
    const cut = reducible.compare(left) < 0 ? reducible : left;
    principals[index] = principals[index].minus(cut);
    left = left.minus(cut);
  }
  if (left.isPositive()) {
    throw new RangeError(
      `The prepayment exceeds the principal still to pay by ${left.toString()}: settle by payoff`,
    );
  }
  let kept = principals.length;
  while (kept > 1 && principals[kept - 1].isZero()) kept -= 1;
  return principals.slice(0, kept);
}
