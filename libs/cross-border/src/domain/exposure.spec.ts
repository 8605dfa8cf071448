import { Decimal, InvalidInputError } from '@lumbung/core';
import { exposureLines, exposureRefusal, parseExposureLimit } from './exposure';

const partnerId = '01900000-0000-7000-8000-000000000001';

const fieldsOf = (input: object): string[] => {
  try {
    parseExposureLimit(input, 'IDR');
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
};

describe('exposure limits', () => {
  it('reads a partner or a country limit in the functional currency', () => {
    expect(
      parseExposureLimit({ scope: 'partner', partnerId, amount: '2000000000' }, 'IDR'),
    ).toEqual({ scope: 'partner', partnerId, amount: '2000000000.00' });
    expect(parseExposureLimit({ scope: 'country', country: 'TL', amount: '0' }, 'IDR')).toEqual({
      scope: 'country',
      country: 'TL',
      amount: '0.00',
    });
  });

  it('refuses negative amounts, other currencies and mixed scopes', () => {
    expect(fieldsOf({ scope: 'country', country: 'TL', amount: '-1' })).toEqual(['amount']);
    expect(fieldsOf({ scope: 'country', country: 'TL', amount: '1', currency: 'USD' })).toEqual([
      'currency',
    ]);
    expect(fieldsOf({ scope: 'partner', partnerId, country: 'TL', amount: '1' })).toEqual([
      'country',
    ]);
    expect(fieldsOf({ scope: 'region', amount: '1' })).toEqual(['scope', 'partnerId']);
  });
});

describe('exposure against limits and own capital', () => {
  const check = {
    currency: 'IDR',
    ownCapital: new Decimal('10000000000'),
    relatedPartyFraction: '0.10',
    relatedParty: false,
    requested: new Decimal('1625050000'),
    partner: {
      key: partnerId,
      limit: new Decimal('2000000000'),
      current: new Decimal('300000000'),
    },
    country: { key: 'TL', limit: new Decimal('5000000000'), current: new Decimal('300000000') },
  };

  it('gives each line its figures: limit, cap, current, requested, after', () => {
    const [partner, country] = exposureLines(check);
    expect(partner).toEqual({
      scope: 'partner',
      key: partnerId,
      limit: '2000000000.00',
      capitalCap: '10000000000.00',
      allowed: '2000000000.00',
      current: '300000000.00',
      requested: '1625050000.00',
      after: '1925050000.00',
      within: true,
    });
    expect(country.within).toBe(true);
    expect(exposureRefusal([partner, country], 'IDR', check.ownCapital)).toBeNull();
  });

  it('refuses with the figures when the partner limit would be passed', () => {
    const lines = exposureLines({ ...check, requested: new Decimal('1700000000.01') });
    expect(lines.map((l) => l.within)).toEqual([false, true]);
    const refusal = exposureRefusal(lines, 'IDR', check.ownCapital)!;
    expect(refusal).toMatchObject({ status: 422, slug: 'exposure-limit' });
    expect(refusal.extensions).toMatchObject({
      currency: 'IDR',
      ownCapital: '10000000000.00',
      exposure: [
        { scope: 'partner', allowed: '2000000000.00', after: '2000000000.01', within: false },
        { scope: 'country', within: true },
      ],
    });
    expect(refusal.message).toMatch(/partner .* would reach 2000000000.01 IDR/);
  });

  it('allows exactly the limit', () => {
    const lines = exposureLines({ ...check, requested: new Decimal('1700000000') });
    expect(lines.every((l) => l.within)).toBe(true);
  });

  it('caps a related partner at the related-party fraction of own capital', () => {
    const [partner] = exposureLines({ ...check, relatedParty: true });
    expect(partner).toMatchObject({ capitalCap: '1000000000.00', allowed: '1000000000.00' });
    expect(partner.within).toBe(false);
  });

  it('caps any limit at own capital, and treats negative capital as none', () => {
    const small = { ...check, ownCapital: new Decimal('1000000000') };
    expect(exposureLines(small)[1]).toMatchObject({ allowed: '1000000000.00', within: false });
    const none = exposureLines({ ...check, ownCapital: new Decimal('-5') });
    expect(none.map((l) => l.allowed)).toEqual(['0.00', '0.00']);
  });

  it('lends nothing where no limit is set', () => {
    const lines = exposureLines({ ...check, country: { ...check.country, limit: null } });
    expect(lines[1]).toMatchObject({ limit: null, allowed: '0.00', within: false });
    expect(exposureRefusal(lines, 'IDR', check.ownCapital)!.message).toMatch(
      /no country exposure limit is set for TL/,
    );
  });
});
