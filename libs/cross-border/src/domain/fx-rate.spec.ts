import { type BusinessDate, InvalidInputError, Money } from '@lumbung/core';
import { convert, type FxRate, FxRateMissingError, parseFxRates } from './fx-rate';

const day = '2026-11-20' as BusinessDate;
const usdIdr: FxRate = {
  id: '01900000-0000-7000-8000-0000000000aa',
  date: day,
  base: 'USD',
  quote: 'IDR',
  rate: '16250.5',
  source: 'Bank Indonesia JISDOR',
};

const fieldsOf = (input: unknown): string[] => {
  try {
    parseFxRates(input, day);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
};

describe('FX conversion', () => {
  it('multiplies base into quote, rounded half-up to the target minor units', () => {
    const converted = convert(Money.parse('100000.00', 'USD'), 'IDR', day, usdIdr);
    expect(converted.to.toString()).toBe('1625050000.00');
    expect(converted.rate).toMatchObject({ id: usdIdr.id, inverted: false, rate: '16250.5' });
    // 0.03 x 16250.5 = 487.515: the half cent goes up.
    expect(convert(Money.parse('0.03', 'USD'), 'IDR', day, usdIdr).to.toString()).toBe('487.52');
  });

  it('divides quote into base at full precision and rounds only the result', () => {
    // 1,000,000 / 16250.5 = 61.5365681055967...
    const back = convert(Money.parse('1000000.00', 'IDR'), 'USD', day, usdIdr);
    expect(back.to.toString()).toBe('61.54');
    expect(back.rate?.inverted).toBe(true);
    // 8,125.25 / 16250.5 = 0.5 exactly: half-up gives 0.50, and 8,125.26 a hair above it.
    expect(convert(Money.parse('8125.25', 'IDR'), 'USD', day, usdIdr).to.toString()).toBe('0.50');
    expect(convert(Money.parse('24.38', 'IDR'), 'USD', day, usdIdr).to.toString()).toBe('0.00');
    expect(convert(Money.parse('81.26', 'IDR'), 'USD', day, usdIdr).to.toString()).toBe('0.01');
  });

  it('needs no rate within one currency', () => {
    const same = convert(Money.parse('5.00', 'IDR'), 'IDR', day, undefined);
    expect(same.to.toString()).toBe('5.00');
    expect(same.rate).toBeNull();
  });

  it('never falls back: no rate, another day’s rate or another pair’s is fx-rate-missing', () => {
    const usd = Money.parse('1.00', 'USD');
    expect(() => convert(usd, 'IDR', day, undefined)).toThrow(FxRateMissingError);
    expect(() => convert(usd, 'IDR', '2026-11-21' as BusinessDate, usdIdr)).toThrow(
      FxRateMissingError,
    );
    expect(() => convert(usd, 'MYR', day, usdIdr)).toThrow(FxRateMissingError);
    try {
      convert(usd, 'MYR', day, undefined);
    } catch (error) {
      expect(error).toMatchObject({
        status: 422,
        slug: 'fx-rate-missing',
        extensions: { from: 'USD', to: 'MYR', date: day },
      });
    }
  });
});

describe('FX rate changes', () => {
  const rate = { date: '2026-11-20', base: 'USD', quote: 'IDR', rate: '16250.5', source: 'BI' };

  it('reads rates at their stated precision', () => {
    expect(parseFxRates({ rates: [{ ...rate, rate: '0.0000615365' }] }, day)).toEqual([
      { ...rate, rate: '0.0000615365' },
    ]);
  });

  it('refuses more than 10 decimals, zero, negatives, exponents and unknown currencies', () => {
    expect(
      fieldsOf({
        rates: [
          { ...rate, rate: '0.00006153656' },
          { ...rate, date: '2026-11-19', rate: '0' },
          { ...rate, date: '2026-11-18', rate: '-16250' },
          { ...rate, date: '2026-11-17', rate: '1e4' },
          { ...rate, date: '2026-11-16', rate: '12345678901' },
          { ...rate, date: '2026-11-15', base: 'XYZ' },
          { ...rate, date: '2026-11-14', quote: 'USD' },
        ],
      }),
    ).toEqual([
      'rates[0].rate',
      'rates[1].rate',
      'rates[2].rate',
      'rates[3].rate',
      'rates[4].rate',
      'rates[5].base',
      'rates[6].quote',
    ]);
  });

  it('refuses a future date, and a pair twice on one day even the other way round', () => {
    expect(fieldsOf({ rates: [{ ...rate, date: '2026-11-21' }] })).toEqual(['rates[0].date']);
    expect(
      fieldsOf({ rates: [rate, { ...rate, base: 'IDR', quote: 'USD', rate: '0.0000615' }] }),
    ).toEqual(['rates[1]']);
    expect(fieldsOf({ rates: [] })).toEqual(['rates']);
  });
});
