import { Money, RuleViolationError } from '@lumbung/core';
import {
  drawObligations,
  type ExitObligation,
  type ObligationSettlement,
} from './exit-obligations';
import type { ProductKind } from './product-terms';
import { addMonths, type Month } from './wajib';

/** A member leaves by their own choice (or the board's), or dies and their heirs are paid. */
export const exitReasons = ['exit', 'death'] as const;
export type ExitReason = (typeof exitReasons)[number];

export const exitStatusOf = {
  exit: 'exited',
  death: 'deceased',
} as const satisfies Record<ExitReason, string>;

/** A savings account the exit closes, with what the cooperative owes the member on it now. */
export interface ExitAccount {
  readonly id: string;
  readonly accountNumber: string;
  readonly kind: ProductKind;
  readonly balance: Money;
}

/** The member's unpaid simpanan wajib today (`wajibPosition`), at the product's monthly amount. */
export interface WajibDue {
  readonly accountId: string;
  readonly monthsInArrears: number;
  readonly nextDue: Month;
  readonly monthly: Money;
}

export interface SettlementLine {
  readonly accountId: string;
  readonly accountNumber: string;
  readonly kind: ProductKind;
  /** Owed to the member before the exit. */
  readonly balance: string;
  /** What settling wajib arrears moves: into the wajib account positive, out of voluntary negative. */
  readonly arrearsMoved: string;
  /** Taken from the account for the member's obligations (loans), after the arrears. */
  readonly toObligations: string;
  /** Paid to the member or the heirs: what is left after the arrears and the obligations. */
  readonly paidOut: string;
}

export interface ArrearsSettlement {
  readonly monthsDue: number;
  readonly monthsSettled: number;
  /** The months settled, oldest first; null when none. */
  readonly months: { readonly from: Month; readonly through: Month } | null;
  readonly amountSettled: string;
  /** Left unpaid: the voluntary savings could not cover it, and an exit invents no money. */
  readonly monthsUnsettled: number;
  readonly amountUnsettled: string;
}

/** Everything an exit moves, as decimal strings so the approver sees exactly what will move. */
export interface ExitSettlement {
  readonly currency: string;
  readonly lines: readonly SettlementLine[];
  readonly wajibArrears: ArrearsSettlement;
  /** What the member owed the cooperative (loans paid off), each drawn from the accounts. */
  readonly obligations: readonly ObligationSettlement[];
  readonly totalObligations: string;
  readonly totalPaidOut: string;
}

/**
 * Settles wajib arrears from the member's voluntary savings, oldest month first and in whole
 * months only (a month is paid or not: `wajib_paid_through` has no half months), drawing on the
 * voluntary accounts in the order given; then the member's obligations (loans) take what they
 * are owed, sukarela first, then wajib, then pokok (`drawObligations`, which refuses when the
 * savings do not cover them); then every account pays out what is left. Tills hold only the
 * functional currency, so an account in another refuses the exit; so does a time deposit
 * holding money: it settles at maturity or by early withdrawal.
 */
export function settleExit(
  accounts: readonly ExitAccount[],
  wajib: WajibDue | null,
  currency: string,
  obligations: readonly ExitObligation[] = [],
): ExitSettlement {
  for (const account of accounts) requireSettleable(account, currency);
  const arrears = arrearsSettlement(accounts, wajib, currency);
  const moved = arrearsMoves(accounts, wajib, arrears, currency);
  const afterArrears = accounts.map((account) => ({
    id: account.id,
    kind: account.kind,
    balance: account.balance.plus(moved.get(account.id)!),
  }));
  const drawn = drawObligations(afterArrears, obligations, currency);
  let total = Money.zero(currency);
  let totalObligations = Money.zero(currency);
  const lines = accounts.map((account): SettlementLine => {
    const taken = drawn.taken.get(account.id) ?? Money.zero(currency);
    const paidOut = account.balance.plus(moved.get(account.id)!).minus(taken);
    total = total.plus(paidOut);
    totalObligations = totalObligations.plus(taken);
    return {
      accountId: account.id,
      accountNumber: account.accountNumber,
      kind: account.kind,
      balance: account.balance.toString(),
      arrearsMoved: moved.get(account.id)!.toString(),
      toObligations: taken.toString(),
      paidOut: paidOut.toString(),
    };
  });
  return {
    currency,
    lines,
    wajibArrears: arrears,
    obligations: drawn.settled,
    totalObligations: totalObligations.toString(),
    totalPaidOut: total.toString(),
  };
}

/** Per account, what settling the arrears moves: into wajib, out of voluntary savings in order. */
function arrearsMoves(
  accounts: readonly ExitAccount[],
  wajib: WajibDue | null,
  arrears: ArrearsSettlement,
  currency: string,
): ReadonlyMap<string, Money> {
  let toDraw = Money.parse(arrears.amountSettled, currency);
  return new Map(
    accounts.map((account) => {
      let moved = Money.zero(currency);
      if (account.id === wajib?.accountId) moved = Money.parse(arrears.amountSettled, currency);
      if (account.kind === 'sukarela' && toDraw.isPositive()) {
        moved = (account.balance.compare(toDraw) < 0 ? account.balance : toDraw).negated();
        toDraw = toDraw.plus(moved);
      }
      return [account.id, moved] as const;
    }),
  );
}

/** True when two settlements move the same money: execution refuses one that drifted. */
export function settlementsAgree(a: ExitSettlement, b: ExitSettlement): boolean {
  // Explicit order: a settlement read back from JSONB comes with its keys reordered. One stored
  // before exits settled obligations has none of their fields: it took nothing for them.
  const text = (s: ExitSettlement) => {
    const none = Money.zero(s.currency).toString();
    return JSON.stringify([
      s.currency,
      s.totalPaidOut,
      s.wajibArrears.monthsDue,
      s.wajibArrears.monthsSettled,
      s.wajibArrears.amountSettled,
      s.lines.map((l) => [
        l.accountId,
        l.balance,
        l.arrearsMoved,
        l.toObligations ?? none,
        l.paidOut,
      ]),
      s.totalObligations ?? none,
      (s.obligations ?? []).map((o) => [
        o.kind,
        o.id,
        o.amount,
        o.drawnFrom.map((d) => [d.accountId, d.amount]),
      ]),
    ]);
  };
  return text(a) === text(b);
}

function requireSettleable(account: ExitAccount, currency: string): void {
  if (account.balance.currency.code !== currency) {
    throw new RuleViolationError(
      'foreign-currency-savings',
      'Savings in a foreign currency',
      `Account ${account.accountNumber} is kept in ${account.balance.currency.code}: tills pay out only ${currency} until FX rates land`,
      { accountId: account.id },
    );
  }
  if (account.kind === 'berjangka' && account.balance.isPositive()) {
    throw new RuleViolationError(
      'time-deposit-running',
      'Time deposit running',
      `Account ${account.accountNumber} holds a time deposit of ${account.balance.toString()}: settle it first (at maturity, or early for the product's penalty), then the member may leave`,
      { accountId: account.id },
    );
  }
}

function arrearsSettlement(
  accounts: readonly ExitAccount[],
  wajib: WajibDue | null,
  currency: string,
): ArrearsSettlement {
  const monthsDue = wajib?.monthsInArrears ?? 0;
  const monthly = wajib?.monthly ?? Money.zero(currency);
  const voluntary = accounts
    .filter((a) => a.kind === 'sukarela')
    .reduce((sum, a) => sum.plus(a.balance), Money.zero(currency));
  const affordable = monthly.isPositive()
    ? voluntary.amount.dividedToIntegerBy(monthly.amount).toNumber()
    : monthsDue;
  const monthsSettled = Math.min(monthsDue, affordable);
  return {
    monthsDue,
    monthsSettled,
    months:
      wajib && monthsSettled > 0
        ? { from: wajib.nextDue, through: addMonths(wajib.nextDue, monthsSettled - 1) }
        : null,
    amountSettled: monthly.times(String(monthsSettled), 'half-up').toString(),
    monthsUnsettled: monthsDue - monthsSettled,
    amountUnsettled: monthly.times(String(monthsDue - monthsSettled), 'half-up').toString(),
  };
}
