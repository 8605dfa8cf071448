import type { BusinessDate } from '@lumbung/core';
import { invalidField } from './field-errors';
import { parseMyKad } from './mykad';
import { parseNik } from './nik';
import type { Sex } from './sex';

/**
 * Documents a member may register with: the Indonesian NIK, the Malaysian MyKad, and in
 * Timor-Leste the national unique id (IDU/NIU), the older Bilhete de Identidade and the
 * electoral card.
 */
export const identityTypes = ['nik', 'mykad', 'tl-idu', 'tl-bilhete', 'tl-electoral'] as const;
export type IdentityType = (typeof identityTypes)[number];

export interface IdentityDocument {
  readonly type: IdentityType;
  /** As stored: digits only for NIK, MyKad and IDU; trimmed with single spaces otherwise. */
  readonly number: string;
  /** What the number itself says about its holder (NIK and MyKad only). */
  readonly birthDate?: BusinessDate;
  readonly sex?: Sex;
}

const field = 'identity.number';
const maxFreeTextLength = 40;

function isIdentityType(value: unknown): value is IdentityType {
  return typeof value === 'string' && (identityTypes as readonly string[]).includes(value);
}

/** `today` is the cooperative's business date: no one registers with a birth date after it. */
export function parseIdentityDocument(
  type: unknown,
  number: unknown,
  today: BusinessDate,
): IdentityDocument {
  if (!isIdentityType(type)) {
    throw invalidField('identity.type', `must be one of ${identityTypes.join(', ')}`);
  }
  if (typeof number !== 'string') throw invalidField(field, 'must be a string');
  switch (type) {
    case 'nik':
      return { type, ...parseNik(number, today) };
    case 'mykad':
      return { type, ...parseMyKad(number, today) };
    case 'tl-idu':
      return { type, number: parseIdu(number) };
    case 'tl-bilhete':
    case 'tl-electoral':
      return { type, number: parseFreeText(number) };
  }
}

function parseIdu(input: string): string {
  const number = input.trim();
  if (!/^\d{10}$/.test(number)) throw invalidField(field, 'an IDU has exactly 10 digits');
  return number;
}

/** These documents have no published format: keep what is printed, minus stray whitespace. */
function parseFreeText(input: string): string {
  const number = collapseWhitespace(input);
  if (number.length === 0 || number.length > maxFreeTextLength) {
    throw invalidField(field, `must be 1-${maxFreeTextLength} characters`);
  }
  if (!/^[\p{L}\p{N}\p{P}\p{S} ]+$/u.test(number)) {
    throw invalidField(field, 'must be printable characters only');
  }
  return number;
}

export function collapseWhitespace(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/**
 * The stored forms a search text could be an identity number in: itself with whitespace
 * collapsed (free-text documents) and, when it is digits with spaces or hyphens, the bare digits
 * (a MyKad written with hyphens, a NIK written in groups).
 */
export function identityNumberCandidates(query: string): string[] {
  const text = collapseWhitespace(query);
  const digits = text.replace(/[\s-]/g, '');
  return /^\d+$/.test(digits) && digits !== text ? [text, digits] : [text];
}
