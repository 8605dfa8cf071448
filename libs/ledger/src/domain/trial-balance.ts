import { Decimal } from '@lumbung/core';
import type { AccountClass, NormalSide } from './account-class';

export interface ChartAccount {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly class: AccountClass;
  readonly normalSide: NormalSide;
  readonly parentId: string | null;
  readonly isLeaf: boolean;
  readonly currency: string | null;
}

/** The signed sum of a leaf's postings up to the as-of date. */
export interface LeafSum {
  readonly accountId: string;
  readonly currency: string;
  readonly balance: Decimal;
  readonly functionalBalance: Decimal;
}

export interface TrialBalanceLine {
  readonly account: ChartAccount;
  readonly depth: number;
  readonly currency: string;
  /** Net balance shown in the debit column when positive, the credit column when negative. */
  readonly debit: Decimal;
  readonly credit: Decimal;
  readonly balance: Decimal;
  readonly functionalBalance: Decimal;
}

export interface CurrencyTotal {
  readonly currency: string;
  readonly debit: Decimal;
  readonly credit: Decimal;
}

export interface TrialBalance {
  readonly lines: readonly TrialBalanceLine[];
  /** Over leaves only, per currency; debit equals credit when the books balance. */
  readonly totals: readonly CurrencyTotal[];
  readonly functionalTotal: CurrencyTotal;
}

const zero = new Decimal(0);

function column(balance: Decimal): { debit: Decimal; credit: Decimal } {
  return balance.isPositive() && !balance.isZero()
    ? { debit: balance, credit: zero }
    : { debit: zero, credit: balance.negated() };
}

/**
 * Lays the chart out depth first (children by code) with each heading carrying the sum of the
 * leaves under it, per currency. Accounts without any posting are left out.
 */
export function buildTrialBalance(
  chart: readonly ChartAccount[],
  sums: readonly LeafSum[],
  functionalCurrency: string,
): TrialBalance {
  const children = new Map<string | null, ChartAccount[]>();
  for (const account of chart) {
    const siblings = children.get(account.parentId) ?? [];
    siblings.push(account);
    children.set(account.parentId, siblings);
  }
  children.forEach((siblings) => siblings.sort((a, b) => a.code.localeCompare(b.code)));
  const leafSums = new Map(sums.map((s) => [s.accountId, s]));

  const lines: TrialBalanceLine[] = [];
  type Totals = Map<string, { balance: Decimal; functionalBalance: Decimal }>;
  const visit = (account: ChartAccount, depth: number): Totals => {
    const totals: Totals = new Map();
    const at = lines.length;
    if (account.isLeaf) {
      const sum = leafSums.get(account.id);
      if (sum)
        totals.set(sum.currency, {
          balance: sum.balance,
          functionalBalance: sum.functionalBalance,
        });
    } else {
      for (const child of children.get(account.id) ?? []) {
        for (const [currency, t] of visit(child, depth + 1)) {
          const acc = totals.get(currency) ?? { balance: zero, functionalBalance: zero };
          totals.set(currency, {
            balance: acc.balance.plus(t.balance),
            functionalBalance: acc.functionalBalance.plus(t.functionalBalance),
          });
        }
      }
    }
    const own = [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, t]) => ({ account, depth, currency, ...column(t.balance), ...t }));
    lines.splice(at, 0, ...own);
    return totals;
  };
  const rootTotals = new Map<string, { debit: Decimal; credit: Decimal }>();
  let functionalTotal = { debit: zero, credit: zero };
  for (const root of children.get(null) ?? []) visit(root, 0);
  for (const line of lines) {
    if (!line.account.isLeaf) continue;
    const t = rootTotals.get(line.currency) ?? { debit: zero, credit: zero };
    rootTotals.set(line.currency, {
      debit: t.debit.plus(line.debit),
      credit: t.credit.plus(line.credit),
    });
    const f = column(line.functionalBalance);
    functionalTotal = {
      debit: functionalTotal.debit.plus(f.debit),
      credit: functionalTotal.credit.plus(f.credit),
    };
  }
  return {
    lines,
    totals: [...rootTotals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, t]) => ({ currency, ...t })),
    functionalTotal: { currency: functionalCurrency, ...functionalTotal },
  };
}
