import DecimalJs from 'decimal.js';

/**
 * The one Decimal constructor of Lumbung. Precision is far above any ledger amount so that
 * intermediate products (amount x rate x days) never round before the rounding we choose;
 * exponent notation is pushed out of reach so toString() never yields "1e+21".
 */
export const Decimal = DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});
export type Decimal = InstanceType<typeof Decimal>;
export type DecimalValue = Decimal | string;

const plainDecimal = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** A decimal string as JSON and pg carry it: optional minus, digits, optional fraction; no exponent. */
export function isPlainDecimalString(value: unknown): value is string {
  return typeof value === 'string' && plainDecimal.test(value);
}

export function toDecimal(value: DecimalValue): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}
