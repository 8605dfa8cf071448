import { InvalidInputError } from '../errors/problems';
import { addDays, type BusinessDate, businessDate, compareDates } from '../time/business-date';
import { csvRecords, inertText } from './csv';

/** `number` columns hold plain decimal text or nothing (''); everything else is `text`. */
export type ListingColumnKind = 'text' | 'number';

export interface ListingColumn {
  readonly name: string;
  readonly kind: ListingColumnKind;
}

export const textColumn = (name: string): ListingColumn => ({ name, kind: 'text' });
export const numberColumn = (name: string): ListingColumn => ({ name, kind: 'number' });

/**
 * A listing for auditors as rows of text under named columns, so one definition feeds the CSV
 * and the spreadsheet alike; `facts` say what it is (cooperative, date, when it was read) where a
 * format has room for them.
 */
export interface Listing {
  /** What a spreadsheet calls the listing's worksheet (at most 31 characters). */
  readonly title: string;
  readonly facts: readonly (readonly [string, string])[];
  readonly columns: readonly ListingColumn[];
  readonly rows: readonly (readonly string[])[];
}

/** What a listing says about itself, in its spreadsheet's About sheet. */
export interface ListingContext {
  readonly cooperative: { readonly code: string; readonly name: string };
  /** When the snapshot was read (ISO 8601). */
  readonly readAt: string;
  /**
   * Identity numbers in full (the auditor's member listing), masked (every other listing that
   * shows them), or none shown.
   */
  readonly identityNumbers: 'full' | 'masked' | 'none';
}

/** The facts every listing opens its About sheet with. */
export function listingContextFacts(context: ListingContext): [string, string][] {
  return [
    ['cooperative', context.cooperative.code],
    ['name', context.cooperative.name],
    ['read from one snapshot at', context.readAt],
    ['identity numbers', context.identityNumbers],
  ];
}

/**
 * RFC 4180 with CRLF: the header, then one record per row. Text is kept inert for spreadsheets
 * (a leading apostrophe before `=`, `+`, `-`, `@`); numbers are never touched, so a negative
 * amount stays a number.
 */
export function listingCsv(listing: Listing): string {
  const text = listing.columns.map((column) => column.kind === 'text');
  return csvRecords([
    listing.columns.map((column) => column.name),
    ...listing.rows.map((row) => row.map((value, i) => (text[i] ? inertText(value) : value))),
  ]);
}

/** JSON pages through the listing; CSV and XLSX hold all of it. */
export const listingFormats = ['json', 'csv', 'xlsx'] as const;
export type ListingFormat = (typeof listingFormats)[number];

export function listingFormat(value: string | undefined): ListingFormat {
  const format = (value ?? 'json') as ListingFormat;
  if (!listingFormats.includes(format)) {
    throw new InvalidInputError('The listing format is not valid', [
      { field: 'format', message: listingFormats.join(', ') + ' or nothing (json)' },
    ]);
  }
  return format;
}

/**
 * The day a listing is read as of: one that is over (before the business date), by default the
 * last, so a date reads the same whenever it is read.
 */
export function listingAsOf(value: string | undefined, today: BusinessDate): BusinessDate {
  const asOf = value === undefined ? addDays(today, -1) : businessDate(value, 'asOf');
  if (compareDates(asOf, today) >= 0) {
    throw new InvalidInputError(`${asOf} is not over yet`, [
      { field: 'asOf', message: `before the business date ${today}` },
    ]);
  }
  return asOf;
}

/** A period of business dates, both days included; both required, `from` not after `to`. */
export function listingPeriod(query: { readonly from?: string; readonly to?: string }): {
  from: BusinessDate;
  to: BusinessDate;
} {
  const problems = [];
  if (query.from === undefined) problems.push({ field: 'from', message: 'required (YYYY-MM-DD)' });
  if (query.to === undefined) problems.push({ field: 'to', message: 'required (YYYY-MM-DD)' });
  if (problems.length > 0) throw new InvalidInputError('The period is incomplete', problems);
  const from = businessDate(query.from, 'from');
  const to = businessDate(query.to, 'to');
  if (compareDates(from, to) > 0) {
    throw new InvalidInputError('from lies after to', [
      { field: 'from', message: 'must not lie after to' },
    ]);
  }
  return { from, to };
}

/** An as-of listing's query: its format, then the day (`listingAsOf` against `today`). */
export function listingAsOfQuery(
  query: { readonly asOf?: string; readonly format?: string },
  today: BusinessDate,
): { asOf: BusinessDate; format: ListingFormat } {
  const format = listingFormat(query.format);
  return { asOf: listingAsOf(query.asOf, today), format };
}

/** A period listing's query: its format, then the period (`listingPeriod`). */
export function listingPeriodQuery(query: {
  readonly from?: string;
  readonly to?: string;
  readonly format?: string;
}): { from: BusinessDate; to: BusinessDate; format: ListingFormat } {
  const format = listingFormat(query.format);
  return { ...listingPeriod(query), format };
}
