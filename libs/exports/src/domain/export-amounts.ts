import { Decimal, findCurrency } from '@lumbung/core';

/**
 * Ledger amounts as export text: plain decimal strings with at least the currency's ISO 4217
 * minor units and more only where the stored value has them (nothing is ever rounded away).
 *
 * Amounts arrive as PostgreSQL prints NUMERIC (`-1234.50`, `100`, `0.005`): for that form the
 * text is rewritten as text (digits are only padded or trimmed of trailing zeros, never
 * computed), which is what a million postings can afford; anything else goes through Decimal.
 * The spec holds both paths to the same results.
 */
export function exportAmount(value: string, currency: string): string {
  const amount = parseAmount(value, minorUnits(currency));
  return amount.negative && !amount.zero ? `-${amount.digits}` : amount.digits;
}

/**
 * A signed amount (debit positive) as debit and credit columns: the side it is on holds its
 * absolute value, the other side is empty. A zero (a functional amount rounded to nothing) sits
 * on `side`, the side of the amount it belongs to.
 */
export function debitCredit(
  value: string,
  currency: string,
  side?: 'debit' | 'credit',
): { debit: string; credit: string } {
  const amount = parseAmount(value, minorUnits(currency));
  const onDebit = amount.zero ? side !== 'credit' : !amount.negative;
  return onDebit ? { debit: amount.digits, credit: '' } : { debit: '', credit: amount.digits };
}

export function sideOf(value: string): 'debit' | 'credit' {
  return parseAmount(value, 0).negative ? 'credit' : 'debit';
}

/** The absolute value's text at `scale` and more, its sign (as Decimal reads it), zero or not. */
interface ParsedAmount {
  readonly digits: string;
  readonly negative: boolean;
  readonly zero: boolean;
}

const plainNumeric = /^(-?)(\d+)(?:\.(\d+))?$/;
const nonZeroDigit = /[1-9]/;

export function parseAmount(value: string, scale: number): ParsedAmount {
  const match = plainNumeric.exec(value);
  if (match === null) return parseWithDecimal(value, scale);
  let whole = match[2];
  let fraction = match[3] ?? '';
  if (whole.length > 1 && whole.charCodeAt(0) === 48) whole = whole.replace(/^0+(?=\d)/, '');
  let end = fraction.length;
  while (end > scale && fraction.charCodeAt(end - 1) === 48) end--;
  if (end < fraction.length) fraction = fraction.slice(0, end);
  if (fraction.length < scale) fraction += '0'.repeat(scale - fraction.length);
  return {
    digits: fraction.length > 0 ? `${whole}.${fraction}` : whole,
    negative: match[1] === '-',
    zero: whole === '0' && !nonZeroDigit.test(fraction),
  };
}

/** The general form (exponents, a plus sign): what the text path must always agree with. */
function parseWithDecimal(value: string, scale: number): ParsedAmount {
  const amount = new Decimal(value);
  const places = amount.decimalPlaces() > scale ? amount.decimalPlaces() : scale;
  return {
    digits: amount.abs().toFixed(places),
    negative: amount.isNegative(),
    zero: amount.isZero(),
  };
}

const scales = new Map<string, number>();

/** ISO 4217 minor units; a currency Lumbung does not know is written without padding. */
function minorUnits(currency: string): number {
  let scale = scales.get(currency);
  if (scale === undefined) {
    scale = findCurrency(currency)?.minorUnits ?? 0;
    scales.set(currency, scale);
  }
  return scale;
}
