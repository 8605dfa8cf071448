import { Decimal, type Money } from '@lumbung/core';

/** Far below the 6 decimals the annual rate is reported to. */
const tolerance = new Decimal('1e-16');
const maxIterations = 100;

/**
 * The periodic internal rate of return of a loan paid in equal periods: the rate r with
 * principal = sum of payment_i / (1 + r)^i. Newton's method from r = 0: the present value is
 * decreasing and convex in r, so every step stays at or below the root and converges to it.
 */
export function periodicIrr(principal: Money, payments: readonly Money[]): Decimal {
  let rate = new Decimal(0);
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    const { value, slope } = presentValue(payments, rate);
    if (slope.isZero()) return rate;
    const step = value.minus(principal.amount).div(slope);
    rate = rate.minus(step);
    if (step.abs().lt(tolerance)) return rate;
  }
  return rate;
}

/**
 * PV(r) = sum payment_i v^i with v = 1/(1+r), and dPV/dr, by Horner's scheme in v:
 * p = (p + payment_i) v from the last payment back, p' = p' v + p (the derivative in v),
 * and dv/dr = -v^2.
 */
function presentValue(
  payments: readonly Money[],
  rate: Decimal,
): { value: Decimal; slope: Decimal } {
  const v = new Decimal(1).div(rate.plus(1));
  let value = new Decimal(0);
  let derivative = new Decimal(0);
  for (let index = payments.length - 1; index >= 0; index -= 1) {
    const inner = value.plus(payments[index].amount);
    derivative = derivative.times(v).plus(inner);
    value = inner.times(v);
  }
  return { value, slope: derivative.times(v.pow(2)).negated() };
}
