import { Money } from '@lumbung/core';
import type { PaidLine } from './loan-position';
import type { InterestMethod } from './loan-terms';
import type { LoanStatementLanguage } from './statement-text';

export const loanStatementFormats = ['json', 'csv', 'pdf'] as const;
export type LoanStatementFormat = (typeof loanStatementFormats)[number];

export interface LoanStatementLoan {
  readonly id: string;
  readonly loanNumber: string;
  readonly productCode: string;
  readonly currency: string;
  readonly principal: string;
  /** A fraction per `ratePer`: "0.01" with ratePer month is 1% a month. */
  readonly rate: string;
  readonly ratePer: 'year' | 'month';
  readonly method: InterestMethod;
  readonly instalments: number;
  readonly disbursedOn: string | null;
  readonly status: string;
  readonly closedOn: string | null;
}

/** Principal, interest and penalty of one instalment: what was paid, or what is still owed. */
export interface InstalmentParts {
  readonly principal: string;
  readonly interest: string;
  readonly penalty: string;
  /** principal + interest + penalty */
  readonly total: string;
}

export interface ScheduleRow {
  readonly no: number;
  readonly dueDate: string;
  readonly principal: string;
  readonly interest: string;
  readonly total: string;
  readonly balanceAfter: string;
  readonly paid: InstalmentParts;
  readonly unpaid: InstalmentParts;
}

export interface ScheduleSection {
  /** Not disbursed yet: the schedule as it would be if disbursed today. */
  readonly indicative: boolean;
  readonly instalments: readonly ScheduleRow[];
  readonly totals: {
    readonly principal: string;
    readonly interest: string;
    readonly total: string;
    readonly paid: InstalmentParts;
    readonly unpaid: InstalmentParts;
  };
}

/** The allocation buckets of a repayment; principal includes what was prepaid. */
export interface Allocated {
  readonly penalty: string;
  readonly fees: string;
  readonly interest: string;
  readonly principal: string;
}

export interface RepaymentRow {
  readonly id: string;
  readonly date: string;
  readonly amount: string;
  readonly channel: 'cash' | 'savings';
  /** The cash receipt's number; repayments from savings have none. */
  readonly receiptNumber: string | null;
  readonly allocated: Allocated;
  /** Principal paid ahead of the schedule (part of allocated.principal). */
  readonly prepaid: string;
  /** A reversed repayment stays listed, marked, and counts in no total. */
  readonly reversedOn: string | null;
}

export interface RepaymentSection {
  readonly items: readonly RepaymentRow[];
  /** Over the repayments not reversed. */
  readonly totals: Allocated & { readonly amount: string; readonly prepaid: string };
}

export const principalOperations = [
  'disbursement',
  'repayment',
  'reversal',
  'reallocation',
  'restructuring',
] as const;
export type PrincipalOperation = (typeof principalOperations)[number];

/** One posting on the loan's principal leaf as the ledger keeps it (debits positive). */
export interface PrincipalPosting {
  readonly version: string;
  readonly entryId: string;
  readonly postingDate: string;
  readonly valueDate: string;
  /** As recorded, in Indonesian. */
  readonly description: string;
  /** What made the entry, when loans did. */
  readonly operation: PrincipalOperation | null;
  readonly receiptNumber: string | null;
  readonly amount: string;
}

/** From the member's point of view: a debit is money lent, a credit principal repaid. */
export interface PrincipalLine {
  readonly lineNumber: number;
  readonly entryId: string;
  readonly date: string;
  readonly valueDate: string;
  readonly description: string;
  readonly receiptNumber: string | null;
  readonly debit: string;
  readonly credit: string;
  /** Principal outstanding after this line. */
  readonly balance: string;
}

export interface PrincipalLedger {
  readonly openingBalance: string;
  readonly lines: readonly PrincipalLine[];
  readonly totalDebit: string;
  readonly totalCredit: string;
  readonly closingBalance: string;
}

/** A restructuring of the loan: what remained, what was capitalised, the terms before and after. */
export interface StatementRestructuring {
  readonly date: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly outstandingPrincipal: string;
  readonly unpaidInterest: string;
  readonly capitalisedInterest: string;
  readonly newPrincipal: string;
  readonly before: StatementTerms;
  readonly after: StatementTerms;
  readonly reason: string;
}

export interface StatementTerms {
  readonly method: InterestMethod;
  readonly rate: string;
  readonly ratePer: 'year' | 'month';
  readonly instalments: number;
}

export interface LoanStatement {
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
  readonly loan: LoanStatementLoan;
  /** Value dates of ledger lines and repayments; the schedule is always shown whole. */
  readonly period: { readonly from: string; readonly to: string };
  readonly lang: LoanStatementLanguage;
  readonly generatedAt: string;
  readonly schedule: ScheduleSection;
  readonly repayments: RepaymentSection;
  readonly principalLedger: PrincipalLedger;
  /** Every restructuring, oldest first, whatever the period: they explain the schedule shown. */
  readonly restructurings: readonly StatementRestructuring[];
}

interface ScheduledInstalment {
  readonly no: number;
  readonly dueDate: string;
  readonly principal: string;
  readonly interest: string;
  readonly balanceAfter: string;
}

/** What is still owed of an instalment; an instalment not listed owes nothing. */
interface UnpaidInstalment {
  readonly no: number;
  readonly penalty: string;
  readonly interest: string;
  readonly principal: string;
}

type Parts = { principal: Money; interest: Money; penalty: Money };

const partsText = (parts: Parts): InstalmentParts => ({
  principal: parts.principal.toString(),
  interest: parts.interest.toString(),
  penalty: parts.penalty.toString(),
  total: parts.principal.plus(parts.interest).plus(parts.penalty).toString(),
});

const addParts = (a: Parts, b: Parts): Parts => ({
  principal: a.principal.plus(b.principal),
  interest: a.interest.plus(b.interest),
  penalty: a.penalty.plus(b.penalty),
});

/**
 * The schedule with what each instalment was paid (the allocation lines of the repayments not
 * reversed) and what it still owes. The caller passes no unpaid rows for a paid-off loan: the
 * interest its payoff quote left out was never due, so paid + unpaid may then fall short of
 * the schedule by exactly that interest.
 */
export function scheduleSection(
  instalments: readonly ScheduledInstalment[],
  unpaid: readonly UnpaidInstalment[],
  paidLines: readonly PaidLine[],
  currency: string,
  indicative: boolean,
): ScheduleSection {
  const money = (value: string) => Money.of(value, currency);
  const zero = Money.zero(currency);
  const none: Parts = { principal: zero, interest: zero, penalty: zero };
  // Fees are charged at disbursement, not by instalment: no instalment owes or is paid any.
  const paidOf = (no: number): Parts => {
    const paid = { ...none };
    for (const line of paidLines) {
      if (line.no !== no || line.bucket === 'fees') continue;
      paid[line.bucket] = paid[line.bucket].plus(money(line.amount));
    }
    return paid;
  };
  const unpaidOf = (no: number): Parts => {
    const due = unpaid.find((d) => d.no === no);
    return due
      ? {
          principal: money(due.principal),
          interest: money(due.interest),
          penalty: money(due.penalty),
        }
      : none;
  };
  let totals = { principal: zero, interest: zero, paid: none, unpaid: none };
  const rows = instalments.map((instalment): ScheduleRow => {
    const principal = money(instalment.principal);
    const interest = money(instalment.interest);
    const paid = paidOf(instalment.no);
    const owed = unpaidOf(instalment.no);
    totals = {
      principal: totals.principal.plus(principal),
      interest: totals.interest.plus(interest),
      paid: addParts(totals.paid, paid),
      unpaid: addParts(totals.unpaid, owed),
    };
    return {
      no: instalment.no,
      dueDate: instalment.dueDate,
      principal: principal.toString(),
      interest: interest.toString(),
      total: principal.plus(interest).toString(),
      balanceAfter: money(instalment.balanceAfter).toString(),
      paid: partsText(paid),
      unpaid: partsText(owed),
    };
  });
  return {
    indicative,
    instalments: rows,
    totals: {
      principal: totals.principal.toString(),
      interest: totals.interest.toString(),
      total: totals.principal.plus(totals.interest).toString(),
      paid: partsText(totals.paid),
      unpaid: partsText(totals.unpaid),
    },
  };
}

interface RecordedRepayment {
  readonly id: string;
  readonly receivedOn: string;
  readonly amount: string;
  readonly channel: 'cash' | 'savings';
  readonly receiptNumber: string | null;
  readonly penalty: string;
  readonly fees: string;
  readonly interest: string;
  readonly principal: string;
  readonly allocation: { readonly prepaid: string };
  /** Set on a re-application: the repayment it stands in for, same money, date and receipt. */
  readonly replacesRepaymentId: string | null;
  readonly reversedOn: string | null;
}

/**
 * A member's payments as they made them: a repayment re-applied after an earlier one was
 * reversed is listed once, as its latest application, in the place of the original.
 */
function asPaid(repayments: readonly RecordedRepayment[]): RecordedRepayment[] {
  const byId = new Map(repayments.map((r) => [r.id, r]));
  const replaced = new Set(repayments.map((r) => r.replacesRepaymentId));
  const originalOf = (r: RecordedRepayment): string => {
    const earlier = r.replacesRepaymentId === null ? undefined : byId.get(r.replacesRepaymentId);
    return earlier ? originalOf(earlier) : r.id;
  };
  return repayments
    .filter((r) => !replaced.has(r.id))
    .map((r) => ({ r, key: `${r.receivedOn} ${originalOf(r)}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ r }) => r);
}

/** The repayments by date received, with totals over those still standing. */
export function repaymentSection(
  recorded: readonly RecordedRepayment[],
  currency: string,
): RepaymentSection {
  const repayments = asPaid(recorded);
  const money = (value: string) => Money.of(value, currency);
  const zero = Money.zero(currency);
  const keys = ['amount', 'penalty', 'fees', 'interest', 'principal', 'prepaid'] as const;
  const sums = Object.fromEntries(keys.map((key) => [key, zero])) as Record<
    (typeof keys)[number],
    Money
  >;
  const items = repayments.map((r): RepaymentRow => {
    const row: RepaymentRow = {
      id: r.id,
      date: r.receivedOn,
      amount: money(r.amount).toString(),
      channel: r.channel,
      receiptNumber: r.receiptNumber,
      allocated: {
        penalty: money(r.penalty).toString(),
        fees: money(r.fees).toString(),
        interest: money(r.interest).toString(),
        principal: money(r.principal).toString(),
      },
      prepaid: money(r.allocation.prepaid).toString(),
      reversedOn: r.reversedOn,
    };
    if (r.reversedOn === null) {
      const values = { amount: row.amount, prepaid: row.prepaid, ...row.allocated };
      for (const key of keys) sums[key] = sums[key].plus(money(values[key]));
    }
    return row;
  });
  return {
    items,
    totals: {
      amount: sums.amount.toString(),
      penalty: sums.penalty.toString(),
      fees: sums.fees.toString(),
      interest: sums.interest.toString(),
      principal: sums.principal.toString(),
      prepaid: sums.prepaid.toString(),
    },
  };
}

/**
 * The principal leaf's lines in the period. The running balance starts from the opening balance
 * (value dates before the period), so opening, lines and closing always add up.
 */
export function principalLedger(
  openingBalance: Money,
  postings: readonly PrincipalPosting[],
  describe: (posting: PrincipalPosting) => string,
): PrincipalLedger {
  const zero = Money.zero(openingBalance.currency);
  let balance = openingBalance;
  let totalDebit = zero;
  let totalCredit = zero;
  const lines = postings.map((posting): PrincipalLine => {
    const amount = Money.of(posting.amount, openingBalance.currency);
    const debit = amount.isPositive() ? amount : zero;
    const credit = amount.isPositive() ? zero : zero.minus(amount);
    balance = balance.plus(amount);
    totalDebit = totalDebit.plus(debit);
    totalCredit = totalCredit.plus(credit);
    return {
      lineNumber: Number(posting.version),
      entryId: posting.entryId,
      date: posting.postingDate,
      valueDate: posting.valueDate,
      description: describe(posting),
      receiptNumber: posting.receiptNumber,
      debit: debit.toString(),
      credit: credit.toString(),
      balance: balance.toString(),
    };
  });
  return {
    openingBalance: openingBalance.toString(),
    lines,
    totalDebit: totalDebit.toString(),
    totalCredit: totalCredit.toString(),
    closingBalance: balance.toString(),
  };
}
