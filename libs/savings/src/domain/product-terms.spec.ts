import { InvalidInputError } from '@lumbung/core';
import { parseProductTerms } from './product-terms';

function fieldsOf(work: () => unknown): string[] {
  try {
    work();
    return [];
  } catch (error) {
    return (error as InvalidInputError).errors.map((e) => e.field);
  }
}

const sukarela = {
  annualRate: '0.04',
  rateRange: { min: '0.02', max: '0.06' },
  minimumBalance: '10000',
  dayCount: 'actual/365',
  dormantAfterDays: 365,
  withholding: null,
};

describe('savings product terms', () => {
  it('normalises pokok and wajib amounts to the currency scale', () => {
    expect(parseProductTerms('pokok', { amount: '100000' }, 'IDR')).toEqual({
      amount: '100000.00',
    });
    expect(parseProductTerms('wajib', { amount: '25' }, 'USD')).toEqual({ amount: '25.00' });
  });

  it('refuses a zero, negative or over-precise amount', () => {
    expect(fieldsOf(() => parseProductTerms('pokok', { amount: '0' }, 'IDR'))).toEqual([
      'terms.amount',
    ]);
    expect(fieldsOf(() => parseProductTerms('wajib', { amount: '-5' }, 'IDR'))).toEqual([
      'terms.amount',
    ]);
    expect(fieldsOf(() => parseProductTerms('wajib', { amount: '1.005' }, 'USD'))).toEqual([
      'terms.amount',
    ]);
  });

  it('accepts a voluntary product inside the meeting range and under the 9% cap', () => {
    expect(parseProductTerms('sukarela', sukarela, 'IDR')).toEqual({
      ...sukarela,
      minimumBalance: '10000.00',
    });
  });

  it('refuses a rate above 9% or outside the approved range', () => {
    expect(
      fieldsOf(() =>
        parseProductTerms(
          'sukarela',
          { ...sukarela, annualRate: '0.095', rateRange: { min: '0.02', max: '0.10' } },
          'IDR',
        ),
      ),
    ).toEqual(['terms.annualRate', 'terms.rateRange.max']);
    expect(
      fieldsOf(() => parseProductTerms('sukarela', { ...sukarela, annualRate: '0.07' }, 'IDR')),
    ).toEqual(['terms.annualRate']);
  });

  it('names nested withholding fields and bad enumerations', () => {
    expect(
      fieldsOf(() =>
        parseProductTerms(
          'sukarela',
          { ...sukarela, dayCount: 'act/act', withholding: { rate: 'ten', threshold: '-1' } },
          'IDR',
        ),
      ),
    ).toEqual(['terms.dayCount', 'terms.withholding.rate', 'terms.withholding.threshold']);
  });

  it('takes a withholding tax rate above the 9% interest cap, but below one', () => {
    const withholding = { rate: '0.10', threshold: '240000' };
    expect(parseProductTerms('sukarela', { ...sukarela, withholding }, 'IDR')).toMatchObject({
      withholding: { rate: '0.1', threshold: '240000.00' },
    });
    expect(
      fieldsOf(() =>
        parseProductTerms(
          'sukarela',
          { ...sukarela, withholding: { ...withholding, rate: '1' } },
          'IDR',
        ),
      ),
    ).toEqual(['terms.withholding.rate']);
  });

  it('checks a time deposit’s term, penalty and maturity instruction', () => {
    const berjangka = {
      annualRate: '0.06',
      rateRange: { min: '0.05', max: '0.08' },
      termMonths: 12,
      minimumAmount: '1000000',
      earlyWithdrawalPenaltyRate: '0.01',
      maturityInstruction: 'roll-over',
    };
    expect(parseProductTerms('berjangka', berjangka, 'IDR')).toMatchObject({
      termMonths: 12,
      minimumAmount: '1000000.00',
    });
    expect(
      fieldsOf(() =>
        parseProductTerms(
          'berjangka',
          { ...berjangka, termMonths: 0, maturityInstruction: 'cash' },
          'IDR',
        ),
      ),
    ).toEqual(['terms.termMonths', 'terms.maturityInstruction']);
  });
});
