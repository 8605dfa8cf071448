import {
  type BusinessDate,
  type FieldProblem,
  InvalidInputError,
  isBusinessDate,
  isUuid,
  Money,
  RuleViolationError,
} from '@lumbung/core';
import { type AccountClass, type CounterpartyClass, counterpartyClasses } from './account-class';
import type { Dimensions } from './entry-draft';

/** Gap-free voucher series of manual journals (DESIGN.md section 3, Vouchers and receipts). */
export const voucherTypes = ['BKM', 'BKK', 'BM'] as const;
export type VoucherType = (typeof voucherTypes)[number];

/** One line as asked for: a leaf by code, a debit or a credit as a decimal string. */
export interface JournalLine {
  readonly accountCode: string;
  /** Debits positive, credits negative (the ledger's sign convention). */
  readonly amount: Money;
  readonly counterpartyClass?: CounterpartyClass;
  readonly dimensions?: Dimensions;
  readonly memo?: string;
}

export interface JournalDraft {
  readonly description: string;
  readonly attachmentReference: string;
  /** Absent: the business date of the approval that posts it. */
  readonly valueDate?: BusinessDate;
  readonly lines: readonly JournalLine[];
}

const maxLines = 100;
const maxText = 500;
const maxReference = 300;
const maxDimension = 100;
const accountCodePattern = /^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$/;
const textDimensions = ['program', 'sector', 'commodity', 'region'] as const;

/**
 * Reads a journal as submitted (JSON), collecting every problem by field: text lengths, one of
 * debit or credit per line as a positive decimal string in the line's currency, and the lines
 * balancing per currency. Accounts are checked later, against the chart.
 */
export function parseJournalDraft(input: unknown): JournalDraft {
  const body = (input ?? {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const description = textField(body.description, 'description', maxText, problems);
  const attachmentReference = textField(
    body.attachmentReference,
    'attachmentReference',
    maxReference,
    problems,
  );
  let valueDate: BusinessDate | undefined;
  if (body.valueDate !== undefined && body.valueDate !== null) {
    if (isBusinessDate(body.valueDate)) valueDate = body.valueDate;
    else problems.push({ field: 'valueDate', message: 'a date YYYY-MM-DD' });
  }
  const rawLines = Array.isArray(body.lines) ? (body.lines as unknown[]) : null;
  if (!rawLines || rawLines.length < 2 || rawLines.length > maxLines) {
    problems.push({ field: 'lines', message: `2 to ${maxLines} lines` });
  }
  const lines = (rawLines ?? []).flatMap((raw, i) => {
    const line = parseLine(raw, `lines[${i}]`, problems);
    return line ? [line] : [];
  });
  if (problems.length === 0) problems.push(...imbalances(lines));
  if (problems.length > 0) throw new InvalidInputError('The journal is not valid', problems);
  return { description, attachmentReference, valueDate, lines };
}

function parseLine(raw: unknown, at: string, problems: FieldProblem[]): JournalLine | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ field: at, message: 'an object' });
    return null;
  }
  const line = raw as Record<string, unknown>;
  const before = problems.length;
  const accountCode = line.accountCode;
  if (typeof accountCode !== 'string' || !accountCodePattern.test(accountCode)) {
    problems.push({ field: `${at}.accountCode`, message: 'an account code such as "5-2107"' });
  }
  const hasDebit = line.debit !== undefined && line.debit !== null;
  const hasCredit = line.credit !== undefined && line.credit !== null;
  let amount: Money | null = null;
  if (hasDebit === hasCredit) {
    problems.push({ field: at, message: 'exactly one of debit or credit' });
  } else {
    const side = hasDebit ? 'debit' : 'credit';
    amount = parseAmount(line[side], line.currency, `${at}.${side}`, problems);
    if (amount && side === 'credit') amount = amount.negated();
  }
  const counterpartyClass = line.counterpartyClass;
  if (
    counterpartyClass !== undefined &&
    counterpartyClass !== null &&
    !counterpartyClasses.includes(counterpartyClass as CounterpartyClass)
  ) {
    problems.push({
      field: `${at}.counterpartyClass`,
      message: counterpartyClasses.join(', '),
    });
  }
  const dimensions = parseDimensions(line.dimensions, `${at}.dimensions`, problems);
  const memo = line.memo;
  if (memo !== undefined && memo !== null && (typeof memo !== 'string' || memo.length > maxText)) {
    problems.push({ field: `${at}.memo`, message: `text of at most ${maxText} characters` });
  }
  if (problems.length > before || !amount) return null;
  return {
    accountCode: accountCode as string,
    amount,
    ...(counterpartyClass ? { counterpartyClass: counterpartyClass as CounterpartyClass } : {}),
    ...(dimensions ? { dimensions } : {}),
    ...(typeof memo === 'string' && memo.length > 0 ? { memo } : {}),
  };
}

function parseAmount(
  value: unknown,
  currencyCode: unknown,
  field: string,
  problems: FieldProblem[],
): Money | null {
  if (typeof currencyCode !== 'string') {
    problems.push({ field: field.replace(/\.(debit|credit)$/, '.currency'), message: 'ISO 4217' });
    return null;
  }
  try {
    const amount = Money.parse(value, currencyCode, field);
    if (amount.isPositive()) return amount;
    problems.push({ field, message: 'must be positive' });
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    problems.push(
      ...(error.errors.length > 0 ? error.errors : [{ field, message: error.message }]),
    );
  }
  return null;
}

function parseDimensions(
  raw: unknown,
  at: string,
  problems: FieldProblem[],
): Dimensions | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ field: at, message: 'an object' });
    return undefined;
  }
  const given = raw as Record<string, unknown>;
  const dimensions: Record<string, string> = {};
  for (const [key, value] of Object.entries(given)) {
    if (key === 'agreementId') {
      if (isUuid(value)) dimensions.agreementId = value;
      else problems.push({ field: `${at}.agreementId`, message: 'a UUID' });
    } else if ((textDimensions as readonly string[]).includes(key)) {
      if (typeof value === 'string' && value.length >= 1 && value.length <= maxDimension) {
        dimensions[key] = value;
      } else {
        problems.push({ field: `${at}.${key}`, message: `1 to ${maxDimension} characters` });
      }
    } else {
      problems.push({
        field: `${at}.${key}`,
        message: `unknown; dimensions are agreementId, ${textDimensions.join(', ')}`,
      });
    }
  }
  return Object.keys(dimensions).length > 0 ? (dimensions as Dimensions) : undefined;
}

function textField(value: unknown, field: string, max: number, problems: FieldProblem[]): string {
  if (typeof value === 'string' && value.trim().length > 0 && value.length <= max) return value;
  problems.push({ field, message: `1 to ${max} characters` });
  return '';
}

function imbalances(lines: readonly JournalLine[]): FieldProblem[] {
  const totals = new Map<string, Money>();
  for (const line of lines) {
    const code = line.amount.currency.code;
    totals.set(code, (totals.get(code) ?? Money.zero(code)).plus(line.amount));
  }
  return [...totals]
    .filter(([, total]) => !total.isZero())
    .map(([code, total]) => ({
      field: 'lines',
      message: `${code} debits and credits differ by ${total.abs().toString()}`,
    }));
}

/** Total debits: what the approval weighs (one currency, the functional one). */
export function journalDebits(draft: JournalDraft, currency: string): Money {
  return draft.lines
    .filter((line) => line.amount.isPositive())
    .reduce((sum, line) => sum.plus(line.amount), Money.zero(currency));
}

/**
 * BKM when money comes into cash or bank, BKK when it leaves, BM (memorial) when no cash or bank
 * leaf moves. A transfer between cash and bank both debits and credits such leaves: money leaves
 * a till or account, so its voucher is the payment voucher, BKK.
 */
export function voucherTypeOf(
  lines: ReadonlyArray<{ readonly cashOrBank: boolean; readonly amount: Money }>,
): VoucherType {
  const cash = lines.filter((line) => line.cashOrBank);
  if (cash.length === 0) return 'BM';
  return cash.every((line) => line.amount.isPositive()) ? 'BKM' : 'BKK';
}

/** What the chart says about a line's account, read before a journal may use it. */
export interface JournalAccountFacts {
  readonly code: string;
  readonly isLeaf: boolean;
  readonly class: AccountClass;
  readonly currency: string | null;
  readonly holder: 'general' | 'member';
  /** The chart template's key, null for a leaf a domain opened. */
  readonly templateKey: string | null;
  /** The template key of the heading above it (`bank` for the cooperative's bank accounts). */
  readonly parentTemplateKey: string | null;
}

/**
 * Template leaves whose balance a sub-ledger explains: the domain that keeps the sub-ledger books
 * them (DESIGN.md: a domain's own correction goes through that domain), so a journal would leave
 * the sub-ledger and the books apart. Provision expense is the provision rows; over and short the
 * tills' counted differences; loan and partner interest, penalties and recoveries the loans';
 * savings interest and its withholding tax the savings accrual; the FX position and its gains the
 * month-end revaluation.
 */
export const domainOwnedTemplateKeys: ReadonlySet<string> = new Set([
  'expense.provisions',
  'cash.over-short',
  'income.loan-interest',
  'income.penalties',
  'income.partner-interest',
  'income.recoveries',
  'expense.savings-interest',
  'tax.withholding',
  'fx.position',
  'fx.gain-loss',
]);

/**
 * Cash and bank: the vault and every bank account (the tills under their own heading are the
 * tellers'). A journal moving them is a cash voucher, BKM or BKK.
 */
export function isCashOrBank(account: Pick<JournalAccountFacts, 'parentTemplateKey'>): boolean {
  return account.parentTemplateKey === 'cash' || account.parentTemplateKey === 'bank';
}

export type JournalAccountRefusal =
  | 'not-a-leaf'
  | 'member-account'
  | 'memorandum-account'
  | 'control-account'
  | 'foreign-currency-account';

/**
 * Why a journal may not post to an account, or null when it may. Member accounts and memorandum
 * are never a journal's; leaves a domain opened (tills, product control leaves, facility
 * accounts) are its sub-ledger's, except the cooperative's registered bank accounts. Manual
 * journals are in the functional currency: a foreign-currency line needs a rate, which the
 * journal does not carry. Bank accounts are opened under the bank heading (`1-12`) as leaves of
 * their own, so a leaf there is a bank account whoever opened it.
 */
export function journalAccountRefusal(
  account: JournalAccountFacts,
  functionalCurrency: string,
): JournalAccountRefusal | null {
  if (!account.isLeaf) return 'not-a-leaf';
  if (account.holder === 'member') return 'member-account';
  if (account.class === 'memorandum') return 'memorandum-account';
  const domainLeaf = account.templateKey === null && account.parentTemplateKey !== 'bank';
  if (domainLeaf || domainOwnedTemplateKeys.has(account.templateKey ?? '')) {
    return 'control-account';
  }
  return account.currency === functionalCurrency ? null : 'foreign-currency-account';
}

/** A refusal as the problem the caller sees (422), naming the line. */
export function journalAccountProblem(
  field: string,
  code: string,
  refusal: JournalAccountRefusal,
): RuleViolationError {
  return new RuleViolationError(
    'journal-account-refused',
    'Account not open to manual journals',
    `Account ${code} cannot take a manual journal: ${refusalText[refusal]}`,
    { field, accountCode: code, refusal },
  );
}

const refusalText: Record<JournalAccountRefusal, string> = {
  'not-a-leaf': 'postings go to leaf accounts only',
  'member-account': "a member's savings or loan account changes only through its own operations",
  'memorandum-account': 'memorandum accounts are kept by the loans they record',
  'control-account': 'its balance is a sub-ledger kept by its own domain',
  'foreign-currency-account': 'manual journals are in the functional currency',
};

/** Back-dating goes no later than the business date; the month must be open (checked apart). */
export function valueDateProblem(
  valueDate: BusinessDate | undefined,
  businessDate: BusinessDate,
): string | null {
  if (valueDate !== undefined && valueDate > businessDate) {
    return `the value date ${valueDate} is after the business date ${businessDate}`;
  }
  return null;
}
