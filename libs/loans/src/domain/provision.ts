import { Money } from '@lumbung/core';
import {
  type CollateralClass,
  type CollectibilitySettings,
  type LoanGrade,
  provisionRate,
} from './collectibility';
import type { CollateralInput } from './loan-application';

/**
 * The collateral class an item earns credit in, or null when it earns none. The cooperative must
 * hold the original document (`inCustody`): a deposit slip or bilyet for cash and deposits, an
 * SHM or SHGB land title for land and buildings (registered land; AJB deeds and other papers
 * earn nothing), a BPKB for vehicles. Equipment, inventory and other items earn no credit.
 */
export function collateralClassOf(
  item: Pick<CollateralInput, 'kind' | 'documentType' | 'inCustody'>,
): CollateralClass | null {
  if (!item.inCustody) return null;
  switch (item.kind) {
    case 'deposit':
      return 'cash-deposit';
    case 'land':
    case 'building':
      return item.documentType === 'shm' || item.documentType === 'shgb' ? 'land' : null;
    case 'vehicle':
      return item.documentType === 'bpkb' ? 'vehicle' : null;
    default:
      return null;
  }
}

/**
 * Eligible collateral credit: each item's valuation times its class's credit, rounded down to the
 * minor unit (never more credit than the rule gives).
 */
export function collateralCredit(
  items: readonly Pick<CollateralInput, 'kind' | 'documentType' | 'inCustody' | 'valuation'>[],
  credit: CollectibilitySettings['collateralCredit'],
  currency: string,
): Money {
  let total = Money.zero(currency);
  for (const item of items) {
    const cls = collateralClassOf(item);
    if (cls === null) continue;
    total = total.plus(Money.of(item.valuation, currency).times(credit[cls], 'down'));
  }
  return total;
}

export interface Provision {
  readonly rate: string;
  /** Outstanding principal less eligible collateral credit, never below zero. */
  readonly base: Money;
  /** The allowance the loan needs: base x rate, rounded half-up to the minor unit. */
  readonly required: Money;
}

/** PPAP for one loan: the grade's rate on the principal not covered by collateral credit. */
export function provisionFor(
  settings: CollectibilitySettings,
  grade: LoanGrade,
  outstandingPrincipal: Money,
  credit: Money,
): Provision {
  const uncovered = outstandingPrincipal.minus(credit);
  const base = uncovered.isPositive() ? uncovered : Money.zero(outstandingPrincipal.currency);
  const rate = provisionRate(settings, grade);
  return { rate, base, required: base.times(rate, 'half-up') };
}
