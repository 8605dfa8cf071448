import { formatAmount, formatMoney } from './statement-money';

describe('money on paper', () => {
  it('groups thousands the Indonesian way and puts rupiah first', () => {
    expect(formatMoney('1234567.00', 'IDR', 'id')).toBe('Rp1.234.567,00');
    expect(formatMoney('0.00', 'IDR', 'id')).toBe('Rp0,00');
    expect(formatMoney('999.50', 'IDR', 'id')).toBe('Rp999,50');
    expect(formatMoney('-1000.00', 'IDR', 'id')).toBe('-Rp1.000,00');
    expect(formatMoney('1234.56', 'USD', 'id')).toBe('USD 1.234,56');
  });

  it('writes English with the ISO code and comma groups', () => {
    expect(formatMoney('1234567.00', 'IDR', 'en')).toBe('IDR 1,234,567.00');
    expect(formatMoney('-250000.00', 'IDR', 'en')).toBe('-IDR 250,000.00');
    expect(formatAmount('1000000000000000.25', 'en')).toBe('1,000,000,000,000,000.25');
  });

  it('moves digits only, so amounts beyond a double stay exact', () => {
    expect(formatAmount('123456789012345678.99', 'id')).toBe('123.456.789.012.345.678,99');
    expect(formatAmount('100', 'id')).toBe('100');
    expect(formatAmount('-0.00', 'id')).toBe('0,00');
  });

  it('refuses anything but a plain decimal string', () => {
    for (const bad of ['1e6', '1,000.00', '', ' 5', 'NaN']) {
      expect(() => formatAmount(bad, 'id')).toThrow(RangeError);
    }
  });
});
