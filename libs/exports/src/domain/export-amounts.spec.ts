import { Decimal, findCurrency } from '@lumbung/core';
import fc from 'fast-check';
import { debitCredit, exportAmount, sideOf } from './export-amounts';

/** The first landing's Decimal implementation: the text path must write exactly what it did. */
const reference = {
  amount(value: string, currency: string): string {
    const amount = new Decimal(value);
    const scale = findCurrency(currency)?.minorUnits ?? 0;
    const places = amount.decimalPlaces() > scale ? amount.decimalPlaces() : scale;
    return (amount.isZero() ? amount.abs() : amount).toFixed(places);
  },
  debitCredit(value: string, currency: string, side?: 'debit' | 'credit') {
    const amount = new Decimal(value);
    const onDebit = amount.isZero() ? side !== 'credit' : amount.isPositive();
    const text = reference.amount(amount.abs().toString(), currency);
    return onDebit ? { debit: text, credit: '' } : { debit: '', credit: text };
  },
  sideOf(value: string): 'debit' | 'credit' {
    return new Decimal(value).isNegative() ? 'credit' : 'debit';
  },
};

describe('export amounts', () => {
  it('writes at least the minor units, more only when the value has them, never rounding', () => {
    expect(exportAmount('100', 'IDR')).toBe('100.00');
    expect(exportAmount('100.5', 'IDR')).toBe('100.50');
    expect(exportAmount('100.505', 'IDR')).toBe('100.505');
    expect(exportAmount('100.50000', 'IDR')).toBe('100.50');
    expect(exportAmount('-0.00', 'IDR')).toBe('0.00');
    expect(exportAmount('1500', 'JPY')).toBe('1500');
    expect(exportAmount('1500.000', 'JPY')).toBe('1500');
    expect(exportAmount('1.5', 'KWD')).toBe('1.500');
    expect(exportAmount('1e3', 'IDR')).toBe('1000.00');
    expect(exportAmount('123456789012345678901234.56', 'IDR')).toBe('123456789012345678901234.56');
  });

  it('puts a debit (positive) and a credit (negative) in their columns as absolute values', () => {
    expect(debitCredit('840000.00', 'IDR')).toEqual({ debit: '840000.00', credit: '' });
    expect(debitCredit('-840000', 'IDR')).toEqual({ debit: '', credit: '840000.00' });
    expect(debitCredit('0', 'IDR', 'credit')).toEqual({ debit: '', credit: '0.00' });
    expect(debitCredit('0', 'IDR')).toEqual({ debit: '0.00', credit: '' });
    expect(sideOf('-1')).toBe('credit');
    expect(sideOf('1')).toBe('debit');
  });

  it('agrees with Decimal on every amount PostgreSQL can print, and on other forms', () => {
    const digits = (min: number, max: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
    const numeric = fc
      .tuple(fc.constantFrom('', '-'), digits(1, 30), fc.option(digits(1, 12)))
      .map(
        ([sign, whole, fraction]) => `${sign}${whole}${fraction === null ? '' : `.${fraction}`}`,
      );
    const other = fc.oneof(
      numeric,
      fc.tuple(numeric, fc.integer({ min: -5, max: 5 })).map(([n, e]) => `${n}e${e}`),
      numeric.map((n) => (n.startsWith('-') ? n : `+${n}`)),
    );
    fc.assert(
      fc.property(
        other,
        fc.constantFrom('IDR', 'JPY', 'KWD', 'XXX'),
        fc.constantFrom(undefined, 'debit', 'credit'),
        (value, currency, side) => {
          expect(exportAmount(value, currency)).toBe(reference.amount(value, currency));
          expect(debitCredit(value, currency, side)).toEqual(
            reference.debitCredit(value, currency, side),
          );
          expect(sideOf(value)).toBe(reference.sideOf(value));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
