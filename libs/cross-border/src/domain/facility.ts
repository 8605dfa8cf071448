import { Decimal, type Money } from '@lumbung/core';
import { financingPrograms, type ProgramKind } from './agreement';
import { asRecord, Fields, isRecord, normaliseCommodity, type Raw } from './fields';

/** The currencies of the agreements: Timor-Leste's USD, Malaysia's MYR, Indonesia's IDR. */
export const facilityCurrencies = ['USD', 'MYR', 'IDR'] as const;
export type FacilityCurrency = (typeof facilityCurrencies)[number];

export const facilitySectors = [
  'agriculture',
  'fisheries',
  'trade',
  'processing',
  'services',
] as const;
export type FacilitySector = (typeof facilitySectors)[number];

export const facilityStatuses = ['requested', 'approved', 'rejected', 'cancelled'] as const;
export type FacilityStatus = (typeof facilityStatuses)[number];

/** Repayment terms a facility takes from the loans schedule engine; fees and penalties come later. */
export const facilityTermKeys = [
  'method',
  'ratePer',
  'rate',
  'frequency',
  'graceInstalments',
  'dayCount',
  'roundingUnit',
  'holidayRule',
] as const;

export const maxFacilityInstalments = 520;

/**
 * A manager's request for a facility to a partner cooperative (never an individual: the
 * borrower across the border is the cooperative, which on-lends in its own books).
 */
export interface FacilityRequestInput {
  readonly partnerId: string;
  readonly agreementId: string;
  readonly program: ProgramKind;
  readonly currency: FacilityCurrency;
  readonly limit: Money;
  readonly instalments: number;
  readonly purpose: string;
  readonly sector: FacilitySector;
  readonly commodity: string | null;
}

export function parseFacilityRequest(input: unknown): FacilityRequestInput {
  const raw = asRecord(input);
  const fields = new Fields();
  const currency = fields.currency(raw.currency, 'currency', facilityCurrencies);
  const limit = fields.money(raw.limit, currency, 'limit', { positive: true });
  let commodity: string | null = null;
  if (raw.commodity !== undefined && raw.commodity !== null) {
    commodity = normaliseCommodity(raw.commodity);
    if (commodity === null) fields.add('commodity', '1-60 letters, digits, spaces or hyphens');
  }
  if (!isRecord(raw.terms)) {
    fields.add('terms', `an object with ${facilityTermKeys.join(', ')}`);
  } else {
    for (const key of Object.keys(raw.terms)) {
      if (!(facilityTermKeys as readonly string[]).includes(key)) {
        fields.add(`terms.${key}`, `not a facility term (${facilityTermKeys.join(', ')})`);
      }
    }
  }
  const request = {
    partnerId: fields.uuid(raw.partnerId, 'partnerId'),
    agreementId: fields.uuid(raw.agreementId, 'agreementId'),
    program: fields.oneOf(raw.program ?? 'financing', 'program', financingPrograms),
    currency: currency as FacilityCurrency,
    limit: limit as Money,
    instalments: fields.integer(raw.instalments, 'instalments', 1, maxFacilityInstalments),
    purpose: fields.text(raw.purpose, 'purpose', 500),
    sector: fields.oneOf(raw.sector, 'sector', facilitySectors),
    commodity,
  };
  fields.throwIfAny('The facility request is not valid');
  return request;
}

/**
 * The input for the loans schedule engine's terms: the facility's own terms, with its one term
 * and one amount as both bounds and its rate as the ceiling. Problems come back named
 * `terms.<key>`, as the request names them.
 */
export function scheduleTermsOf(input: unknown): Raw {
  const raw = asRecord(input);
  const terms = asRecord(raw.terms);
  const picked = Object.fromEntries(
    facilityTermKeys.filter((key) => terms[key] !== undefined).map((key) => [key, terms[key]]),
  );
  const amount = typeof raw.limit === 'string' && /^\d+(\.\d+)?$/.test(raw.limit) ? raw.limit : '1';
  const instalments =
    typeof raw.instalments === 'number' &&
    Number.isInteger(raw.instalments) &&
    raw.instalments >= 1 &&
    raw.instalments <= maxFacilityInstalments
      ? raw.instalments
      : maxFacilityInstalments;
  return {
    ...picked,
    maxRate: picked.rate,
    minTerm: instalments,
    maxTerm: instalments,
    minAmount: amount,
    maxAmount: amount,
    fees: [],
    penalty: null,
  };
}

export interface SupervisorNeed {
  readonly needed: boolean;
  readonly reasons: readonly string[];
}

/**
 * A supervisor co-approves when the partner is a related party, or when the functional
 * equivalent is above the cooperative's threshold. With no threshold set every facility needs
 * one: the cautious default until the cooperative decides.
 */
export function supervisorNeed(input: {
  readonly relatedParty: boolean;
  readonly functionalEquivalent: Decimal;
  readonly threshold: string | null;
}): SupervisorNeed {
  const reasons: string[] = [];
  if (input.relatedParty) reasons.push('the partner is a related party');
  if (input.threshold === null) {
    reasons.push('the cooperative has set no supervisor threshold');
  } else if (input.functionalEquivalent.gt(new Decimal(input.threshold))) {
    reasons.push(`the amount is above the supervisor threshold ${input.threshold}`);
  }
  return { needed: reasons.length > 0, reasons };
}
