import type { BusinessDate } from '@lumbung/core';
import { birthDateFromYymmdd } from './birth-date';
import { invalidField } from './field-errors';
import type { DocumentHolder } from './nik';

const field = 'identity.number';

/**
 * Place-of-birth codes JPN never issues: 00, 17-20 and, among the foreign-born codes 60-99,
 * 69, 70, 73, 80, 81 and 94-97. 01-16 and 21-59 are states and federal territories; 71 and 72
 * are still on the cards of people born abroad before the country codes came in.
 */
const unissuedPlaces = new Set([0, 17, 18, 19, 20, 69, 70, 73, 80, 81, 94, 95, 96, 97]);

/**
 * A Malaysian MyKad number, `YYMMDD-PB-###G`, stored as its 12 digits: birth date,
 * place-of-birth code, serial; the last digit is odd for men and even for women. No checksum.
 */
export function parseMyKad(input: string, today: BusinessDate): DocumentHolder {
  const written = input.trim();
  if (!/^(\d{12}|\d{6}-\d{2}-\d{4})$/.test(written)) {
    throw invalidField(
      field,
      'a MyKad number has 12 digits, written YYMMDDPBNNNG or YYMMDD-PB-NNNG',
    );
  }
  const number = written.replace(/-/g, '');
  const birthDate = birthDateFromYymmdd(
    number.slice(0, 2),
    number.slice(2, 4),
    number.slice(4, 6),
    today,
  );
  if (!birthDate) throw invalidField(field, 'the birth date in the MyKad is not a calendar date');
  const place = +number.slice(6, 8);
  if (unissuedPlaces.has(place)) {
    throw invalidField(field, `${number.slice(6, 8)} is not a place-of-birth code JPN issues`);
  }
  return { number, birthDate, sex: +number.slice(11) % 2 === 1 ? 'male' : 'female' };
}
