import { type BusinessDate, isBusinessDate } from '@lumbung/core';
import {
  type BusinessProfile,
  type BusinessProfileInput,
  parseBusinessProfile,
} from './business-profile';
import { FieldErrors, invalidField } from './field-errors';
import {
  collapseWhitespace,
  type IdentityDocument,
  parseIdentityDocument,
} from './identity-document';
import { isSex, type Sex } from './sex';

export interface RegistrationInput {
  readonly fullName?: unknown;
  readonly identity?: { readonly type?: unknown; readonly number?: unknown };
  readonly birthDate?: unknown;
  readonly sex?: unknown;
  readonly phone?: unknown;
  readonly address?: unknown;
  readonly businessProfile?: BusinessProfileInput | null;
}

export interface Registration {
  readonly fullName: string;
  readonly identity: IdentityDocument;
  readonly birthDate: BusinessDate | null;
  readonly sex: Sex | null;
  readonly phone: string | null;
  readonly address: string | null;
  readonly businessProfile: BusinessProfile | null;
}

/** A contact change: undefined keeps the stored value, null clears it. */
export interface ContactChange {
  readonly phone?: string | null;
  readonly address?: string | null;
}

const earliestBirthDate = '1900-01-01';

/**
 * Everything wrong with a registration at once. Where the identity number carries a birth date
 * and sex (NIK, MyKad), those are taken from it; stated ones must agree with it.
 */
export function parseRegistration(input: RegistrationInput, today: BusinessDate): Registration {
  const errors = new FieldErrors();
  const fullName = errors.check(() => parseFullName(input.fullName));
  const identity = errors.check(() =>
    parseIdentityDocument(input.identity?.type, input.identity?.number, today),
  );
  const statedBirthDate = errors.check(() => parseBirthDate(input.birthDate, today));
  const statedSex = errors.check(() => parseSex(input.sex));
  if (identity?.birthDate && statedBirthDate && statedBirthDate !== identity.birthDate) {
    errors.add('birthDate', `does not match the identity number, which says ${identity.birthDate}`);
  }
  if (identity?.sex && statedSex && statedSex !== identity.sex) {
    errors.add('sex', `does not match the identity number, which says ${identity.sex}`);
  }
  const contact = errors.check(() => parseContact({ phone: input.phone, address: input.address }));
  const businessProfile =
    input.businessProfile == null
      ? null
      : (errors.check(() => parseBusinessProfile(input.businessProfile!)) ?? null);
  errors.throwIfAny('The registration is not valid');
  return {
    fullName: fullName!,
    identity: identity!,
    birthDate: identity!.birthDate ?? statedBirthDate ?? null,
    sex: identity!.sex ?? statedSex ?? null,
    phone: contact?.phone ?? null,
    address: contact?.address ?? null,
    businessProfile,
  };
}

function parseFullName(value: unknown): string {
  if (typeof value !== 'string') throw invalidField('fullName', 'must be a string');
  const name = collapseWhitespace(value);
  if (name.length === 0 || name.length > 200)
    throw invalidField('fullName', 'must be 1-200 characters');
  if (!/\p{L}/u.test(name) || /\p{C}/u.test(name)) {
    throw invalidField('fullName', 'must be a name: letters, without control characters');
  }
  return name;
}

function parseBirthDate(value: unknown, today: BusinessDate): BusinessDate | null {
  if (value === undefined || value === null) return null;
  if (!isBusinessDate(value)) throw invalidField('birthDate', 'must be a date YYYY-MM-DD');
  if (value > today || value < earliestBirthDate) {
    throw invalidField('birthDate', `must lie between ${earliestBirthDate} and ${today}`);
  }
  return value;
}

function parseSex(value: unknown): Sex | null {
  if (value === undefined || value === null) return null;
  if (!isSex(value)) throw invalidField('sex', 'must be female or male');
  return value;
}

/** Phone numbers keep their digits and a leading +; separators people type are dropped. */
export function parseContact(input: { phone?: unknown; address?: unknown }): ContactChange {
  const errors = new FieldErrors();
  const phone = errors.check(() => parseOptional(input.phone, 'phone', parsePhone));
  const address = errors.check(() => parseOptional(input.address, 'address', parseAddress));
  errors.throwIfAny('The contact details are not valid');
  return { phone, address };
}

function parseOptional<T>(
  value: unknown,
  field: string,
  parse: (text: string) => T,
): T | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') throw invalidField(field, 'must be a string');
  return parse(value);
}

function parsePhone(value: string): string {
  const phone = value.trim().replace(/[\s().-]/g, '');
  if (!/^\+?\d{6,15}$/.test(phone)) {
    throw invalidField('phone', 'must be 6-15 digits, optionally after a +');
  }
  return phone;
}

function parseAddress(value: string): string {
  const address = collapseWhitespace(value);
  if (address.length === 0 || address.length > 500) {
    throw invalidField('address', 'must be 1-500 characters');
  }
  if (/\p{C}/u.test(address)) throw invalidField('address', 'must not contain control characters');
  return address;
}
