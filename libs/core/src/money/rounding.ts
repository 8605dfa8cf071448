import type DecimalJs from 'decimal.js';
import { Decimal, type DecimalValue, toDecimal } from './decimal';

export const roundingModes = [
  'half-up',
  'half-even',
  'half-down',
  'up',
  'down',
  'ceiling',
  'floor',
] as const;
export type RoundingMode = (typeof roundingModes)[number];

const decimalModes: Record<RoundingMode, DecimalJs.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-down': Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

/** How cash, instalments and fees are rounded: to a unit such as Rp100, in a mode. */
export interface RoundingRule {
  readonly unit: Decimal;
  readonly mode: RoundingMode;
}

export function roundingRule(unit: DecimalValue, mode: RoundingMode = 'half-up'): RoundingRule {
  const value = toDecimal(unit);
  if (!value.isFinite() || value.lte(0)) {
    throw new RangeError(`A rounding unit must be positive, got ${value.toString()}`);
  }
  return { unit: value, mode };
}

export function roundToUnit(value: DecimalValue, rule: RoundingRule): Decimal {
  return toDecimal(value)
    .div(rule.unit)
    .toDecimalPlaces(0, decimalModes[rule.mode])
    .times(rule.unit);
}

export function roundToScale(value: DecimalValue, scale: number, mode: RoundingMode): Decimal {
  return toDecimal(value).toDecimalPlaces(scale, decimalModes[mode]);
}
