import { type BusinessDate, Decimal, isPlainDecimalString, Money } from '@lumbung/core';
import { CellReader } from './cells';
import { readCsvTable } from './csv-table';
import type { RowProblem } from './row-problem';

export const loanColumns = {
  required: [
    'loan_number',
    'member_number',
    'product_code',
    'disbursed_on',
    'rate',
    'principal_outstanding',
    'accrued_interest',
    'sector',
  ],
  optional: ['commodity', 'region', 'purpose'],
} as const;

export const scheduleColumns = {
  required: ['loan_number', 'instalment_no', 'period_start', 'due_date', 'principal', 'interest'],
} as const;

export const collateralColumns = {
  required: [
    'loan_number',
    'kind',
    'description',
    'document_type',
    'document_number',
    'valuation',
    'in_custody',
  ],
  optional: ['valued_on'],
} as const;

export interface LoanProductFacts {
  readonly currency: string;
  readonly active: boolean;
}

export interface InstalmentRecord {
  readonly no: number;
  readonly periodStart: BusinessDate;
  readonly dueDate: BusinessDate;
  readonly principal: Money;
  readonly interest: Money;
}

export interface CollateralRecord {
  readonly kind: string;
  readonly description: string;
  readonly documentType: string;
  readonly documentNumber: string;
  readonly valuation: string;
  readonly valuedOn: BusinessDate | null;
  readonly inCustody: boolean;
}

export interface LoanRecord {
  readonly row: number;
  /** Padded to eight digits, as loan numbers are stored. */
  readonly loanNumber: string;
  readonly memberNumber: string;
  readonly productCode: string;
  readonly disbursedOn: BusinessDate;
  readonly rate: string;
  readonly principal: Money;
  readonly accruedInterest: Money;
  readonly sector: string;
  readonly commodity: string | null;
  readonly region: string | null;
  readonly purpose: string;
  readonly instalments: readonly InstalmentRecord[];
  readonly collateral: readonly CollateralRecord[];
}

export interface LoanFilesContext {
  readonly cutoverDate: BusinessDate;
  readonly currency: string;
  readonly products: ReadonlyMap<string, LoanProductFacts>;
  readonly memberRows: ReadonlyMap<string, number>;
  readonly sectors: readonly string[];
  readonly collateralKinds: readonly string[];
  readonly collateralDocuments: readonly string[];
  /** libs/loans' closed form: interest accrued on these instalments before the cut-over. */
  accruedBefore(instalments: readonly InstalmentRecord[]): Money;
}

export interface LoanFiles {
  readonly loans: readonly LoanRecord[];
  readonly problems: readonly RowProblem[];
  /** Principal outstanding and interest accrued: what the loans' opening entry debits. */
  readonly total: Money;
}

/** Where loans say what they are for when the old books kept no purpose. */
const defaultPurpose = 'Pinjaman dari pembukuan sebelum cut-over';

/**
 * loans.csv (one row a loan still owed), loan-schedule.csv (its instalments not yet fully paid,
 * with what is left of each) and collateral.csv (what secures it). A loan belongs to a member in
 * members.csv, under an active product in the functional currency, disbursed before the
 * cut-over; its remaining schedule numbers instalments one after another, each period starting
 * where the previous one fell due, and sums to the principal outstanding; its accrued interest
 * is what the schedule gives through the day before the cut-over (arrears in full, the running
 * period's share). Loans with a problem anywhere are left out of `loans`.
 */
export function parseLoanFiles(
  texts: { readonly loans: string; readonly schedule: string; readonly collateral: string },
  context: LoanFilesContext,
): LoanFiles {
  const loansTable = readCsvTable('loans.csv', texts.loans, loanColumns);
  const loanCells = new CellReader('loans.csv');
  const headers = new Map<string, LoanHeader>();
  for (const record of loansTable.rows) {
    const header = readLoan(loanCells, record, context, headers);
    if (header) headers.set(header.loanNumber, header);
  }
  const schedule = readSchedule(texts.schedule, context, headers);
  const collateral = readCollateral(texts.collateral, context, headers);
  const loans: LoanRecord[] = [];
  let total = Money.zero(context.currency);
  for (const header of headers.values()) {
    // A loan whose own row or schedule rows are wrong is not summed: the sums would mislead.
    if (header.rejected || schedule.rejected.has(header.loanNumber)) continue;
    const instalments = schedule.byLoan.get(header.loanNumber) ?? [];
    const problem = (column: string, message: string): void =>
      loanCells.problem(header.row, column, message);
    if (instalments.length === 0) {
      problem(
        'loan_number',
        `loan ${Number(header.loanNumber)} has no instalments in loan-schedule.csv`,
      );
      continue;
    }
    const scheduled = instalments.reduce(
      (sum, i) => sum.plus(i.principal),
      Money.zero(context.currency),
    );
    if (!scheduled.equals(header.principal)) {
      problem(
        'principal_outstanding',
        `${header.principal.toString()} is not what the remaining schedule's principal sums to, ${scheduled.toString()}`,
      );
      continue;
    }
    if (instalments[0].periodStart < header.disbursedOn) {
      problem(
        'disbursed_on',
        `after the first remaining period's start ${instalments[0].periodStart}`,
      );
      continue;
    }
    const accrued = context.accruedBefore(instalments);
    if (!accrued.equals(header.accruedInterest)) {
      problem(
        'accrued_interest',
        `${header.accruedInterest.toString()} differs from ${accrued.toString()}, the interest of the remaining schedule accrued through the day before the cut-over`,
      );
      continue;
    }
    if (collateral.rejected.has(header.loanNumber)) continue;
    loans.push({
      ...header,
      instalments,
      collateral: collateral.byLoan.get(header.loanNumber) ?? [],
    });
    total = total.plus(header.principal).plus(header.accruedInterest);
  }
  return {
    loans,
    problems: [
      ...loansTable.problems,
      ...loanCells.problems,
      ...schedule.problems,
      ...collateral.problems,
    ],
    total,
  };
}

type LoanHeader = Omit<LoanRecord, 'instalments' | 'collateral'> & { readonly rejected: boolean };

function readLoan(
  cells: CellReader,
  record: Parameters<CellReader['required']>[0],
  context: LoanFilesContext,
  seen: ReadonlyMap<string, LoanHeader>,
): LoanHeader | undefined {
  const before = cells.problems.length;
  const problem = (column: string, message: string): void =>
    cells.problem(record.row, column, message);
  const number = cells.required(record, 'loan_number');
  let loanNumber: string | undefined;
  if (number !== undefined) {
    if (!/^\d{1,12}$/.test(number) || /^0+$/.test(number)) {
      problem('loan_number', `"${number}" is not a loan number (digits)`);
    } else {
      loanNumber = number.padStart(8, '0');
      const first = seen.get(loanNumber);
      if (first) problem('loan_number', `${number} is already on row ${first.row}`);
    }
  }
  const memberNumber = cells.required(record, 'member_number');
  const member =
    memberNumber && /^\d{1,12}$/.test(memberNumber) ? memberNumber.padStart(6, '0') : null;
  if (memberNumber && (!member || !context.memberRows.has(member))) {
    problem('member_number', `member ${memberNumber} is not in members.csv`);
  }
  const productCode = cells.required(record, 'product_code');
  const product = productCode ? context.products.get(productCode) : undefined;
  if (productCode && !product) problem('product_code', `no loan product ${productCode}`);
  if (product && !product.active) problem('product_code', `${productCode} is retired`);
  if (product && product.currency !== context.currency) {
    problem(
      'product_code',
      `${productCode} is kept in ${product.currency}, not ${context.currency}`,
    );
  }
  const disbursedOn = cells.date(record, 'disbursed_on');
  if (disbursedOn && disbursedOn >= context.cutoverDate) {
    problem('disbursed_on', `must be before the cut-over date ${context.cutoverDate}`);
  }
  const rate = cells.required(record, 'rate');
  if (rate && !(isPlainDecimalString(rate) && new Decimal(rate).gte(0))) {
    problem('rate', `"${rate}" is not a rate (a fraction such as 0.01)`);
  }
  const principal = cells.amount(record, 'principal_outstanding', context.currency);
  if (principal?.isZero()) problem('principal_outstanding', 'a loan still owed: above zero');
  const accruedInterest = cells.amount(record, 'accrued_interest', context.currency);
  const sector = cells.required(record, 'sector');
  if (sector && !context.sectors.includes(sector)) {
    problem('sector', `"${sector}" is not one of ${context.sectors.join(', ')}`);
  }
  const region = record.cell('region');
  if (region && !/^([0-9]{2}|[A-Z]{2})$/.test(region)) {
    problem(
      'region',
      `"${region}" is not a province code (two digits) or a country code (two letters)`,
    );
  }
  if (!loanNumber || seen.has(loanNumber)) return undefined;
  return {
    row: record.row,
    loanNumber,
    memberNumber: member ?? '',
    productCode: productCode ?? '',
    disbursedOn: disbursedOn ?? context.cutoverDate,
    rate: rate ?? '0',
    principal: principal ?? Money.zero(context.currency),
    accruedInterest: accruedInterest ?? Money.zero(context.currency),
    sector: sector ?? '',
    commodity: record.cell('commodity') || null,
    region: region || null,
    purpose: record.cell('purpose') || defaultPurpose,
    rejected: cells.problems.length > before,
  };
}

function readSchedule(
  text: string,
  context: LoanFilesContext,
  loans: ReadonlyMap<string, LoanHeader>,
): { byLoan: Map<string, InstalmentRecord[]>; rejected: Set<string>; problems: RowProblem[] } {
  const table = readCsvTable('loan-schedule.csv', text, scheduleColumns);
  const cells = new CellReader('loan-schedule.csv');
  const byLoan = new Map<string, InstalmentRecord[]>();
  const lastRows = new Map<string, { no?: number; dueDate?: BusinessDate }>();
  const rejected = new Set<string>();
  for (const record of table.rows) {
    const before = cells.problems.length;
    const problem = (column: string, message: string): void =>
      cells.problem(record.row, column, message);
    const loanNumber = loanOf(cells, record, loans);
    const no = cells.count(record, 'instalment_no', 1);
    const periodStart = cells.date(record, 'period_start');
    const dueDate = cells.date(record, 'due_date');
    if (periodStart && dueDate && dueDate <= periodStart) {
      problem('due_date', `must be after the period's start ${periodStart}`);
    }
    const principal = cells.amount(record, 'principal', context.currency);
    const interest = cells.amount(record, 'interest', context.currency);
    // Each row follows the loan's row above it as written, so one bad row is reported once.
    const previous = loanNumber ? lastRows.get(loanNumber) : undefined;
    if (previous?.no !== undefined && no !== undefined && no !== previous.no + 1) {
      problem('instalment_no', `must follow instalment ${previous.no}: ${previous.no + 1}`);
    }
    if (previous?.dueDate && periodStart && periodStart !== previous.dueDate) {
      problem('period_start', `must be the previous instalment's due date ${previous.dueDate}`);
    }
    if (loanNumber) lastRows.set(loanNumber, { no, dueDate });
    if (!loanNumber) continue;
    if (cells.problems.length > before) {
      rejected.add(loanNumber);
      continue;
    }
    byLoan.set(loanNumber, [
      ...(byLoan.get(loanNumber) ?? []),
      {
        no: no!,
        periodStart: periodStart!,
        dueDate: dueDate!,
        principal: principal!,
        interest: interest!,
      },
    ]);
  }
  return { byLoan, rejected, problems: [...table.problems, ...cells.problems] };
}

function readCollateral(
  text: string,
  context: LoanFilesContext,
  loans: ReadonlyMap<string, LoanHeader>,
): { byLoan: Map<string, CollateralRecord[]>; rejected: Set<string>; problems: RowProblem[] } {
  const table = readCsvTable('collateral.csv', text, collateralColumns);
  const cells = new CellReader('collateral.csv');
  const byLoan = new Map<string, CollateralRecord[]>();
  const rejected = new Set<string>();
  for (const record of table.rows) {
    const before = cells.problems.length;
    const problem = (column: string, message: string): void =>
      cells.problem(record.row, column, message);
    const loanNumber = loanOf(cells, record, loans);
    const kind = cells.required(record, 'kind');
    if (kind && !context.collateralKinds.includes(kind)) {
      problem('kind', `"${kind}" is not one of ${context.collateralKinds.join(', ')}`);
    }
    const description = cells.required(record, 'description');
    const documentType = cells.required(record, 'document_type');
    if (documentType && !context.collateralDocuments.includes(documentType)) {
      problem(
        'document_type',
        `"${documentType}" is not one of ${context.collateralDocuments.join(', ')}`,
      );
    }
    const documentNumber = cells.required(record, 'document_number');
    const valuation = cells.amount(record, 'valuation', context.currency);
    if (valuation?.isZero()) problem('valuation', 'above zero');
    const valuedOn = cells.date(record, 'valued_on', true);
    if (valuedOn && valuedOn >= context.cutoverDate) {
      problem('valued_on', `must be before the cut-over date ${context.cutoverDate}`);
    }
    const custody = cells.required(record, 'in_custody');
    if (custody && custody !== 'yes' && custody !== 'no') problem('in_custody', 'yes or no');
    if (!loanNumber) continue;
    if (cells.problems.length > before) {
      rejected.add(loanNumber);
      continue;
    }
    byLoan.set(loanNumber, [
      ...(byLoan.get(loanNumber) ?? []),
      {
        kind: kind!,
        description: description!,
        documentType: documentType!,
        documentNumber: documentNumber!,
        valuation: valuation!.toString(),
        valuedOn: valuedOn ?? null,
        inCustody: custody === 'yes',
      },
    ]);
  }
  return { byLoan, rejected, problems: [...table.problems, ...cells.problems] };
}

/** The loan a schedule or collateral row belongs to, which loans.csv must hold. */
function loanOf(
  cells: CellReader,
  record: Parameters<CellReader['required']>[0],
  loans: ReadonlyMap<string, LoanHeader>,
): string | undefined {
  const number = cells.required(record, 'loan_number');
  if (number === undefined) return undefined;
  const loanNumber = /^\d{1,12}$/.test(number) ? number.padStart(8, '0') : undefined;
  if (!loanNumber || !loans.has(loanNumber)) {
    cells.problem(record.row, 'loan_number', `loan ${number} is not in loans.csv`);
    return undefined;
  }
  return loanNumber;
}
