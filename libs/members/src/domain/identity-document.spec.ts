import { type BusinessDate, InvalidInputError } from '@lumbung/core';
import { identityNumberCandidates, parseIdentityDocument } from './identity-document';

const today = '2026-11-20' as BusinessDate;

function problems(type: unknown, number: unknown): Array<{ field: string; message: string }> {
  try {
    parseIdentityDocument(type, number, today);
    return [];
  } catch (error) {
    return [...(error as InvalidInputError).errors];
  }
}

describe('parseIdentityDocument', () => {
  it('dispatches on the type and keeps what the number says about its holder', () => {
    expect(parseIdentityDocument('nik', '5371014507900001', today)).toEqual({
      type: 'nik',
      number: '5371014507900001',
      birthDate: '1990-07-05',
      sex: 'female',
    });
    expect(parseIdentityDocument('mykad', '900101-12-5677', today)).toMatchObject({
      type: 'mykad',
      number: '900101125677',
    });
  });

  it('takes a Timor-Leste IDU of exactly 10 digits', () => {
    expect(parseIdentityDocument('tl-idu', ' 0123456789 ', today)).toEqual({
      type: 'tl-idu',
      number: '0123456789',
    });
    for (const number of ['123456789', '12345678901', '12345-6789', 'abcdefghij']) {
      expect(problems('tl-idu', number)).toEqual([
        { field: 'identity.number', message: 'an IDU has exactly 10 digits' },
      ]);
    }
  });

  it('takes bilhete and electoral numbers as free text, trimmed and collapsed', () => {
    expect(parseIdentityDocument('tl-bilhete', '  BI  004/1998\tDili ', today)).toEqual({
      type: 'tl-bilhete',
      number: 'BI 004/1998 Dili',
    });
    expect(parseIdentityDocument('tl-electoral', 'E-123456', today).number).toBe('E-123456');
    expect(parseIdentityDocument('tl-electoral', 'x'.repeat(40), today).number).toHaveLength(40);
    expect(problems('tl-electoral', '   ')[0].message).toMatch(/1-40 characters/);
    expect(problems('tl-electoral', 'x'.repeat(41))[0].message).toMatch(/1-40 characters/);
    expect(problems('tl-bilhete', 'AB\u0000CD')[0].message).toMatch(/printable/);
  });

  it('names identity.type for an unknown type and identity.number for a missing number', () => {
    expect(problems('passport', 'A1234567')).toEqual([
      { field: 'identity.type', message: expect.stringMatching(/nik, mykad/) },
    ]);
    expect(problems('nik', undefined)).toEqual([
      { field: 'identity.number', message: 'must be a string' },
    ]);
    expect(problems('nik', 5371014507900001)[0].field).toBe('identity.number');
  });
});

describe('identityNumberCandidates', () => {
  it('searches digits written with hyphens or spaces as the bare digits too', () => {
    expect(identityNumberCandidates('900101-12-5677')).toEqual(['900101-12-5677', '900101125677']);
    expect(identityNumberCandidates(' 5371 0145 0790 0001 ')).toEqual([
      '5371 0145 0790 0001',
      '5371014507900001',
    ]);
    expect(identityNumberCandidates('5371014507900001')).toEqual(['5371014507900001']);
    expect(identityNumberCandidates('BI  004/1998')).toEqual(['BI 004/1998']);
  });
});
