import { currency, type Decimal } from '@lumbung/core';
import type { TrialBalance } from '@lumbung/ledger';

const amount = (value: Decimal, code: string): string => value.toFixed(currency(code).minorUnits);

/** Amounts leave as decimal strings at their currency's scale. */
export function presentTrialBalance(
  cooperativeCode: string,
  tb: TrialBalance & { asOf: string; functionalCurrency: string },
) {
  const fc = tb.functionalCurrency;
  return {
    cooperative: cooperativeCode,
    asOf: tb.asOf,
    functionalCurrency: fc,
    balanced:
      tb.totals.every((t) => t.debit.eq(t.credit)) &&
      tb.functionalTotal.debit.eq(tb.functionalTotal.credit),
    lines: tb.lines.map((line) => ({
      accountId: line.account.id,
      code: line.account.code,
      name: line.account.name,
      class: line.account.class,
      isLeaf: line.account.isLeaf,
      depth: line.depth,
      currency: line.currency,
      debit: amount(line.debit, line.currency),
      credit: amount(line.credit, line.currency),
      balance: amount(line.balance, line.currency),
      functionalBalance: amount(line.functionalBalance, fc),
    })),
    totals: tb.totals.map((t) => ({
      currency: t.currency,
      debit: amount(t.debit, t.currency),
      credit: amount(t.credit, t.currency),
    })),
    functionalTotal: {
      currency: fc,
      debit: amount(tb.functionalTotal.debit, fc),
      credit: amount(tb.functionalTotal.credit, fc),
    },
  };
}
