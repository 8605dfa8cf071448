import { asRecord, Fields, isRecord } from './fields';

export const partnerStatuses = ['active', 'suspended', 'closed'] as const;
export type PartnerStatus = (typeof partnerStatuses)[number];

/** A person who signs or answers for the partner cooperative (chair, treasurer, manager...). */
export interface PartnerOfficer {
  readonly fullName: string;
  readonly position: string;
}

/**
 * A cooperative abroad under a cooperation agreement (the closed loop: the borrower across the
 * border is always the cooperative, never one of its members). Country, registry number and
 * functional currency identify it and never change; a correction is a new partner.
 */
export interface PartnerInput {
  readonly country: string;
  readonly legalName: string;
  readonly registryNumber: string;
  readonly functionalCurrency: string;
  readonly officers: readonly PartnerOfficer[];
  readonly relatedParty: boolean;
  /** The partner's own cooperative on Lumbung, when it keeps its books here too. */
  readonly lumbungCooperativeId: string | null;
}

/** What may change on a partner after onboarding. */
export interface PartnerChange {
  readonly legalName?: string;
  readonly officers?: readonly PartnerOfficer[];
  readonly status?: PartnerStatus;
  readonly relatedParty?: boolean;
  /** Set once, when the partner comes onto Lumbung. */
  readonly lumbungCooperativeId?: string;
}

export const maxOfficers = 20;

function officersOf(fields: Fields, value: unknown): PartnerOfficer[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > maxOfficers) {
    fields.add('officers', `a list of 1 to ${maxOfficers} officers { fullName, position }`);
    return [];
  }
  return value.map((item: unknown, index) => {
    if (!isRecord(item)) fields.add(`officers[${index}]`, 'an officer { fullName, position }');
    const raw = asRecord(item);
    return {
      fullName: fields.text(raw.fullName, `officers[${index}].fullName`, 200),
      position: fields.text(raw.position, `officers[${index}].position`, 100),
    };
  });
}

/** A new partner; `homeCountry` is the lending cooperative's own: a partner is abroad. */
export function parsePartner(input: unknown, homeCountry: string): PartnerInput {
  const raw = asRecord(input);
  const fields = new Fields();
  const country = fields.country(raw.country, 'country');
  if (country === homeCountry) {
    fields.add('country', `a partner cooperative abroad, not in ${homeCountry}`);
  }
  const partner: PartnerInput = {
    country,
    legalName: fields.text(raw.legalName, 'legalName', 200),
    registryNumber: fields.text(raw.registryNumber, 'registryNumber', 100),
    functionalCurrency: fields.currency(raw.functionalCurrency, 'functionalCurrency') ?? '',
    officers: officersOf(fields, raw.officers),
    relatedParty:
      raw.relatedParty === undefined ? false : fields.boolean(raw.relatedParty, 'relatedParty'),
    lumbungCooperativeId:
      raw.lumbungCooperativeId === undefined || raw.lumbungCooperativeId === null
        ? null
        : fields.uuid(raw.lumbungCooperativeId, 'lumbungCooperativeId'),
  };
  fields.throwIfAny('The partner cooperative is not valid');
  return partner;
}

export function parsePartnerChange(input: unknown): PartnerChange {
  const raw = asRecord(input);
  const fields = new Fields();
  const change: {
    legalName?: string;
    officers?: PartnerOfficer[];
    status?: PartnerStatus;
    relatedParty?: boolean;
    lumbungCooperativeId?: string;
  } = {};
  if (raw.legalName !== undefined) change.legalName = fields.text(raw.legalName, 'legalName', 200);
  if (raw.officers !== undefined) change.officers = officersOf(fields, raw.officers);
  if (raw.status !== undefined) change.status = fields.oneOf(raw.status, 'status', partnerStatuses);
  if (raw.relatedParty !== undefined) {
    change.relatedParty = fields.boolean(raw.relatedParty, 'relatedParty');
  }
  if (raw.lumbungCooperativeId !== undefined) {
    change.lumbungCooperativeId = fields.uuid(raw.lumbungCooperativeId, 'lumbungCooperativeId');
  }
  if (fields.ok && Object.keys(change).length === 0) {
    fields.add(
      'body',
      'at least one of legalName, officers, status, relatedParty, lumbungCooperativeId',
    );
  }
  fields.throwIfAny('The partner change is not valid');
  return change;
}
