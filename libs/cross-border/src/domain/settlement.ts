import { type BusinessDate, Decimal, Money } from '@lumbung/core';
import { asRecord, Fields } from './fields';

export const settlementKinds = ['drawdown', 'repayment'] as const;
export type SettlementKind = (typeof settlementKinds)[number];
export type SettlementDirection = 'out' | 'in';

/**
 * The borrower's side of a settlement its lender booked: the settlement id the lender's drawdown
 * or repayment gave, the lender as a partner of this cooperative, and what moved. A repayment
 * may name the part of it that is interest (to interest expense); the rest repays principal.
 */
export interface SettlementInput {
  readonly settlementId: string;
  readonly partnerId: string;
  readonly kind: SettlementKind;
  readonly amount: Money;
  readonly interest: Money;
}

export function parseSettlement(input: unknown): SettlementInput {
  const raw = asRecord(input);
  const fields = new Fields();
  const currency = fields.currency(raw.currency, 'currency');
  const kind = fields.oneOf(raw.kind, 'kind', settlementKinds);
  const amount = fields.money(raw.amount, currency, 'amount', { positive: true });
  let interest = currency === null ? null : Money.zero(currency);
  if (raw.interest !== undefined) {
    if (kind !== 'repayment') fields.add('interest', 'only on a repayment');
    interest = fields.money(raw.interest, currency, 'interest', { positive: false });
    if (interest && amount && interest.compare(amount) > 0) {
      fields.add('interest', 'at most the amount');
    }
  }
  const settlement = {
    settlementId: fields.uuid(raw.settlementId, 'settlementId'),
    partnerId: fields.uuid(raw.partnerId, 'partnerId'),
    kind,
    amount: amount!,
    interest: interest!,
  };
  fields.throwIfAny('The settlement is not valid');
  return settlement;
}

/** One side of a settlement as one book holds it. */
export interface SettlementSide {
  readonly id: string;
  readonly kind: SettlementKind;
  readonly direction: SettlementDirection;
  readonly currency: string;
  readonly amount: string;
  readonly valueDate: BusinessDate;
  readonly entryId: string;
}

export interface SettlementDifference {
  readonly field: 'kind' | 'direction' | 'currency' | 'amount';
  readonly ours: string;
  readonly theirs: string;
}

export type ReconciliationItem =
  | {
      readonly settlementId: string;
      readonly status: 'matched';
      readonly ours: SettlementSide;
      readonly theirs: SettlementSide;
    }
  | {
      readonly settlementId: string;
      readonly status: 'mismatched';
      readonly ours: SettlementSide;
      readonly theirs: SettlementSide;
      readonly differences: readonly SettlementDifference[];
    }
  | {
      readonly settlementId: string;
      readonly status: 'unmatched';
      /** Which book lacks its side: the other cooperative's (`theirs`) or this one's. */
      readonly missingIn: 'ours' | 'theirs';
      readonly ours: SettlementSide | null;
      readonly theirs: SettlementSide | null;
    };

export interface Reconciliation {
  readonly counts: {
    readonly matched: number;
    readonly mismatched: number;
    readonly unmatched: number;
  };
  readonly items: readonly ReconciliationItem[];
}

const opposite: Record<SettlementDirection, SettlementDirection> = { out: 'in', in: 'out' };

/**
 * Pairs the two books' sides by settlement id. Matched: the same kind, opposite directions (what
 * one paid out the other took in), the same currency and the same amount. Mismatched: both sides
 * are there and something differs (each difference named). Unmatched: one book has no side yet.
 * Value dates may differ (the money arrives a day later); they are shown, not judged.
 */
export function reconcile(
  ours: readonly SettlementSide[],
  theirs: readonly SettlementSide[],
): Reconciliation {
  const theirsById = new Map(theirs.map((s) => [s.id, s]));
  const ids = [...new Set([...ours.map((s) => s.id), ...theirs.map((s) => s.id)])].sort();
  const oursById = new Map(ours.map((s) => [s.id, s]));
  const items = ids.map((id): ReconciliationItem => {
    const mine = oursById.get(id) ?? null;
    const other = theirsById.get(id) ?? null;
    if (!mine || !other) {
      return {
        settlementId: id,
        status: 'unmatched',
        missingIn: mine ? 'theirs' : 'ours',
        ours: mine,
        theirs: other,
      };
    }
    const differences: SettlementDifference[] = [];
    if (mine.kind !== other.kind) {
      differences.push({ field: 'kind', ours: mine.kind, theirs: other.kind });
    }
    if (other.direction !== opposite[mine.direction]) {
      differences.push({ field: 'direction', ours: mine.direction, theirs: other.direction });
    }
    if (mine.currency !== other.currency) {
      differences.push({ field: 'currency', ours: mine.currency, theirs: other.currency });
    } else if (!new Decimal(mine.amount).eq(other.amount)) {
      differences.push({ field: 'amount', ours: mine.amount, theirs: other.amount });
    }
    return differences.length === 0
      ? { settlementId: id, status: 'matched', ours: mine, theirs: other }
      : { settlementId: id, status: 'mismatched', ours: mine, theirs: other, differences };
  });
  const count = (status: ReconciliationItem['status']) =>
    items.filter((i) => i.status === status).length;
  return {
    counts: {
      matched: count('matched'),
      mismatched: count('mismatched'),
      unmatched: count('unmatched'),
    },
    items,
  };
}
