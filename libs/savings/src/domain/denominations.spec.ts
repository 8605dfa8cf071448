import { countableCurrencies, denominationsOf, matchDenomination } from './denominations';

describe('denominations', () => {
  it('lists IDR notes and coins largest first, Rp1,000 once', () => {
    expect(denominationsOf('IDR')).toEqual([
      '100000',
      '50000',
      '20000',
      '10000',
      '5000',
      '2000',
      '1000',
      '500',
      '200',
      '100',
    ]);
  });

  it('knows the US dollar and the ringgit, and no other currency', () => {
    expect(countableCurrencies()).toEqual(['IDR', 'USD', 'MYR']);
    expect(denominationsOf('USD')).toContain('0.25');
    expect(denominationsOf('MYR')).not.toContain('2');
    expect(denominationsOf('SGD')).toBeUndefined();
  });

  it('matches a denomination by value, answering in the listed form', () => {
    expect(matchDenomination('USD', '0.5')).toBe('0.50');
    expect(matchDenomination('IDR', '100000.00')).toBe('100000');
    expect(matchDenomination('MYR', '0.01')).toBeUndefined();
    expect(matchDenomination('IDR', '75000')).toBeUndefined();
  });

  it('matches only plain decimal strings', () => {
    for (const odd of ['1e5', '0x64', ' 100', 100, null, undefined, 'Infinity']) {
      expect(matchDenomination('IDR', odd)).toBeUndefined();
    }
  });
});
