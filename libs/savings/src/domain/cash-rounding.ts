import { Money, roundingRule } from '@lumbung/core';

/**
 * The cash that changes hands for an amount owed or paid: rounded half-up to the cooperative's
 * cash unit (no Rp50 coins in circulation, say); null unit: the amount itself.
 */
export function cashFor(amount: Money, unit: string | null): Money {
  return unit === null ? amount : amount.roundTo(roundingRule(unit, 'half-up'));
}
