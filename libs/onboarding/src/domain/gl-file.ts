import { Money } from '@lumbung/core';
import { CellReader } from './cells';
import { readCsvTable } from './csv-table';
import type { RowProblem } from './row-problem';

export const glColumns = {
  required: ['account_code', 'debit', 'credit'],
  optional: ['counterparty_class'],
} as const;

/** What the chart says about an account (libs/ledger's ChartService.accountFacts). */
export interface GlAccountFacts {
  readonly id: string;
  readonly code: string;
  readonly isLeaf: boolean;
  readonly class: 'asset' | 'liability' | 'equity' | 'income' | 'expense' | 'memorandum';
  readonly currency: string | null;
  readonly holder: 'general' | 'member';
  /** Null for a leaf a domain opened (tills, product and interest leaves, members' accounts). */
  readonly templateKey: string | null;
  readonly parentTemplateKey: string | null;
}

export interface GlContext {
  readonly currency: string;
  readonly accounts: ReadonlyMap<string, GlAccountFacts>;
  readonly counterpartyClasses: readonly string[];
  /** Template leaves whose balance a domain's sub-ledger explains (libs/ledger). */
  readonly domainOwnedTemplateKeys: ReadonlySet<string>;
}

export interface GlLine {
  readonly row: number;
  readonly accountId: string;
  readonly accountCode: string;
  /** Signed: a debit positive, a credit negative. */
  readonly amount: Money;
  readonly counterpartyClass: string | null;
}

export interface GlFile {
  readonly lines: readonly GlLine[];
  readonly problems: readonly RowProblem[];
  /** Debits less credits: what the members' savings and loans must make up. */
  readonly net: Money;
}

/** The account codes gl.csv names, to look up in the chart before parsing it. */
export function accountCodesIn(text: string): string[] {
  const { rows } = readCsvTable('gl.csv', text, glColumns);
  return [...new Set(rows.map((row) => row.cell('account_code')).filter((code) => code !== ''))];
}

/** The account the opening entries balance against; it ends the cut-over at zero. */
export const openingEquityKey = 'equity.opening';

/**
 * gl.csv: the general ledger's other balances, one row a leaf, in the debit or the credit column.
 * Only the cooperative's own leaves in its functional currency: headings have no balance of their
 * own, members' accounts and the leaves a domain opened come with that domain's file, memorandum
 * belongs to the loans it records, and balance sheet leaves a sub-ledger explains (the FX
 * position, withheld tax) are that sub-ledger's. Income and expense (the year's results so far)
 * are welcome, with the counterparty class every income and expense posting carries.
 */
export function parseGlFile(text: string, context: GlContext): GlFile {
  const table = readCsvTable('gl.csv', text, glColumns);
  const cells = new CellReader('gl.csv');
  const seen = new Map<string, number>();
  const lines: GlLine[] = [];
  let net = Money.zero(context.currency);
  for (const record of table.rows) {
    const before = cells.problems.length;
    const code = cells.required(record, 'account_code');
    const account = code ? context.accounts.get(code) : undefined;
    if (code && !account)
      cells.problem(record.row, 'account_code', `no account ${code} in the chart`);
    const refusal = account && refusalOf(account, context);
    if (refusal) cells.problem(record.row, 'account_code', `${code}: ${refusal}`);
    if (code) {
      const first = seen.get(code);
      if (first !== undefined)
        cells.problem(record.row, 'account_code', `${code} is already on row ${first}`);
      else seen.set(code, record.row);
    }
    const amountsFrom = cells.problems.length;
    const debit = cells.amount(record, 'debit', context.currency, true);
    const credit = cells.amount(record, 'credit', context.currency, true);
    const filled = [debit, credit].filter((side) => side !== undefined && !side.isZero());
    if (cells.problems.length === amountsFrom && filled.length !== 1) {
      cells.problem(
        record.row,
        'debit',
        'exactly one of debit and credit holds an amount above zero',
      );
    }
    const counterparty = record.cell('counterparty_class') || null;
    if (account && (account.class === 'income' || account.class === 'expense')) {
      if (!counterparty) {
        cells.problem(
          record.row,
          'counterparty_class',
          `required on ${account.class} accounts (${context.counterpartyClasses.join(', ')})`,
        );
      } else if (!context.counterpartyClasses.includes(counterparty)) {
        cells.problem(
          record.row,
          'counterparty_class',
          `"${counterparty}" is not one of ${context.counterpartyClasses.join(', ')}`,
        );
      }
    } else if (account && counterparty) {
      cells.problem(record.row, 'counterparty_class', 'only income and expense rows carry one');
    }
    if (cells.problems.length > before) continue;
    const amount = debit && !debit.isZero() ? debit : credit!.negated();
    lines.push({
      row: record.row,
      accountId: account!.id,
      accountCode: code!,
      amount,
      counterpartyClass: counterparty,
    });
    net = net.plus(amount);
  }
  return { lines, problems: [...table.problems, ...cells.problems], net };
}

function refusalOf(account: GlAccountFacts, context: GlContext): string | null {
  if (!account.isLeaf) return 'a heading: balances open on its leaves';
  if (account.holder === 'member')
    return "a member's account: its balance comes from savings.csv or loans.csv";
  if (account.class === 'memorandum')
    return 'memorandum accounts are kept by the loans they record';
  if (account.templateKey === openingEquityKey)
    return 'the opening entries balance against it: it is never listed';
  // The first end of day provisions every loan by its grade on its product's own allowance leaf:
  // a general allowance brought over as well would count the same risk twice.
  if (account.parentTemplateKey === 'provisions')
    return "the end of day rebuilds the allowance from each loan's grade: bring a general allowance over as reserves";
  if (account.templateKey === null && account.parentTemplateKey !== 'bank') {
    return 'a leaf its domain opened (till, product control or interest leaf): its balance comes with that domain';
  }
  const balanceSheet = account.class !== 'income' && account.class !== 'expense';
  if (balanceSheet && context.domainOwnedTemplateKeys.has(account.templateKey ?? '')) {
    return 'its balance is a sub-ledger kept by its own domain';
  }
  if (account.currency !== context.currency)
    return `kept in ${account.currency}, not ${context.currency}`;
  return null;
}
