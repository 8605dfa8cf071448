import { Decimal } from '@lumbung/core';
import { numericTransformer } from './numeric-transformer';

describe('numericTransformer', () => {
  it('reads NUMERIC text into Decimal without passing through a number', () => {
    const big = '123456789012345678.99';
    expect((numericTransformer.from(big) as Decimal).toFixed(2)).toBe(big);
    expect(numericTransformer.from(null)).toBeNull();
  });

  it('writes Decimal as plain text, never in exponent form', () => {
    expect(numericTransformer.to(new Decimal('1e21'))).toBe('1000000000000000000000');
    expect(numericTransformer.to(new Decimal('0.0000001'))).toBe('0.0000001');
    expect(numericTransformer.to('100.50')).toBe('100.50');
    expect(numericTransformer.to(undefined)).toBeUndefined();
  });
});
