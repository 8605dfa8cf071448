import { Decimal, findCurrency } from '@lumbung/core';

/**
 * Ledger amounts as export text: plain decimal strings with at least the currency's ISO 4217
 * minor units and more only where the stored value has them (nothing is ever rounded away).
 */
export function exportAmount(value: string, currency: string): string {
  const amount = new Decimal(value);
  const scale = findCurrency(currency)?.minorUnits ?? 0;
  const places = amount.decimalPlaces() > scale ? amount.decimalPlaces() : scale;
  return (amount.isZero() ? amount.abs() : amount).toFixed(places);
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
  const amount = new Decimal(value);
  const onDebit = amount.isZero() ? side !== 'credit' : amount.isPositive();
  const text = exportAmount(amount.abs().toString(), currency);
  return onDebit ? { debit: text, credit: '' } : { debit: '', credit: text };
}

export function sideOf(value: string): 'debit' | 'credit' {
  return new Decimal(value).isNegative() ? 'credit' : 'debit';
}
