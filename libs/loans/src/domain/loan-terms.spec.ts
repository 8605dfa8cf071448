import { InvalidInputError } from '@lumbung/core';
import { annualRate, parseLoanTerms, periodRate } from './loan-terms';

function fieldsOf(work: () => unknown): string[] {
  try {
    work();
    return [];
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return error.errors.map((e) => e.field);
  }
}

const minimal = {
  method: 'flat',
  ratePer: 'month',
  rate: '0.01',
  maxRate: '0.02',
  minTerm: 3,
  maxTerm: 36,
  minAmount: '1000000',
  maxAmount: '50000000',
};

describe('loan product terms', () => {
  it('fills in the defaults and puts money at the currency scale', () => {
    expect(parseLoanTerms(minimal, 'IDR')).toEqual({
      ...minimal,
      minAmount: '1000000.00',
      maxAmount: '50000000.00',
      frequency: { unit: 'month', every: 1 },
      dayCount: '30/360',
      graceInstalments: 0,
      fees: [],
      penalty: null,
      allocationOrder: ['penalty', 'fees', 'interest', 'principal'],
      flatPayoff: 'current-period-interest',
      roundingUnit: '1',
      holidayRule: 'none',
      prepayment: true,
      memorandumOnNonPerforming: true,
    });
  });

  it('keeps every setting a product gives', () => {
    const full = {
      ...minimal,
      method: 'annuity',
      ratePer: 'year',
      rate: '0.12',
      maxRate: '0.18',
      frequency: { unit: 'week', every: 2 },
      dayCount: 'actual/365',
      graceInstalments: 2,
      fees: [
        { kind: 'provisi', basis: 'percent', value: '0.01', treatment: 'deducted' },
        { kind: 'administrasi', basis: 'fixed', value: '50000', treatment: 'financed' },
      ],
      penalty: { basis: 'rate', value: '0.001', per: 'day', graceDays: 3 },
      allocationOrder: ['interest', 'principal', 'penalty', 'fees'],
      flatPayoff: 'rule-of-78',
      roundingUnit: '100',
      holidayRule: 'next-business-day',
      prepayment: false,
      memorandumOnNonPerforming: false,
    };
    const terms = parseLoanTerms(full, 'IDR');
    expect(terms.fees[1].value).toBe('50000.00');
    expect(terms).toMatchObject({
      ...full,
      minAmount: '1000000.00',
      maxAmount: '50000000.00',
      fees: expect.any(Array),
    });
  });

  it('names the rate when it is above the maximum', () => {
    expect(fieldsOf(() => parseLoanTerms({ ...minimal, rate: '0.03' }, 'IDR'))).toEqual([
      'terms.rate',
    ]);
  });

  it('takes the rate as the maximum when none is given', () => {
    const { maxRate: _ignored, ...withoutMax } = minimal;
    expect(parseLoanTerms(withoutMax, 'IDR').maxRate).toBe('0.01');
  });

  it('refuses a minimum term above the maximum and amounts the wrong way round', () => {
    expect(
      fieldsOf(() =>
        parseLoanTerms(
          { ...minimal, minTerm: 12, maxTerm: 6, minAmount: '5000000', maxAmount: '100' },
          'IDR',
        ),
      ),
    ).toEqual(['terms.maxTerm', 'terms.maxAmount']);
  });

  it('names each bad field, nested ones with their path', () => {
    expect(
      fieldsOf(() =>
        parseLoanTerms(
          {
            ...minimal,
            method: 'balloon',
            ratePer: 'day',
            rate: '1%',
            frequency: { unit: 'fortnight', every: 13 },
            minTerm: 0,
            maxTerm: 521,
            minAmount: '-1',
            maxAmount: '10.001',
            dayCount: 'actual/360',
            fees: [
              { kind: 'provisi', basis: 'percent', value: '1.5', treatment: 'deducted' },
              { kind: 'materai', basis: 'fixed', value: '-5', treatment: 'later' },
            ],
            penalty: { basis: 'percent', value: 'x', per: 'month', graceDays: -1 },
            allocationOrder: ['principal', 'interest', 'principal', 'fees'],
            flatPayoff: 'rule-of-79',
            roundingUnit: '0.001',
            holidayRule: 'previous',
            prepayment: 'yes',
          },
          'IDR',
        ),
      ),
    ).toEqual([
      'terms.method',
      'terms.ratePer',
      'terms.rate',
      'terms.frequency.unit',
      'terms.frequency.every',
      'terms.minTerm',
      'terms.maxTerm',
      'terms.minAmount',
      'terms.maxAmount',
      'terms.dayCount',
      'terms.fees[0].value',
      'terms.fees[1].kind',
      'terms.fees[1].value',
      'terms.fees[1].treatment',
      'terms.penalty.basis',
      'terms.penalty.value',
      'terms.penalty.per',
      'terms.penalty.graceDays',
      'terms.allocationOrder',
      'terms.flatPayoff',
      'terms.roundingUnit',
      'terms.holidayRule',
      'terms.prepayment',
    ]);
  });

  it('needs at least one instalment of principal after the interest-only ones', () => {
    expect(fieldsOf(() => parseLoanTerms({ ...minimal, graceInstalments: 3 }, 'IDR'))).toEqual([
      'terms.graceInstalments',
    ]);
    expect(parseLoanTerms({ ...minimal, graceInstalments: 2 }, 'IDR').graceInstalments).toBe(2);
  });

  it('refuses input that is not an object with every required field named', () => {
    expect(fieldsOf(() => parseLoanTerms('flat', 'IDR'))).toEqual([
      'terms.method',
      'terms.ratePer',
      'terms.rate',
      'terms.minTerm',
      'terms.maxTerm',
      'terms.minAmount',
      'terms.maxAmount',
    ]);
  });

  it('scales the nominal rate to the instalment period', () => {
    const monthly = { ratePer: 'month', frequency: { unit: 'month', every: 1 } } as const;
    expect(periodRate(monthly, '0.01').toString()).toBe('0.01');
    expect(
      periodRate({ ...monthly, frequency: { unit: 'month', every: 3 } }, '0.01').toString(),
    ).toBe('0.03');
    expect(periodRate({ ...monthly, ratePer: 'year' }, '0.12').toString()).toBe('0.01');
    // Weekly: 36.5% a year x 7/365 = 0.7% a week; 1% a month is 12% a year first.
    expect(
      periodRate({ ratePer: 'year', frequency: { unit: 'week', every: 1 } }, '0.365').toString(),
    ).toBe('0.007');
    expect(
      periodRate({ ratePer: 'month', frequency: { unit: 'week', every: 2 } }, '0.01').toFixed(10),
    ).toBe('0.0046027397');
    expect(annualRate({ ratePer: 'month' }, '0.015').toString()).toBe('0.18');
  });
});
