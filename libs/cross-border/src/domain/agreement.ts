import { type BusinessDate, compareDates, isBusinessDate } from '@lumbung/core';
import { asRecord, Fields, isRecord, normaliseCommodity } from './fields';

/**
 * What a cooperation agreement covers (the MoUs with Timor-Leste and Malaysia): financing through
 * savings-and-loan cooperatives, training, product standardisation, shared production houses
 * (Rumah Produksi Bersama), feasibility studies and exchange visits.
 */
export const programKinds = [
  'financing',
  'training',
  'product-standardisation',
  'shared-production-house',
  'feasibility-study',
  'exchange-visit',
] as const;
export type ProgramKind = (typeof programKinds)[number];

/** The programs a facility may lend under. */
export const financingPrograms: readonly ProgramKind[] = ['financing', 'shared-production-house'];

/** none: ends at effectiveTo; automatic: runs on in renewal terms until ended; by-amendment: a signed renewal. */
export const renewalKinds = ['none', 'automatic', 'by-amendment'] as const;
export type RenewalKind = (typeof renewalKinds)[number];

export interface Program {
  readonly kind: ProgramKind;
  /** Lower case; empty when the program is not tied to commodities. */
  readonly commodities: readonly string[];
}

export interface AgreementInput {
  readonly partnerId: string;
  /** The agreement's own number, unique in the cooperative. */
  readonly reference: string;
  readonly title: string;
  readonly signedOn: BusinessDate;
  readonly effectiveFrom: BusinessDate;
  readonly effectiveTo: BusinessDate;
  readonly renewal: RenewalKind;
  /** With automatic renewal: the months each renewal adds. */
  readonly renewalMonths: number | null;
  readonly programs: readonly Program[];
}

const maxCommodities = 20;

function programsOf(fields: Fields, value: unknown): Program[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > programKinds.length) {
    fields.add('programs', `a list of 1 to ${programKinds.length} programs { kind, commodities }`);
    return [];
  }
  const seen = new Set<string>();
  return value.map((item: unknown, index) => {
    const prefix = `programs[${index}]`;
    if (!isRecord(item)) fields.add(prefix, 'a program { kind, commodities }');
    const raw = asRecord(item);
    const kind = fields.oneOf(raw.kind, `${prefix}.kind`, programKinds);
    if (typeof raw.kind === 'string' && seen.has(kind)) {
      fields.add(`${prefix}.kind`, 'each program kind once');
    }
    seen.add(kind);
    const commodities: string[] = [];
    if (raw.commodities !== undefined) {
      if (!Array.isArray(raw.commodities) || raw.commodities.length > maxCommodities) {
        fields.add(`${prefix}.commodities`, `a list of at most ${maxCommodities} commodities`);
      } else {
        raw.commodities.forEach((c: unknown, i) => {
          const commodity = normaliseCommodity(c);
          if (commodity === null) {
            fields.add(`${prefix}.commodities[${i}]`, '1-60 letters, digits, spaces or hyphens');
          } else if (!commodities.includes(commodity)) {
            commodities.push(commodity);
          }
        });
      }
    }
    return { kind, commodities };
  });
}

/** A cooperation agreement as signed; `today` is the cooperative's business date. */
export function parseAgreement(input: unknown, today: BusinessDate): AgreementInput {
  const raw = asRecord(input);
  const fields = new Fields();
  const signedOn = fields.pastDate(raw.signedOn, 'signedOn', today);
  const effectiveFrom = fields.date(raw.effectiveFrom, 'effectiveFrom');
  const effectiveTo = fields.date(raw.effectiveTo, 'effectiveTo');
  if (
    isBusinessDate(raw.effectiveFrom) &&
    isBusinessDate(raw.effectiveTo) &&
    compareDates(effectiveTo, effectiveFrom) < 0
  ) {
    fields.add('effectiveTo', 'not before effectiveFrom');
  }
  const renewal = fields.oneOf(raw.renewal ?? 'none', 'renewal', renewalKinds);
  let renewalMonths: number | null = null;
  if (renewal === 'automatic') {
    renewalMonths = fields.integer(raw.renewalMonths, 'renewalMonths', 1, 120);
  } else if (raw.renewalMonths !== undefined && raw.renewalMonths !== null) {
    fields.add('renewalMonths', 'only with automatic renewal');
  }
  const agreement: AgreementInput = {
    partnerId: fields.uuid(raw.partnerId, 'partnerId'),
    reference: fields.text(raw.reference, 'reference', 100),
    title: fields.text(raw.title, 'title', 300),
    signedOn,
    effectiveFrom,
    effectiveTo,
    renewal,
    renewalMonths,
    programs: programsOf(fields, raw.programs),
  };
  fields.throwIfAny('The cooperation agreement is not valid');
  return agreement;
}

/**
 * Whether the agreement covers `date`: from effectiveFrom to effectiveTo inclusive, or on past
 * effectiveTo while it renews itself automatically. A renewal by amendment covers nothing until
 * the amendment is recorded.
 */
export function inForce(
  agreement: Pick<AgreementInput, 'effectiveFrom' | 'effectiveTo' | 'renewal'>,
  date: BusinessDate,
): boolean {
  if (compareDates(date, agreement.effectiveFrom) < 0) return false;
  return agreement.renewal === 'automatic' || compareDates(date, agreement.effectiveTo) <= 0;
}
