import { type BusinessDate, InvalidInputError } from '@lumbung/core';
import { inForce, parseAgreement } from './agreement';

const today = '2026-11-20' as BusinessDate;
const partnerId = '01900000-0000-7000-8000-000000000001';
const sabah = {
  partnerId,
  reference: 'PKS/MKS-SBH/2026/01',
  title: 'Rumah Produksi Bersama rotan Sabah',
  signedOn: '2026-10-01',
  effectiveFrom: '2026-10-01',
  effectiveTo: '2029-09-30',
  programs: [
    { kind: 'shared-production-house', commodities: [' Rattan', 'bamboo', 'rattan'] },
    { kind: 'training' },
  ],
};

const fieldsOf = (input: object): string[] => {
  try {
    parseAgreement(input, today);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
};

describe('cooperation agreements', () => {
  it('reads programs with their commodities, lower case and once each', () => {
    const agreement = parseAgreement(sabah, today);
    expect(agreement.renewal).toBe('none');
    expect(agreement.renewalMonths).toBeNull();
    expect(agreement.programs).toEqual([
      { kind: 'shared-production-house', commodities: ['rattan', 'bamboo'] },
      { kind: 'training', commodities: [] },
    ]);
  });

  it('refuses a period backwards, a signature in the future, a program twice', () => {
    expect(
      fieldsOf({
        ...sabah,
        signedOn: '2026-12-01',
        effectiveTo: '2026-01-01',
        programs: [{ kind: 'training' }, { kind: 'training' }, { kind: 'tourism' }],
      }),
    ).toEqual(['signedOn', 'effectiveTo', 'programs[1].kind', 'programs[2].kind']);
  });

  it('asks renewal months with automatic renewal only', () => {
    expect(fieldsOf({ ...sabah, renewal: 'automatic' })).toEqual(['renewalMonths']);
    expect(fieldsOf({ ...sabah, renewalMonths: 12 })).toEqual(['renewalMonths']);
    expect(
      parseAgreement({ ...sabah, renewal: 'automatic', renewalMonths: 12 }, today),
    ).toMatchObject({ renewal: 'automatic', renewalMonths: 12 });
  });

  it('is in force inside its period, and after it only when it renews itself', () => {
    const period = {
      effectiveFrom: '2026-10-01' as BusinessDate,
      effectiveTo: '2027-09-30' as BusinessDate,
    };
    expect(inForce({ ...period, renewal: 'none' }, '2026-09-30' as BusinessDate)).toBe(false);
    expect(inForce({ ...period, renewal: 'none' }, '2026-10-01' as BusinessDate)).toBe(true);
    expect(inForce({ ...period, renewal: 'none' }, '2027-09-30' as BusinessDate)).toBe(true);
    expect(inForce({ ...period, renewal: 'none' }, '2027-10-01' as BusinessDate)).toBe(false);
    expect(inForce({ ...period, renewal: 'by-amendment' }, '2027-10-01' as BusinessDate)).toBe(
      false,
    );
    expect(inForce({ ...period, renewal: 'automatic' }, '2031-01-01' as BusinessDate)).toBe(true);
  });
});
