import {
  type BusinessDate,
  Decimal,
  type FieldProblem,
  InvalidInputError,
  isBusinessDate,
  isUuid,
  Money,
  roundingRule,
} from '@lumbung/core';
import type { LoanTerms } from './loan-terms';

export const loanSectors = [
  'agriculture',
  'fisheries',
  'trade',
  'processing',
  'services',
  'consumption',
] as const;
export type LoanSector = (typeof loanSectors)[number];

export const collateralKinds = [
  'land',
  'building',
  'vehicle',
  'deposit',
  'equipment',
  'inventory',
  'other',
] as const;
export type CollateralKind = (typeof collateralKinds)[number];

/** SHM/SHGB land certificates, BPKB vehicle books, deposit slips, invoices... */
export const collateralDocuments = [
  'shm',
  'shgb',
  'ajb',
  'bpkb',
  'deposit-slip',
  'invoice',
  'other',
] as const;

export interface CollateralInput {
  readonly kind: CollateralKind;
  readonly description: string;
  readonly documentType: (typeof collateralDocuments)[number];
  readonly documentNumber: string;
  readonly valuation: string;
  readonly valuedOn: BusinessDate | null;
  /** Whether the cooperative holds the original document (BPKB, certificate) in its safe. */
  readonly inCustody: boolean;
}

export interface GuarantorInput {
  readonly memberId: string | null;
  readonly fullName: string;
  readonly relationship: string;
}

export interface LoanApplicationInput {
  readonly memberId: string;
  readonly productId: string;
  readonly amount: string;
  readonly instalments: number;
  readonly rate: string;
  readonly purpose: string;
  readonly sector: LoanSector;
  readonly commodity: string | null;
  /**
   * Where the business is: a province code ("53") or a country code ("TL"); null to take it from
   * the member's business profile.
   */
  readonly region: string | null;
  readonly collateral: readonly CollateralInput[];
  readonly guarantors: readonly GuarantorInput[];
}

export interface ChargedFee {
  readonly kind: LoanTerms['fees'][number]['kind'];
  readonly treatment: LoanTerms['fees'][number]['treatment'];
  readonly amount: string;
}

type Raw = Record<string, unknown>;

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.trim().length > 0 && value.trim().length <= max
    ? value.trim()
    : null;

function parseCollateral(raw: unknown, index: number, currency: string, problems: FieldProblem[]) {
  const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Raw;
  const field = (key: string) => `collateral[${index}].${key}`;
  if (!collateralKinds.includes(item.kind as CollateralKind)) {
    problems.push({ field: field('kind'), message: collateralKinds.join(', ') });
  }
  if (!collateralDocuments.includes(item.documentType as CollateralInput['documentType'])) {
    problems.push({ field: field('documentType'), message: collateralDocuments.join(', ') });
  }
  const description = text(item.description, 500);
  if (!description) problems.push({ field: field('description'), message: '1 to 500 characters' });
  const documentNumber = text(item.documentNumber, 100);
  if (!documentNumber) {
    problems.push({ field: field('documentNumber'), message: '1 to 100 characters' });
  }
  let valuation = '0';
  try {
    const money = Money.parse(item.valuation, currency, field('valuation'));
    if (!money.isPositive()) problems.push({ field: field('valuation'), message: 'above zero' });
    valuation = money.toString();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    problems.push(...error.errors);
  }
  if (item.valuedOn !== undefined && item.valuedOn !== null && !isBusinessDate(item.valuedOn)) {
    problems.push({ field: field('valuedOn'), message: 'a date, YYYY-MM-DD' });
  }
  if (item.inCustody !== undefined && typeof item.inCustody !== 'boolean') {
    problems.push({ field: field('inCustody'), message: 'true or false' });
  }
  return {
    kind: item.kind as CollateralKind,
    description: description ?? '',
    documentType: item.documentType as CollateralInput['documentType'],
    documentNumber: documentNumber ?? '',
    valuation,
    valuedOn: (item.valuedOn as BusinessDate | undefined) ?? null,
    inCustody: (item.inCustody as boolean | undefined) ?? true,
  };
}

function parseGuarantor(raw: unknown, index: number, problems: FieldProblem[]): GuarantorInput {
  const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Raw;
  const field = (key: string) => `guarantors[${index}].${key}`;
  const memberId = item.memberId ?? null;
  if (memberId !== null && !isUuid(memberId)) {
    problems.push({ field: field('memberId'), message: 'a member id (uuid), or absent' });
  }
  const fullName = text(item.fullName, 200);
  if (!fullName) problems.push({ field: field('fullName'), message: '1 to 200 characters' });
  const relationship = text(item.relationship, 100);
  if (!relationship) {
    problems.push({ field: field('relationship'), message: '1 to 100 characters' });
  }
  return {
    memberId: memberId as string | null,
    fullName: fullName ?? '',
    relationship: relationship ?? '',
  };
}

/**
 * A member's application as the teller enters it, checked against the product: every problem
 * is named by its field, all at once.
 */
export function parseLoanApplication(
  input: unknown,
  product: { readonly currency: string; readonly terms: LoanTerms },
): LoanApplicationInput {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Raw;
  const { terms, currency } = product;
  const problems: FieldProblem[] = [];
  if (!isUuid(raw.memberId)) problems.push({ field: 'memberId', message: 'a member id (uuid)' });
  let amount = '0';
  try {
    const money = Money.parse(raw.amount, currency, 'amount');
    if (money.amount.lt(terms.minAmount) || money.amount.gt(terms.maxAmount)) {
      problems.push({
        field: 'amount',
        message: `from ${terms.minAmount} to ${terms.maxAmount} under this product`,
      });
    }
    amount = money.toString();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    problems.push(...error.errors);
  }
  const instalments = raw.instalments;
  if (
    typeof instalments !== 'number' ||
    !Number.isInteger(instalments) ||
    instalments < terms.minTerm ||
    instalments > terms.maxTerm
  ) {
    problems.push({
      field: 'instalments',
      message: `a whole number of instalments from ${terms.minTerm} to ${terms.maxTerm}`,
    });
  }
  const rate = raw.rate === undefined || raw.rate === null ? terms.rate : raw.rate;
  if (typeof rate !== 'string' || !/^\d+(\.\d+)?$/.test(rate)) {
    problems.push({ field: 'rate', message: `a decimal fraction per ${terms.ratePer}` });
  } else if (new Decimal(rate).gt(terms.maxRate)) {
    problems.push({
      field: 'rate',
      message: `at most the product maximum, ${terms.maxRate} per ${terms.ratePer}`,
    });
  }
  const purpose = text(raw.purpose, 500);
  if (!purpose) problems.push({ field: 'purpose', message: '1 to 500 characters' });
  if (!loanSectors.includes(raw.sector as LoanSector)) {
    problems.push({ field: 'sector', message: loanSectors.join(', ') });
  }
  const commodity = raw.commodity ?? null;
  if (
    commodity !== null &&
    (typeof commodity !== 'string' || !/^[a-z][a-z -]{1,39}$/.test(commodity))
  ) {
    problems.push({ field: 'commodity', message: 'lower case, 2 to 40 letters' });
  }
  const region = raw.region ?? null;
  if (region !== null && (typeof region !== 'string' || !/^([0-9]{2}|[A-Z]{2})$/.test(region))) {
    problems.push({
      field: 'region',
      message: 'a province code such as "53", or a country code such as "TL"',
    });
  }
  const collateral = raw.collateral ?? [];
  const guarantors = raw.guarantors ?? [];
  if (!Array.isArray(collateral) || collateral.length > 20) {
    problems.push({ field: 'collateral', message: 'a list of at most 20 items' });
  }
  if (!Array.isArray(guarantors) || guarantors.length > 10) {
    problems.push({ field: 'guarantors', message: 'a list of at most 10 guarantors' });
  }
  const parsedCollateral = Array.isArray(collateral)
    ? collateral.map((item, i) => parseCollateral(item, i, currency, problems))
    : [];
  const parsedGuarantors = Array.isArray(guarantors)
    ? guarantors.map((item, i) => parseGuarantor(item, i, problems))
    : [];
  if (problems.length > 0)
    throw new InvalidInputError('The loan application is not valid', problems);
  return {
    memberId: raw.memberId as string,
    productId: String(raw.productId),
    amount,
    instalments: instalments as number,
    rate: new Decimal(rate as string).toString(),
    purpose: purpose!,
    sector: raw.sector as LoanSector,
    commodity: commodity as string | null,
    region: region as string | null,
    collateral: parsedCollateral,
    guarantors: parsedGuarantors,
  };
}

/** Provisi and administration fees on the amount applied for, each rounded to the product's unit. */
export function chargedFees(amount: Money, terms: LoanTerms): ChargedFee[] {
  const unit = roundingRule(terms.roundingUnit);
  return terms.fees.map((fee) => {
    const value =
      fee.basis === 'percent'
        ? amount.times(fee.value, 'half-up').roundTo(unit)
        : Money.of(fee.value, amount.currency);
    return { kind: fee.kind, treatment: fee.treatment, amount: value.toString() };
  });
}

/** What the member owes from day one: the amount plus financed fees. */
export function principalLent(amount: Money, fees: readonly ChargedFee[]): Money {
  return fees
    .filter((fee) => fee.treatment === 'financed')
    .reduce((sum, fee) => sum.plus(Money.of(fee.amount, amount.currency)), amount);
}
