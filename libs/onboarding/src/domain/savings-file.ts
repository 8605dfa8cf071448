import { type BusinessDate, Decimal, isPlainDecimalString, Money } from '@lumbung/core';
import { CellReader } from './cells';
import { readCsvTable } from './csv-table';
import type { RowProblem } from './row-problem';

export const savingsColumns = {
  required: ['member_number', 'product_code', 'balance'],
  optional: [
    'wajib_paid_through',
    'placement_start',
    'term_months',
    'annual_rate',
    'accrued_interest',
  ],
} as const;

const placementColumns = ['placement_start', 'term_months', 'annual_rate', 'accrued_interest'];

/** What the file needs to know of a savings product. */
export interface SavingsProductFacts {
  readonly kind: 'pokok' | 'wajib' | 'sukarela' | 'berjangka';
  readonly currency: string;
  readonly active: boolean;
}

export interface PlacementRecord {
  readonly startDate: BusinessDate;
  readonly termMonths: number;
  readonly annualRate: string;
  readonly accruedInterest: Money;
}

/** How libs/savings dates and accrues a placement: the file's figures must agree with it. */
export interface PlacementRules {
  maturity(start: BusinessDate, termMonths: number): BusinessDate;
  accruedBefore(placement: Omit<PlacementRecord, 'accruedInterest'>, principal: Money): Money;
}

export interface SavingsRecord {
  readonly row: number;
  readonly memberNumber: string;
  readonly productCode: string;
  readonly balance: Money;
  readonly wajibPaidThrough: string | null;
  readonly placement: PlacementRecord | null;
}

export interface SavingsFile {
  readonly accounts: readonly SavingsRecord[];
  readonly problems: readonly RowProblem[];
  /** Balances and the interest placements accrued: what the members' savings entry credits. */
  readonly total: Money;
}

/** Savings interest is capped at 9% a year (Permenkop 8/2023 Art. 26). */
const rateCap = new Decimal('0.09');

/**
 * savings.csv: one row a savings account, of a member in members.csv, under a product the
 * cooperative has (active, in its functional currency). One pokok and at most one wajib a member;
 * pokok above zero. Wajib rows may say the last month paid. Berjangka rows are one running
 * placement each, with its start, term, rate and the interest accrued through the day before the
 * cut-over, which must be what Lumbung's accrual gives, to the cent.
 */
export function parseSavingsFile(
  text: string,
  context: {
    readonly cutoverDate: BusinessDate;
    readonly currency: string;
    readonly products: ReadonlyMap<string, SavingsProductFacts>;
    /** Every member number members.csv holds (padded), with its row. */
    readonly memberRows: ReadonlyMap<string, number>;
    readonly placements: PlacementRules;
  },
): SavingsFile {
  const table = readCsvTable('savings.csv', text, savingsColumns);
  const cells = new CellReader('savings.csv');
  const equityRows = new Map<string, number>();
  const pokokPayers = new Set<string>();
  const accounts: SavingsRecord[] = [];
  let total = Money.zero(context.currency);
  for (const record of table.rows) {
    const before = cells.problems.length;
    const problem = (column: string, message: string): void =>
      cells.problem(record.row, column, message);
    const number = cells.required(record, 'member_number');
    const memberNumber = number && /^\d{1,12}$/.test(number) ? number.padStart(6, '0') : null;
    if (number && (!memberNumber || !context.memberRows.has(memberNumber))) {
      problem('member_number', `member ${number} is not in members.csv`);
    }
    const productCode = cells.required(record, 'product_code');
    const product = productCode ? context.products.get(productCode) : undefined;
    if (productCode && !product) problem('product_code', `no savings product ${productCode}`);
    if (product && !product.active) problem('product_code', `${productCode} is retired`);
    if (product && product.currency !== context.currency) {
      problem(
        'product_code',
        `${productCode} is kept in ${product.currency}, not ${context.currency}`,
      );
    }
    const balance = cells.amount(record, 'balance', context.currency);
    if (product?.kind === 'pokok' && balance?.isZero()) {
      problem('balance', 'simpanan pokok is paid before joining: above zero');
    }
    if (product?.kind === 'pokok' && memberNumber) pokokPayers.add(memberNumber);
    if (product && memberNumber && (product.kind === 'pokok' || product.kind === 'wajib')) {
      const key = `${memberNumber}:${product.kind}`;
      const first = equityRows.get(key);
      if (first !== undefined) {
        problem(
          'product_code',
          `member ${number} already has simpanan ${product.kind} on row ${first}`,
        );
      } else equityRows.set(key, record.row);
    }
    const wajibPaidThrough = record.cell('wajib_paid_through');
    if (wajibPaidThrough && product && product.kind !== 'wajib') {
      problem('wajib_paid_through', 'only a simpanan wajib row says the last month paid');
    } else if (wajibPaidThrough && !validPaidThrough(wajibPaidThrough, context.cutoverDate)) {
      problem(
        'wajib_paid_through',
        `"${wajibPaidThrough}" is not a month YYYY-MM before ${context.cutoverDate.slice(0, 7)}`,
      );
    }
    let placement: PlacementRecord | null = null;
    if (product?.kind === 'berjangka') {
      placement = readPlacement(cells, record, context, balance);
    } else if (product) {
      for (const column of placementColumns) {
        if (record.cell(column)) problem(column, 'only a simpanan berjangka row has a placement');
      }
    }
    if (cells.problems.length > before) continue;
    accounts.push({
      row: record.row,
      memberNumber: memberNumber!,
      productCode: productCode!,
      balance: balance!,
      wajibPaidThrough: wajibPaidThrough || null,
      placement,
    });
    total = total.plus(balance!);
    if (placement) total = total.plus(placement.accruedInterest);
  }
  // Every member paid simpanan pokok to join: one without a pokok row is a gap in this file.
  const withoutPokok: RowProblem[] = [...context.memberRows]
    .filter(([number]) => !pokokPayers.has(number))
    .map(([number, row]) => ({
      file: 'members.csv',
      row,
      column: 'member_number',
      message: `member ${Number(number)} has no simpanan pokok in savings.csv`,
    }));
  return { accounts, problems: [...table.problems, ...cells.problems, ...withoutPokok], total };
}

function validPaidThrough(month: string, cutoverDate: BusinessDate): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && month < cutoverDate.slice(0, 7);
}

function readPlacement(
  cells: CellReader,
  record: Parameters<CellReader['required']>[0],
  context: { cutoverDate: BusinessDate; currency: string; placements: PlacementRules },
  principal: Money | undefined,
): PlacementRecord | null {
  const problem = (column: string, message: string): void =>
    cells.problem(record.row, column, message);
  const startDate = cells.date(record, 'placement_start');
  if (startDate && startDate >= context.cutoverDate) {
    problem('placement_start', `must be before the cut-over date ${context.cutoverDate}`);
  }
  const termMonths = cells.count(record, 'term_months', 1);
  const rate = cells.required(record, 'annual_rate');
  const annualRate =
    rate && isPlainDecimalString(rate) && new Decimal(rate).gt(0) && new Decimal(rate).lte(rateCap)
      ? rate
      : undefined;
  if (rate && !annualRate) {
    problem('annual_rate', `"${rate}" is not a yearly rate above 0 and at most 0.09`);
  }
  const accruedInterest = cells.amount(record, 'accrued_interest', context.currency);
  if (principal?.isZero()) problem('balance', 'a time deposit holds its principal: above zero');
  if (!startDate || !termMonths || !annualRate || !accruedInterest || !principal) return null;
  if (startDate >= context.cutoverDate || principal.isZero()) return null;
  const maturity = context.placements.maturity(startDate, termMonths);
  if (maturity < context.cutoverDate) {
    problem('term_months', `the placement matured on ${maturity}, before the cut-over`);
    return null;
  }
  const terms = { startDate, termMonths, annualRate };
  const expected = context.placements.accruedBefore(terms, principal);
  if (!expected.equals(accruedInterest)) {
    problem(
      'accrued_interest',
      `${accruedInterest.toString()} differs from ${expected.toString()}, the interest accrued from ${startDate} through the day before the cut-over`,
    );
    return null;
  }
  return { ...terms, accruedInterest };
}
