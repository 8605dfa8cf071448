import { FieldErrors } from './field-errors';
import { isIndonesianProvince } from './indonesian-provinces';

export const businessSectors = ['agriculture', 'fisheries', 'trade', 'processing'] as const;
export type BusinessSector = (typeof businessSectors)[number];

/**
 * A member's micro or small business, which portfolio reports group by. A business in Indonesia
 * names its province by Kemendagri code (names have too many spellings to group by) and its
 * country is then ID; one abroad names only its country (ISO 3166-1 alpha-2).
 */
export interface BusinessProfile {
  readonly sector: BusinessSector;
  /** Lower case, e.g. chili, leather, rattan, bamboo, coconut, salt. */
  readonly commodity: string | null;
  readonly province: string | null;
  readonly country: string | null;
  readonly exportOriented: boolean;
}

export interface BusinessProfileInput {
  readonly sector?: unknown;
  readonly commodity?: unknown;
  readonly province?: unknown;
  readonly country?: unknown;
  readonly exportOriented?: unknown;
}

const prefix = 'businessProfile';
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** Region codes ICU names that ISO 3166-1 does not assign to a country. */
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'XK', 'ZZ']);

function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && !notCountries.has(value) && !!regionNames.of(value);
}

export function parseBusinessProfile(input: BusinessProfileInput): BusinessProfile {
  const errors = new FieldErrors();
  const sector = input.sector;
  if (!(businessSectors as readonly unknown[]).includes(sector)) {
    errors.add(`${prefix}.sector`, `must be one of ${businessSectors.join(', ')}`);
  }
  const commodity = optionalText(input.commodity)?.toLowerCase().replace(/\s+/g, ' ') ?? null;
  if (commodity !== null && !/^[a-z0-9][a-z0-9 -]{0,59}$/.test(commodity)) {
    errors.add(`${prefix}.commodity`, 'must be 1-60 letters, digits, spaces or hyphens');
  }
  const province = optionalText(input.province);
  if (province !== null && !isIndonesianProvince(province)) {
    errors.add(`${prefix}.province`, 'must be a Kemendagri province code, e.g. 53 for NTT');
  }
  const givenCountry = optionalText(input.country)?.toUpperCase() ?? null;
  if (givenCountry !== null && !isCountryCode(givenCountry)) {
    errors.add(`${prefix}.country`, 'must be an ISO 3166-1 alpha-2 country code');
  } else if (province !== null && givenCountry !== null && givenCountry !== 'ID') {
    errors.add(`${prefix}.country`, 'a business with an Indonesian province is in ID');
  }
  const exportOriented = input.exportOriented ?? false;
  if (typeof exportOriented !== 'boolean') {
    errors.add(`${prefix}.exportOriented`, 'must be true or false');
  }
  errors.throwIfAny('The business profile is not valid');
  return {
    sector: sector as BusinessSector,
    commodity,
    province,
    country: province !== null ? 'ID' : givenCountry,
    exportOriented: exportOriented as boolean,
  };
}

function optionalText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return String(value).trim() || null;
}
