import { type BusinessDate, InvalidInputError } from '@lumbung/core';
import { parseMyKad } from './mykad';

const today = '2026-11-20' as BusinessDate;

function refusal(number: string): string {
  try {
    parseMyKad(number, today);
  } catch (error) {
    const [problem] = (error as InvalidInputError).errors;
    expect(problem.field).toBe('identity.number');
    return problem.message;
  }
  throw new Error(`${number} was accepted`);
}

describe('parseMyKad', () => {
  it('reads the birth date, and the sex from the parity of the last digit', () => {
    expect(parseMyKad('900101-12-5677', today)).toEqual({
      number: '900101125677',
      birthDate: '1990-01-01',
      sex: 'male',
    });
    expect(parseMyKad('900101125678', today)).toMatchObject({ sex: 'female' });
    expect(parseMyKad('050615-10-0010', today)).toMatchObject({
      birthDate: '2005-06-15',
      sex: 'female',
    });
  });

  it('takes hyphens only where the card prints them', () => {
    expect(parseMyKad(' 900101-12-5677 ', today).number).toBe('900101125677');
    for (const written of [
      '900101-125677',
      '9001-01-12-5677',
      '900101 12 5677',
      '900101-12-567-7',
    ]) {
      expect(refusal(written)).toMatch(/12 digits/);
    }
  });

  it('refuses wrong lengths and non-digits', () => {
    for (const written of ['90010112567', '9001011256777', '90010112567A', '']) {
      expect(refusal(written)).toMatch(/12 digits/);
    }
  });

  it('refuses birth dates that do not exist', () => {
    expect(refusal('900230-12-5677')).toMatch(/calendar date/);
    expect(refusal('900229-12-5677')).toMatch(/calendar date/);
    expect(refusal('901301-12-5677')).toMatch(/calendar date/);
    expect(parseMyKad('000229-12-5677', today).birthDate).toBe('2000-02-29');
    expect(parseMyKad('270101-12-5677', today).birthDate).toBe('1927-01-01');
  });

  it('accepts state and foreign-born codes, refuses codes JPN never issues', () => {
    for (const place of [
      '01',
      '14',
      '16',
      '21',
      '47',
      '59',
      '60',
      '61',
      '71',
      '72',
      '82',
      '93',
      '98',
      '99',
    ]) {
      expect(parseMyKad(`900101${place}5677`, today).number).toBe(`900101${place}5677`);
    }
    for (const place of ['00', '17', '18', '19', '20', '69', '70', '73', '80', '81', '94', '97']) {
      expect(refusal(`900101${place}5677`)).toMatch(/place-of-birth/);
    }
  });
});
