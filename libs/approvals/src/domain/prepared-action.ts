import {
  Decimal,
  type FieldProblem,
  InvalidInputError,
  isPlainDecimalString,
  isUuid,
  Money,
} from '@lumbung/core';
import { adminRole, cooperativeRoles } from './roles';

/** What an executor's `prepare` hands back for the request to store. */
export interface PreparedAction {
  /** The normalised payload to store (JSON). */
  readonly payload: unknown;
  /** One human line, e.g. "Reopen 2026-10". */
  readonly summary: string;
  /** Money requests only. */
  readonly amount?: { readonly amount: string; readonly currency: string };
  /** The equivalent in the cooperative's functional currency; required with `amount`. */
  readonly functionalEquivalent?: string;
  /** User ids that may not decide on the request (e.g. the grantee of a role). */
  readonly excludedApprovers?: readonly string[];
  /**
   * Roles this request needs on top of its rule, one more distinct approver each (e.g. a
   * supervisor when the borrower is a related party). Cooperative roles, never admin.
   */
  readonly alsoRequiredRoles?: readonly string[];
}

export interface CheckedAction {
  readonly payload: unknown;
  readonly summary: string;
  readonly amount: Money | null;
  readonly functionalEquivalent: string | null;
  readonly excludedApprovers: readonly string[];
  /** Deduplicated, in the order of `cooperativeRoles`; empty when none. */
  readonly alsoRequiredRoles: readonly string[];
}

const maxSummaryLength = 500;

/** Refuses a prepared action the request tables could not hold faithfully. */
export function checkPreparedAction(prepared: PreparedAction): CheckedAction {
  const problems: FieldProblem[] = [];
  const summary = prepared.summary.trim();
  if (summary.length === 0 || summary.length > maxSummaryLength) {
    problems.push({ field: 'summary', message: `1 to ${maxSummaryLength} characters` });
  }
  const excluded = prepared.excludedApprovers ?? [];
  if (!excluded.every(isUuid)) {
    problems.push({ field: 'excludedApprovers', message: 'user ids (UUIDs)' });
  }
  const alsoRequired = prepared.alsoRequiredRoles ?? [];
  if (
    !Array.isArray(alsoRequired) ||
    !alsoRequired.every((role) => role !== adminRole && cooperativeRoles.some((r) => r === role))
  ) {
    problems.push({
      field: 'alsoRequiredRoles',
      message: `roles among ${cooperativeRoles.filter((r) => r !== adminRole).join(', ')}`,
    });
  }
  let amount: Money | null = null;
  let equivalent: string | null = null;
  if (prepared.amount) {
    amount = Money.parse(prepared.amount.amount, prepared.amount.currency);
    if (!amount.amount.gt(0)) problems.push({ field: 'amount', message: 'must be positive' });
    equivalent = prepared.functionalEquivalent ?? null;
    if (!isPlainDecimalString(equivalent) || new Decimal(equivalent).lt(0)) {
      problems.push({
        field: 'functionalEquivalent',
        message: 'a non-negative decimal string, required with an amount',
      });
    }
  } else if (prepared.functionalEquivalent !== undefined) {
    problems.push({ field: 'functionalEquivalent', message: 'only with an amount' });
  }
  if (problems.length > 0) {
    throw new InvalidInputError('The request cannot be recorded as prepared', problems);
  }
  return {
    payload: prepared.payload ?? null,
    summary,
    amount,
    functionalEquivalent: equivalent,
    excludedApprovers: [...new Set(excluded)],
    alsoRequiredRoles: cooperativeRoles.filter((role) => alsoRequired.includes(role)),
  };
}
