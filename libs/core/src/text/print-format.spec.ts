import {
  formatAmount,
  formatDate,
  formatMoney,
  localDateTime,
  localTimestamp,
  printLanguages,
} from './print-format';

describe('print format', () => {
  it('speaks Indonesian first, English second', () => {
    expect(printLanguages).toEqual(['id', 'en']);
  });

  it('moves separators only, keeping every digit and the sign', () => {
    expect(formatAmount('9876543.21', 'id')).toBe('9.876.543,21');
    expect(formatAmount('9876543.21', 'en')).toBe('9,876,543.21');
    expect(formatAmount('-12.5', 'id')).toBe('-12,5');
    expect(formatAmount('-0', 'en')).toBe('0');
    expect(formatAmount('999', 'en')).toBe('999');
    expect(() => formatAmount('1.000,00', 'id')).toThrow(RangeError);
  });

  it('puts Rp before rupiah in Indonesian and the ISO code otherwise', () => {
    expect(formatMoney('2500.00', 'IDR', 'id')).toBe('Rp2.500,00');
    expect(formatMoney('-2500.00', 'IDR', 'en')).toBe('-IDR 2,500.00');
    expect(formatMoney('10.00', 'SGD', 'id')).toBe('SGD 10,00');
  });

  it('writes dates day first in Indonesian and ISO in English', () => {
    expect(formatDate('2027-02-03', 'id')).toBe('03/02/2027');
    expect(formatDate('2027-02-03', 'en')).toBe('2027-02-03');
  });

  it('reads instants on the cooperative’s clock, across midnight', () => {
    expect(localTimestamp('2027-02-03T17:45:00.000Z', 'Asia/Jayapura')).toBe(
      '2027-02-04 02:45 (Asia/Jayapura)',
    );
    expect(localDateTime('2027-02-03T17:45:00.000Z', 'Asia/Jayapura', 'id')).toBe(
      '04/02/2027 02:45',
    );
    expect(localDateTime('2027-02-03T00:00:00.000Z', 'Asia/Jakarta', 'en')).toBe(
      '2027-02-03 07:00',
    );
  });
});
