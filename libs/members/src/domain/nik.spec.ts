import { type BusinessDate, InvalidInputError } from '@lumbung/core';
import { parseNik } from './nik';

const today = '2026-11-20' as BusinessDate;

function refusal(nik: string): string {
  try {
    parseNik(nik, today);
  } catch (error) {
    const [problem] = (error as InvalidInputError).errors;
    expect(problem.field).toBe('identity.number');
    return problem.message;
  }
  throw new Error(`${nik} was accepted`);
}

describe('parseNik', () => {
  it('reads a man and a woman (day + 40) born in Kupang, NTT', () => {
    expect(parseNik('5371010507900001', today)).toEqual({
      number: '5371010507900001',
      birthDate: '1990-07-05',
      sex: 'male',
    });
    expect(parseNik(' 5371014507900001 ', today)).toEqual({
      number: '5371014507900001',
      birthDate: '1990-07-05',
      sex: 'female',
    });
    expect(parseNik('7371017112850123', today)).toMatchObject({ birthDate: '1985-12-31' });
  });

  it('chooses the century that puts the birth date on or before the business date', () => {
    expect(parseNik('5371010101260001', today).birthDate).toBe('2026-01-01');
    expect(parseNik('5371010112260001', today).birthDate).toBe('1926-12-01');
    expect(parseNik('5371012011260001', today).birthDate).toBe('2026-11-20');
    expect(parseNik('5371012111260001', today).birthDate).toBe('1926-11-21');
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseNik('5371012902920001', today).birthDate).toBe('1992-02-29');
    expect(parseNik('5371016902000001', today)).toMatchObject({
      birthDate: '2000-02-29',
      sex: 'female',
    });
    expect(refusal('5371012902900001')).toMatch(/not a calendar date/);
    expect(refusal('5371016902900001')).toMatch(/not a calendar date/);
  });

  it('refuses dates that do not exist', () => {
    expect(refusal('5371013102900001')).toMatch(/not a calendar date/);
    expect(refusal('5371017102900001')).toMatch(/not a calendar date/);
    expect(refusal('5371010513900001')).toMatch(/not a calendar date/);
    expect(refusal('5371010500900001')).toMatch(/not a calendar date/);
    for (const day of ['00', '32', '40', '72', '99']) {
      expect(refusal(`537101${day}07900001`)).toMatch(/day of birth/);
    }
  });

  it('refuses province codes that are not Indonesian provinces', () => {
    for (const province of ['00', '10', '20', '22', '54', '77', '83', '97', '99']) {
      expect(refusal(`${province}71010507900001`)).toMatch(/province/);
    }
    for (const province of ['11', '19', '21', '36', '51', '65', '76', '82', '91', '96']) {
      expect(parseNik(`${province}71010507900001`, today).sex).toBe('male');
    }
  });

  it('refuses regency or district 00 and serial 0000', () => {
    expect(refusal('5300010507900001')).toMatch(/regency and district/);
    expect(refusal('5371000507900001')).toMatch(/regency and district/);
    expect(refusal('5371010507900000')).toMatch(/serial/);
    expect(parseNik('5371010507909999', today).number).toBe('5371010507909999');
  });

  it('refuses anything but 16 digits', () => {
    for (const nik of [
      '537101050790001',
      '53710105079000011',
      '53710105079000O1',
      '5371 0105 0790 0001',
      '',
    ]) {
      expect(refusal(nik)).toMatch(/16 digits/);
    }
  });
});
