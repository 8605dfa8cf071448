import { InvalidInputError } from '../errors/problems';
import { Decimal } from './decimal';
import { Money } from './money';
import { roundingRule } from './rounding';

describe('Money', () => {
  it('parses plain decimal strings and serialises at the currency scale', () => {
    expect(Money.parse('1250', 'IDR').toString()).toBe('1250.00');
    expect(Money.parse('-0.5', 'USD').toJSON()).toEqual({ amount: '-0.50', currency: 'USD' });
    expect(Money.parse('7', 'JPY').toString()).toBe('7');
  });

  it.each([['1e3'], ['1.5e2'], [' 12'], ['12,50'], ['+5'], ['0x10'], [''], ['01.5'], ['NaN']])(
    'refuses %p as an amount',
    (raw) => {
      expect(() => Money.parse(raw, 'IDR')).toThrow(InvalidInputError);
    },
  );

  it('refuses numbers, which would have passed through a float', () => {
    expect(() => Money.parse(12.5, 'IDR')).toThrow(InvalidInputError);
  });

  it('refuses more decimals than the currency allows and unknown currencies', () => {
    expect(() => Money.parse('1.001', 'IDR')).toThrow(/more decimals/);
    expect(() => Money.parse('1.5', 'JPY')).toThrow(/more decimals/);
    expect(() => Money.parse('1.00', 'XYZ')).toThrow(/Unknown currency/);
  });

  it('names the offending field', () => {
    try {
      Money.parse('abc', 'IDR', 'postings[1].amount');
      fail('expected a throw');
    } catch (error) {
      expect((error as InvalidInputError).errors[0].field).toBe('postings[1].amount');
    }
  });

  it('does exact arithmetic where floats would not', () => {
    const a = Money.parse('0.10', 'USD');
    const b = Money.parse('0.20', 'USD');
    expect(a.plus(b).toString()).toBe('0.30');
    expect(Money.parse('100000000000000000.01', 'USD').plus(a).toString()).toBe(
      '100000000000000000.11',
    );
  });

  it('refuses mixing currencies', () => {
    expect(() => Money.parse('1', 'IDR').plus(Money.parse('1', 'USD'))).toThrow(RangeError);
  });

  it('rounds products to minor units in the chosen mode', () => {
    const principal = Money.parse('9000000', 'IDR');
    expect(principal.times('0.01', 'half-up').toString()).toBe('90000.00');
    expect(Money.parse('0.05', 'USD').times('0.5', 'half-up').toString()).toBe('0.03');
    expect(Money.parse('0.05', 'USD').times('0.5', 'half-even').toString()).toBe('0.02');
    expect(Money.parse('0.05', 'USD').times('0.5', 'down').toString()).toBe('0.02');
  });

  it('rounds to a cash unit such as Rp100', () => {
    const rule = roundingRule('100', 'half-up');
    expect(Money.parse('840049.99', 'IDR').roundTo(rule).toString()).toBe('840000.00');
    expect(Money.parse('840050', 'IDR').roundTo(rule).toString()).toBe('840100.00');
    expect(Money.parse('-840050', 'IDR').roundTo(rule).toString()).toBe('-840100.00');
    expect(Money.parse('840001', 'IDR').roundTo(roundingRule('100', 'ceiling')).toString()).toBe(
      '840100.00',
    );
  });

  it('keeps Decimal free of exponent notation', () => {
    expect(new Decimal('1e30').toString()).toBe('1000000000000000000000000000000');
    expect(new Decimal('1e-30').toString()).toBe('0.000000000000000000000000000001');
  });
});
