import { Money } from '@lumbung/core';
import { cashFor } from './cash-rounding';

describe('cash rounding', () => {
  const idr = (value: string) => Money.parse(value, 'IDR');

  it('rounds half-up to the cash unit', () => {
    expect(cashFor(idr('150049.00'), '100').toString()).toBe('150000.00');
    expect(cashFor(idr('150050.00'), '100').toString()).toBe('150100.00');
    expect(cashFor(idr('151232.88'), '100').toString()).toBe('151200.00');
  });

  it('leaves the amount alone without a unit or on the unit', () => {
    expect(cashFor(idr('150049.37'), null).toString()).toBe('150049.37');
    expect(cashFor(idr('150000.00'), '100').toString()).toBe('150000.00');
  });
});
