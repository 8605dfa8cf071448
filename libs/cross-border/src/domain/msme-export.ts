import { type BusinessDate, csvRecords, inertText, Money } from '@lumbung/core';

/**
 * The export of export-oriented MSME data for regional business-centre platforms (BIMP-EAGA):
 * who the businesses are and what financing they received. Version the format, never change a
 * field's meaning in place.
 */
export const msmeExportFormat = 'lumbung.msme-export/1';

export const businessKinds = ['partner-cooperative', 'member-business'] as const;
export type BusinessKind = (typeof businessKinds)[number];

/** A partner cooperative abroad or a member's export-oriented business. */
export interface MsmeBusiness {
  /** Stable between exports: `partner:<id>` or `<cooperative code>/<member number>`. */
  readonly ref: string;
  readonly kind: BusinessKind;
  /**
   * A partner cooperative's legal name as registered; a member's name masked to initials
   * (personal data, UU PDP 27/2022). Identity numbers, birth dates, phone numbers and addresses
   * are never exported here.
   */
  readonly name: string;
  readonly country: string | null;
  /** Kemendagri province code of a business in Indonesia (53 is NTT, 73 Sulawesi Selatan). */
  readonly province: string | null;
  /** A partner's registry number (an organisation's, not a person's); null for a member. */
  readonly registryNumber: string | null;
  readonly sectors: readonly string[];
  readonly commodities: readonly string[];
  /** Programs of the cooperation agreements in force (partners); none for members. */
  readonly programs: readonly string[];
}

export const financingKinds = ['facility', 'loan'] as const;
export type FinancingKind = (typeof financingKinds)[number];

/** Financing one business received from this cooperative, as the ledger shows it on the date. */
export interface MsmeFinancing {
  readonly businessRef: string;
  readonly kind: FinancingKind;
  /** The facility's id or the loan's number. */
  readonly reference: string;
  readonly program: string | null;
  readonly sector: string;
  readonly commodity: string | null;
  readonly currency: string;
  /** Debits to its receivable leaf (a facility) or the principal lent (a loan) by the date. */
  readonly drawn: string;
  /** Its receivable or principal leaf's balance as of the date. */
  readonly outstanding: string;
}

export interface MsmeExport {
  readonly format: typeof msmeExportFormat;
  readonly cooperative: {
    readonly code: string;
    readonly name: string;
    readonly country: string;
  };
  readonly asOf: BusinessDate;
  readonly businesses: readonly MsmeBusiness[];
  readonly financing: readonly MsmeFinancing[];
}

/** Initials only: "Maria Goreti Ndun" becomes "M. G. N.". */
export function maskPersonName(fullName: string): string {
  const initials = fullName
    .normalize('NFC')
    .split(/[\s,.'-]+/u)
    .filter((part) => part.length > 0)
    .map((part) => `${[...part][0].toLocaleUpperCase('id')}.`);
  return initials.length > 0 ? initials.join(' ') : '-';
}

/** Sorted, without duplicates or nulls. */
export function distinct(values: ReadonlyArray<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))].sort();
}

/** Normalises amounts to their currency's scale. */
export function financingOf(
  input: Omit<MsmeFinancing, 'drawn' | 'outstanding'> & {
    readonly drawn: string;
    readonly outstanding: string;
  },
): MsmeFinancing {
  return {
    ...input,
    drawn: Money.of(input.drawn, input.currency).toString(),
    outstanding: Money.of(input.outstanding, input.currency).toString(),
  };
}

/** The CSV's columns, in order (README: the MSME export). */
export const msmeCsvColumns = [
  'record',
  'as_of',
  'business_ref',
  'kind',
  'name',
  'country',
  'province',
  'registry_number',
  'sector',
  'commodity',
  'program',
  'financing_ref',
  'currency',
  'drawn',
  'outstanding',
] as const;

/**
 * RFC 4180 with a header: `business` records first (lists joined with `;`), then `financing`
 * records. Text is kept inert for spreadsheets; amounts are plain decimal strings.
 */
export function msmeExportCsv(data: MsmeExport): string {
  const text = (value: string | null) => inertText(value ?? '');
  const rows: string[][] = [[...msmeCsvColumns]];
  for (const b of data.businesses) {
    rows.push([
      'business',
      data.asOf,
      text(b.ref),
      b.kind,
      text(b.name),
      b.country ?? '',
      b.province ?? '',
      text(b.registryNumber),
      b.sectors.join(';'),
      text(b.commodities.join(';')),
      b.programs.join(';'),
      '',
      '',
      '',
      '',
    ]);
  }
  for (const f of data.financing) {
    const business = data.businesses.find((b) => b.ref === f.businessRef);
    rows.push([
      'financing',
      data.asOf,
      text(f.businessRef),
      f.kind,
      text(business?.name ?? null),
      business?.country ?? '',
      business?.province ?? '',
      '',
      f.sector,
      text(f.commodity),
      f.program ?? '',
      text(f.reference),
      f.currency,
      f.drawn,
      f.outstanding,
    ]);
  }
  return csvRecords(rows);
}
