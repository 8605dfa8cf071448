import { Decimal, type DecimalValue, toDecimal } from './decimal';
import { Money } from './money';

/**
 * Splits an amount into parts proportional to weights so that the parts sum exactly to the
 * amount (largest remainder method). Parts are multiples of `unit` (default: one minor unit);
 * the amount itself must be a multiple of the unit. Ties go to the earlier part, so the result
 * is deterministic.
 */
export function allocate(
  total: Money,
  weights: readonly DecimalValue[],
  unit?: DecimalValue,
): Money[] {
  const step =
    unit === undefined
      ? new Decimal(1).div(new Decimal(10).pow(total.currency.minorUnits))
      : toDecimal(unit);
  const ratios = weights.map(toDecimal);
  if (ratios.length === 0) throw new RangeError('allocate needs at least one weight');
  if (ratios.some((w) => w.isNegative() || !w.isFinite())) {
    throw new RangeError('allocation weights must be finite and non-negative');
  }
  const weightSum = ratios.reduce((sum, w) => sum.plus(w), new Decimal(0));
  if (weightSum.isZero()) throw new RangeError('allocation weights must not all be zero');
  const units = total.amount.abs().div(step);
  if (!units.isInteger()) {
    throw new RangeError(`${total.toString()} is not a multiple of the unit ${step.toString()}`);
  }
  const exact = ratios.map((w) => units.times(w).div(weightSum));
  const floors = exact.map((share) => share.floor());
  let left = units.minus(floors.reduce((sum, f) => sum.plus(f), new Decimal(0))).toNumber();
  const byRemainder = exact
    .map((share, index) => ({ index, remainder: share.minus(floors[index]) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    floors[index] = floors[index].plus(1);
    left -= 1;
  }
  const sign = total.isNegative() ? -1 : 1;
  return floors.map((count) => Money.of(count.times(step).times(sign), total.currency));
}
