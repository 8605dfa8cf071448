import { Money } from '@lumbung/core';
import type { ProductKind } from './product-terms';
import { describeLine, type Language } from './statement-language';

export const statementFormats = ['json', 'csv', 'pdf'] as const;
export type StatementFormat = (typeof statementFormats)[number];

/** One posting on a member's ledger leaf, as the ledger keeps it (debits positive). */
export interface LedgerLine {
  /** The leaf's account version: gap-free from 1, so it is also the line's number. */
  readonly version: string;
  readonly entryId: string;
  readonly postingDate: string;
  readonly valueDate: string;
  readonly description: string;
  /** The savings operation that made the entry, when savings made it. */
  readonly operation: string | null;
  /** The entry's voucher number in the `receipt` series. */
  readonly receiptNumber: string | null;
  readonly amount: string;
  readonly balanceAfter: string;
}

/** A line from the member's point of view: money in is a credit to them. */
export interface StatementLine {
  readonly lineNumber: number;
  readonly entryId: string;
  readonly date: string;
  readonly valueDate: string;
  readonly description: string;
  readonly operation: string | null;
  readonly receiptNumber: string | null;
  readonly debit: string;
  readonly credit: string;
  /** What the cooperative owes the member after this line. */
  readonly balance: string;
}

export interface StatementAccount {
  readonly accountId: string;
  readonly accountNumber: string;
  readonly kind: ProductKind;
  readonly productCode: string;
  readonly currency: string;
}

export interface AccountStatement extends StatementAccount {
  readonly openingBalance: string;
  readonly lines: readonly StatementLine[];
  readonly totalDebit: string;
  readonly totalCredit: string;
  readonly closingBalance: string;
}

export interface MemberStatement {
  readonly cooperative: {
    readonly id: string;
    readonly code: string;
    readonly name: string;
    readonly timeZone: string;
  };
  readonly member: {
    readonly id: string;
    readonly memberNumber: string;
    readonly fullName: string;
  };
  readonly period: { readonly from: string; readonly to: string };
  readonly lang: Language;
  readonly generatedAt: string;
  readonly accounts: readonly AccountStatement[];
}

/**
 * The member's side of a posting on their leaf: a credit to the leaf (a negative amount) is money
 * the cooperative now owes them, so it is a credit on their statement too.
 */
export function memberSide(amount: Money): { debit: Money; credit: Money } {
  const zero = Money.zero(amount.currency);
  return amount.isPositive()
    ? { debit: amount, credit: zero }
    : { debit: zero, credit: amount.negated().plus(zero) };
}

/**
 * One account's statement over the lines whose value date is in the period. The running balance
 * starts from the opening balance (value dates before the period), so opening, lines and closing
 * always add up, even around a back-valued entry.
 */
export function accountStatement(
  account: StatementAccount,
  openingBalance: Money,
  lines: readonly LedgerLine[],
  lang: Language,
): AccountStatement {
  const zero = Money.zero(account.currency);
  let balance = openingBalance;
  let totalDebit = zero;
  let totalCredit = zero;
  const statementLines = lines.map((line): StatementLine => {
    const { debit, credit } = memberSide(Money.of(line.amount, account.currency));
    balance = balance.plus(credit).minus(debit);
    totalDebit = totalDebit.plus(debit);
    totalCredit = totalCredit.plus(credit);
    return {
      lineNumber: Number(line.version),
      entryId: line.entryId,
      date: line.postingDate,
      valueDate: line.valueDate,
      description: describeLine(line, lang),
      operation: line.operation,
      receiptNumber: line.receiptNumber,
      debit: debit.toString(),
      credit: credit.toString(),
      balance: balance.toString(),
    };
  });
  return {
    ...account,
    openingBalance: openingBalance.toString(),
    lines: statementLines,
    totalDebit: totalDebit.toString(),
    totalCredit: totalCredit.toString(),
    closingBalance: balance.toString(),
  };
}
