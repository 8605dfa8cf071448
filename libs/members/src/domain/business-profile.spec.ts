import { InvalidInputError } from '@lumbung/core';
import { type BusinessProfileInput, parseBusinessProfile } from './business-profile';

function fields(input: BusinessProfileInput): string[] {
  try {
    parseBusinessProfile(input);
    return [];
  } catch (error) {
    return (error as InvalidInputError).errors.map((e) => e.field);
  }
}

describe('parseBusinessProfile', () => {
  it('takes an Indonesian business by province code, its country then ID', () => {
    expect(
      parseBusinessProfile({ sector: 'agriculture', commodity: ' Red  Chili ', province: '53' }),
    ).toEqual({
      sector: 'agriculture',
      commodity: 'red chili',
      province: '53',
      country: 'ID',
      exportOriented: false,
    });
  });

  it('takes a business abroad by country', () => {
    expect(
      parseBusinessProfile({
        sector: 'processing',
        commodity: 'rattan',
        country: 'my',
        exportOriented: true,
      }),
    ).toEqual({
      sector: 'processing',
      commodity: 'rattan',
      province: null,
      country: 'MY',
      exportOriented: true,
    });
    expect(parseBusinessProfile({ sector: 'fisheries', country: 'TL' }).country).toBe('TL');
  });

  it('names each bad field', () => {
    expect(fields({ sector: 'mining' })).toEqual(['businessProfile.sector']);
    expect(fields({ sector: 'trade', province: 'NTT' })).toEqual(['businessProfile.province']);
    expect(fields({ sector: 'trade', province: '97' })).toEqual(['businessProfile.province']);
    expect(fields({ sector: 'trade', country: 'XX' })).toEqual(['businessProfile.country']);
    expect(fields({ sector: 'trade', country: 'EU' })).toEqual(['businessProfile.country']);
    expect(fields({ sector: 'trade', province: '53', country: 'MY' })).toEqual([
      'businessProfile.country',
    ]);
    expect(fields({ sector: 'trade', commodity: 'salt!' })).toEqual(['businessProfile.commodity']);
    expect(fields({ sector: 'trade', exportOriented: 'yes' })).toEqual([
      'businessProfile.exportOriented',
    ]);
  });
});
