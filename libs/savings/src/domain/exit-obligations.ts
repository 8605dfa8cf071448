import { Money, RuleViolationError } from '@lumbung/core';
import type { ProductKind } from './product-terms';

/**
 * Something the member owes the cooperative on leaving (a loan's payoff today), stated by the
 * module that owns it: savings settles it without knowing what it is.
 */
export interface ExitObligation {
  /** The handler that stated it and settles it, e.g. 'loans'. */
  readonly kind: string;
  /** The handler's own id for it, e.g. the loan's id. */
  readonly id: string;
  /** What the member and the approver know it by, e.g. the loan number. */
  readonly reference: string;
  readonly description: string;
  readonly amount: Money;
}

/** One savings account's share of an obligation. */
export interface ObligationDraw {
  readonly accountId: string;
  readonly amount: string;
}

/** An obligation as the approver sees it settled: what it takes and from which accounts. */
export interface ObligationSettlement {
  readonly kind: string;
  readonly id: string;
  readonly reference: string;
  readonly description: string;
  readonly amount: string;
  readonly drawnFrom: readonly ObligationDraw[];
}

/** A savings account's balance once the wajib arrears moved, what obligations may draw on. */
export interface DrawableAccount {
  readonly id: string;
  readonly kind: ProductKind;
  readonly balance: Money;
}

/**
 * Voluntary savings first (the member could have withdrawn them anyway), then wajib, then pokok
 * (the equity the member paid in last of all): the order in which obligations draw.
 */
export const obligationDrawOrder: readonly ProductKind[] = ['sukarela', 'wajib', 'pokok'];

/**
 * Draws every obligation, in the order given, from the accounts in `obligationDrawOrder` (accounts
 * of one kind in the order given). Refuses when the savings do not cover them all: an exit never
 * leaves a debt behind a member who is gone, nor pays out savings the cooperative is owed.
 */
export function drawObligations(
  accounts: readonly DrawableAccount[],
  obligations: readonly ExitObligation[],
  currency: string,
): { readonly settled: ObligationSettlement[]; readonly taken: ReadonlyMap<string, Money> } {
  for (const obligation of obligations) requireCurrency(obligation, currency);
  const pots = obligationDrawOrder.flatMap((kind) => accounts.filter((a) => a.kind === kind));
  requireCovered(pots, obligations, currency);
  const left = new Map(pots.map((pot) => [pot.id, pot.balance] as const));
  const settled = obligations.map((obligation): ObligationSettlement => {
    let owed = obligation.amount;
    const drawnFrom: ObligationDraw[] = [];
    for (const pot of pots) {
      if (!owed.isPositive()) break;
      const available = left.get(pot.id)!;
      if (!available.isPositive()) continue;
      const drawn = available.compare(owed) < 0 ? available : owed;
      left.set(pot.id, available.minus(drawn));
      owed = owed.minus(drawn);
      drawnFrom.push({ accountId: pot.id, amount: drawn.toString() });
    }
    return {
      kind: obligation.kind,
      id: obligation.id,
      reference: obligation.reference,
      description: obligation.description,
      amount: obligation.amount.toString(),
      drawnFrom,
    };
  });
  const taken = new Map(pots.map((pot) => [pot.id, pot.balance.minus(left.get(pot.id)!)] as const));
  return { settled, taken };
}

function requireCurrency(obligation: ExitObligation, currency: string): void {
  if (obligation.amount.currency.code !== currency) {
    throw new RuleViolationError(
      'foreign-currency-obligation',
      'Obligation in a foreign currency',
      `${obligation.description} is owed in ${obligation.amount.currency.code}: savings in ${currency} settle it only once FX rates land, so settle it first`,
      { reference: obligation.reference },
    );
  }
  if (obligation.amount.isNegative()) {
    throw new Error(`Obligation ${obligation.reference} owes a negative amount`);
  }
}

function requireCovered(
  pots: readonly DrawableAccount[],
  obligations: readonly ExitObligation[],
  currency: string,
): void {
  const sum = (amounts: readonly Money[]) =>
    amounts.reduce((total, amount) => total.plus(amount), Money.zero(currency));
  const owed = sum(obligations.map((o) => o.amount));
  const savings = sum(pots.filter((p) => p.balance.isPositive()).map((p) => p.balance));
  if (owed.compare(savings) <= 0) return;
  const shortfall = owed.minus(savings);
  throw new RuleViolationError(
    'obligations-exceed-savings',
    'Obligations exceed savings',
    `The member owes ${owed.toString()} ${currency} (${obligations.map((o) => `${o.description}: ${o.amount.toString()}`).join('; ')}) but holds ${savings.toString()} in savings: ${shortfall.toString()} must be repaid first, then the member may leave`,
    {
      currency,
      owed: owed.toString(),
      savings: savings.toString(),
      shortfall: shortfall.toString(),
      obligations: obligations.map((o) => ({
        reference: o.reference,
        description: o.description,
        amount: o.amount.toString(),
      })),
    },
  );
}
