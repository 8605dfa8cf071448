import { Decimal, InvalidInputError } from '@lumbung/core';
import { parseFacilityRequest, scheduleTermsOf, supervisorNeed } from './facility';

const request = {
  partnerId: '01900000-0000-7000-8000-000000000001',
  agreementId: '01900000-0000-7000-8000-000000000002',
  currency: 'USD',
  limit: '100000.00',
  instalments: 24,
  purpose: 'Modal kerja petani kopi Ermera',
  sector: 'agriculture',
  commodity: 'Coffee',
  terms: { method: 'annuity', ratePer: 'year', rate: '0.08' },
};

const fieldsOf = (input: object): string[] => {
  try {
    parseFacilityRequest(input);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
};

describe('facility requests', () => {
  it('reads a USD facility under a financing program', () => {
    const parsed = parseFacilityRequest(request);
    expect(parsed).toMatchObject({ program: 'financing', currency: 'USD', commodity: 'coffee' });
    expect(parsed.limit.toString()).toBe('100000.00');
  });

  it('lends in USD, MYR or IDR only', () => {
    expect(fieldsOf({ ...request, currency: 'XYZ' })).toEqual(['currency']);
    expect(fieldsOf({ ...request, currency: 'SGD' })).toEqual(['currency']);
    expect(fieldsOf({ ...request, currency: 'MYR' })).toEqual([]);
  });

  it('refuses negative or zero limits, a borrower that is no id, unknown terms', () => {
    expect(fieldsOf({ ...request, limit: '-100.00' })).toEqual(['limit']);
    expect(fieldsOf({ ...request, limit: '0' })).toEqual(['limit']);
    expect(fieldsOf({ ...request, limit: '1.001' })).toEqual(['limit']);
    expect(fieldsOf({ ...request, partnerId: 'Maria Bere' })).toEqual(['partnerId']);
    expect(fieldsOf({ ...request, terms: { ...request.terms, fees: [] } })).toEqual(['terms.fees']);
    expect(fieldsOf({ ...request, program: 'training' })).toEqual(['program']);
  });

  it('hands the schedule engine the facility’s one term and amount as both bounds', () => {
    expect(scheduleTermsOf(request)).toEqual({
      method: 'annuity',
      ratePer: 'year',
      rate: '0.08',
      maxRate: '0.08',
      minTerm: 24,
      maxTerm: 24,
      minAmount: '100000.00',
      maxAmount: '100000.00',
      fees: [],
      penalty: null,
    });
  });
});

describe('who co-approves', () => {
  it('a supervisor for a related partner or above the threshold', () => {
    const base = { relatedParty: false, functionalEquivalent: new Decimal('500000000') };
    expect(supervisorNeed({ ...base, threshold: '500000000.00' }).needed).toBe(false);
    expect(supervisorNeed({ ...base, threshold: '499999999.99' }).needed).toBe(true);
    expect(supervisorNeed({ ...base, relatedParty: true, threshold: '1000000000' })).toEqual({
      needed: true,
      reasons: ['the partner is a related party'],
    });
  });

  it('a supervisor always while no threshold is set', () => {
    expect(
      supervisorNeed({ relatedParty: false, functionalEquivalent: new Decimal(1), threshold: null })
        .needed,
    ).toBe(true);
  });
});
