import { Decimal, findCurrency } from '@lumbung/core';
import { canonicalJson } from './canonical-json';

/**
 * The canonical form of an entry and its postings: what the journal's seal hashes. Defined here
 * and nowhere else. Any change to what it writes (a new column, another scale, another format)
 * is a new version: blocks record the version they were sealed with and are recomputed with it.
 */
export const canonicalFormVersion = 1;

/** How a column's database text becomes canonical text. */
type ColumnKind =
  'uuid' | 'whole-number' | 'date' | 'timestamp' | 'text' | 'amount' | 'functional-amount' | 'rate';

/**
 * Every column of journal_entry (migrations/1795313877912-LedgerFoundation.ts). A schema test
 * holds this list to the database: a column added there without a new version here fails it.
 */
export const entryColumns = {
  cooperative_id: 'uuid',
  id: 'uuid',
  txid: 'whole-number',
  posting_date: 'date',
  value_date: 'date',
  description: 'text',
  source_type: 'text',
  source_id: 'text',
  idempotency_key: 'text',
  reverses_entry_id: 'uuid',
  voucher_series: 'text',
  voucher_number: 'whole-number',
  recorded_by: 'uuid',
  recorded_at: 'timestamp',
} as const satisfies Record<string, ColumnKind>;

/** Every column of posting, held to the database by the same schema test. */
export const postingColumns = {
  cooperative_id: 'uuid',
  entry_id: 'uuid',
  line_no: 'whole-number',
  account_id: 'uuid',
  currency: 'text',
  amount: 'amount',
  functional_amount: 'functional-amount',
  fx_rate: 'rate',
  fx_rate_id: 'uuid',
  value_date: 'date',
  counterparty_class: 'text',
  agreement_id: 'uuid',
  program: 'text',
  sector: 'text',
  commodity: 'text',
  region: 'text',
  memo: 'text',
  balance_after: 'amount',
  account_version: 'whole-number',
} as const satisfies Record<string, ColumnKind>;

export type EntryColumn = keyof typeof entryColumns;
export type PostingColumn = keyof typeof postingColumns;

/** Column values as PostgreSQL prints them (`::text`); null is SQL NULL. */
export type EntryRecord = { readonly [K in EntryColumn]: string | null };
export type PostingRecord = { readonly [K in PostingColumn]: string | null };

export interface SealableEntry {
  readonly entry: EntryRecord;
  readonly postings: readonly PostingRecord[];
}

/**
 * The canonical text of an entry (version 1): the RFC 8785 JSON of
 * `{form, version, entry: {column: value}, postings: [{column: value}]}` where
 * - every column is present and SQL NULL is JSON null (never "" or "null"),
 * - text is Unicode NFC, uuids lower case, whole numbers in plain decimal,
 * - dates YYYY-MM-DD, timestamps UTC with six fraction digits (2026-11-20T02:00:00.000000Z),
 * - amounts and balances with at least their currency's ISO 4217 minor units (functional
 *   amounts: the functional currency's), never rounded, so "100.5" and "100.50" are one value
 *   and "100.505" stays itself; FX rates without trailing zeros,
 * - postings in line_no order.
 */
export function canonicalEntry(sealable: SealableEntry, functionalCurrency: string): string {
  const functionalScale = scaleOf(functionalCurrency);
  const postings = [...sealable.postings].sort((a, b) => compareWhole(a.line_no, b.line_no));
  return canonicalJson({
    form: 'lumbung.journal-entry',
    version: String(canonicalFormVersion),
    entry: canonicalRecord(entryColumns, sealable.entry, 0, 0),
    postings: postings.map((p) =>
      canonicalRecord(postingColumns, p, scaleOf(p.currency ?? ''), functionalScale),
    ),
  });
}

function canonicalRecord<C extends Record<string, ColumnKind>>(
  columns: C,
  record: { readonly [K in keyof C]: string | null },
  scale: number,
  functionalScale: number,
): Record<string, string | null> {
  const canonical: Record<string, string | null> = {};
  for (const [column, kind] of Object.entries(columns)) {
    const value = record[column as keyof C];
    if (value === undefined) throw new Error(`canonical form v1: column ${column} is missing`);
    canonical[column] = value === null ? null : canonicalValue(kind, value, scale, functionalScale);
  }
  return canonical;
}

export function canonicalValue(
  kind: ColumnKind,
  value: string,
  scale: number,
  functionalScale: number,
): string {
  switch (kind) {
    case 'uuid':
      return value.trim().toLowerCase();
    case 'whole-number':
      return /^[+-]?\d+$/.test(value) ? BigInt(value).toString() : value.normalize('NFC');
    case 'date':
      return value;
    case 'timestamp':
      return canonicalTimestamp(value);
    case 'text':
      return value.normalize('NFC');
    case 'amount':
      return canonicalAmount(value, scale);
    case 'functional-amount':
      return canonicalAmount(value, functionalScale);
    case 'rate':
      return canonicalAmount(value, 0);
  }
}

/** ISO 4217 minor units; a currency Lumbung does not know is written without padding. */
function scaleOf(currencyCode: string): number {
  return findCurrency(currencyCode.trim())?.minorUnits ?? 0;
}

/** At least `scale` decimals, more only when the value has them: equal values, equal text. */
export function canonicalAmount(value: string, scale: number): string {
  let amount: Decimal;
  try {
    amount = new Decimal(value.trim());
  } catch {
    return value; // not a number at all: kept as it is, so it can never equal a real amount
  }
  if (!amount.isFinite()) return amount.toString();
  const places = Math.max(scale, amount.decimalPlaces());
  return (amount.isZero() ? amount.abs() : amount).toFixed(places);
}

const isoTimestamp =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Any ISO 8601 / PostgreSQL timestamp with an offset, as UTC with microseconds: the database
 * keeps microseconds, and a hash that saw only milliseconds would miss a change below them.
 */
export function canonicalTimestamp(value: string): string {
  const match = isoTimestamp.exec(value.trim());
  if (!match) return value;
  const [, date, time, fraction = '', zone] = match;
  const offset = zone === 'Z' ? '+00:00' : zone.length === 3 ? `${zone}:00` : zone;
  const seconds = Date.parse(`${date}T${time}${offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  if (Number.isNaN(seconds)) return value;
  return `${new Date(seconds).toISOString().slice(0, 19)}.${fraction.padEnd(6, '0')}Z`;
}

function compareWhole(a: string | null, b: string | null): number {
  const x = a !== null && /^[+-]?\d+$/.test(a) ? BigInt(a) : 0n;
  const y = b !== null && /^[+-]?\d+$/.test(b) ? BigInt(b) : 0n;
  return x < y ? -1 : x > y ? 1 : 0;
}
