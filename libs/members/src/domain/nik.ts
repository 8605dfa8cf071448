import type { BusinessDate } from '@lumbung/core';
import { birthDateFromYymmdd } from './birth-date';
import { invalidField } from './field-errors';
import { isIndonesianProvince } from './indonesian-provinces';
import type { Sex } from './sex';

export interface DocumentHolder {
  readonly number: string;
  readonly birthDate: BusinessDate;
  readonly sex: Sex;
}

const field = 'identity.number';

/**
 * An Indonesian NIK, `PPKKCCDDMMYYSSSS`: province, regency and district codes (Kemendagri codes
 * start at 01), birth date with 40 added to the day for women, and a serial from 0001. There is
 * no check digit, so this is as far as a number can be checked without Dukcapil.
 */
export function parseNik(input: string, today: BusinessDate): DocumentHolder {
  const number = input.trim();
  if (!/^\d{16}$/.test(number)) throw invalidField(field, 'a NIK has exactly 16 digits');
  const [province, regency, district, day, month, year, serial] = [
    number.slice(0, 2),
    number.slice(2, 4),
    number.slice(4, 6),
    +number.slice(6, 8),
    number.slice(8, 10),
    number.slice(10, 12),
    number.slice(12),
  ];
  if (!isIndonesianProvince(province)) {
    throw invalidField(field, `${province} is not an Indonesian province code`);
  }
  if (regency === '00' || district === '00') {
    throw invalidField(field, 'regency and district codes start at 01');
  }
  if (serial === '0000') throw invalidField(field, 'the serial starts at 0001');
  const female = day >= 41 && day <= 71;
  if (!female && (day < 1 || day > 31)) {
    throw invalidField(field, 'the day of birth is 01-31, or 41-71 for women');
  }
  const birthDay = String(female ? day - 40 : day).padStart(2, '0');
  const birthDate = birthDateFromYymmdd(year, month, birthDay, today);
  if (!birthDate) throw invalidField(field, 'the birth date in the NIK is not a calendar date');
  return { number, birthDate, sex: female ? 'female' : 'male' };
}
