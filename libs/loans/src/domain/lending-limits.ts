import { Decimal, type FieldProblem, InvalidInputError, isPlainDecimalString } from '@lumbung/core';

export interface LimitFractions {
  readonly relatedPartyLimit: string;
  readonly singleBorrowerLimit: string | null;
}

/** Fractions of own capital: related parties at most 10% (Permenkop 8/2023 Art. 44). */
export function parseLimitFractions(input: unknown): LimitFractions {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const fraction = (key: string, max: string): string | null => {
    const value = raw[key];
    if (value === null || value === undefined) return null;
    if (!isPlainDecimalString(value) || new Decimal(value).lte(0) || new Decimal(value).gt(max)) {
      problems.push({ field: key, message: `a decimal fraction above 0 and at most ${max}` });
      return null;
    }
    return new Decimal(value).toString();
  };
  const related = fraction('relatedPartyLimit', '0.10');
  if (raw.relatedPartyLimit === undefined || raw.relatedPartyLimit === null) {
    problems.push({ field: 'relatedPartyLimit', message: 'required, at most 0.10' });
  }
  const single = fraction('singleBorrowerLimit', '1');
  if (problems.length > 0)
    throw new InvalidInputError('The lending limits are not valid', problems);
  return { relatedPartyLimit: related!, singleBorrowerLimit: single };
}

export interface ExposureCheck {
  readonly ownCapital: Decimal;
  readonly limits: LimitFractions;
  /** Outstanding principal plus pending approved-but-undisbursed amounts, before this loan. */
  readonly borrowerExposure: Decimal;
  readonly relatedPartyExposure: Decimal;
  readonly amount: Decimal;
  readonly relatedParty: boolean;
}

export interface LimitBreach {
  readonly limit: 'related-party' | 'single-borrower';
  readonly allowed: string;
  readonly after: string;
}

/** The first limit the loan would break, with the figures a manager needs to see. */
export function lendingLimitBreach(check: ExposureCheck): LimitBreach | null {
  if (check.relatedParty) {
    const allowed = check.ownCapital.times(check.limits.relatedPartyLimit);
    const after = check.relatedPartyExposure.plus(check.amount);
    if (after.gt(allowed)) {
      return { limit: 'related-party', allowed: allowed.toFixed(2), after: after.toFixed(2) };
    }
  }
  if (check.limits.singleBorrowerLimit !== null) {
    const allowed = check.ownCapital.times(check.limits.singleBorrowerLimit);
    const after = check.borrowerExposure.plus(check.amount);
    if (after.gt(allowed)) {
      return { limit: 'single-borrower', allowed: allowed.toFixed(2), after: after.toFixed(2) };
    }
  }
  return null;
}
