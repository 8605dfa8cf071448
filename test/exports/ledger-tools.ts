import { Decimal } from '@lumbung/core';
import { journalComponent, journalRoots, ledgerColumns, numberColumns } from '@lumbung/exports';
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseCsv } from '../support/csv';

const run = promisify(execFile);

/** A tool's exit code and output; never throws for a non-zero exit. */
export async function tool(
  command: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, [...args], {
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** account -> currency -> balance, amounts as fixed-scale strings, zero balances left out. */
export type Balances = Map<string, Map<string, string>>;

function add(balances: Balances, account: string, currency: string, amount: Decimal): void {
  const perCurrency = balances.get(account) ?? new Map<string, string>();
  const sum = new Decimal(perCurrency.get(currency) ?? '0').plus(amount);
  if (sum.isZero()) perCurrency.delete(currency);
  else perCurrency.set(currency, sum.toFixed(2));
  balances.set(account, perCurrency);
}

/** Sorted plain data, for toEqual. */
export function plain(balances: Balances): Record<string, Record<string, string>> {
  return Object.fromEntries(
    [...balances]
      .filter(([, perCurrency]) => perCurrency.size > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([account, perCurrency]) => [account, Object.fromEntries([...perCurrency].sort())]),
  );
}

/** A trial balance line as the api (`isLeaf`) or the CLI's JSON (`leaf`) gives it. */
export interface TrialBalanceLine {
  readonly code: string;
  readonly class: keyof typeof journalRoots;
  readonly depth: number;
  readonly currency: string;
  readonly balance: string;
  readonly isLeaf?: boolean;
  readonly leaf?: boolean;
}

/**
 * Lumbung's trial balance under the exports' journal names (the mapping written out again from
 * its description, not imported): root by class, then the codes from the top heading down.
 * `leavesOnly` for tools that sum leaves only (bean-query).
 */
export function trialBalanceByJournalName(
  lines: readonly TrialBalanceLine[],
  leavesOnly = false,
): Balances {
  const balances: Balances = new Map();
  const path: string[] = [];
  for (const line of lines) {
    path.length = line.depth;
    path.push(journalComponent(line.code));
    if (leavesOnly && !(line.isLeaf ?? line.leaf)) continue;
    const name = `${journalRoots[line.class]}:${path.join(':')}`;
    add(balances, name, line.currency, new Decimal(line.balance));
  }
  return balances;
}

/** `hledger -f FILE balance` (which also checks the file's balance assertions), every account. */
export async function hledgerBalances(file: string): Promise<Balances> {
  const result = await tool('hledger', [
    '-f',
    file,
    'balance',
    '--tree',
    '--no-elide',
    '--empty',
    '--no-total',
    '-O',
    'csv',
  ]);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  const balances: Balances = new Map();
  const [columns, ...rows] = parseCsv(result.stdout.replace(/\r?\n/g, '\r\n'));
  expect(columns).toEqual(['account', 'balance']);
  for (const [account, amounts] of rows) {
    if (Object.values(journalRoots).includes(account)) continue; // roots: no line in Lumbung's
    balances.set(account, new Map());
    for (const amount of amounts.split(', ')) {
      if (amount === '0') continue;
      const match = /^(-?\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(amount);
      if (!match) throw new Error(`hledger amount ${amount}`);
      add(balances, account, match[2], new Decimal(match[1]));
    }
  }
  return balances;
}

/** `bean-check FILE` must say nothing; then bean-query sums every leaf. */
export async function beancountBalances(file: string): Promise<Balances> {
  expect(await tool('bean-check', [file])).toEqual({ code: 0, stdout: '', stderr: '' });
  const result = await tool('bean-query', [
    '-f',
    'csv',
    file,
    'SELECT account, currency, sum(number) AS total GROUP BY account, currency ORDER BY account',
  ]);
  expect(result.code).toBe(0);
  const balances: Balances = new Map();
  const [columns, ...rows] = parseCsv(result.stdout.replace(/\r?\n/g, '\r\n'));
  expect(columns.map((c) => c.trim())).toEqual(['account', 'currency', 'total']);
  for (const [account, currency, total] of rows) {
    add(balances, account.trim(), currency.trim(), new Decimal(total.trim()));
  }
  return balances;
}

/** CSV rows of an export as objects by column. */
export function csvObjects(text: string): Array<Record<string, string>> {
  const [columns, ...rows] = parseCsv(text);
  for (const row of rows) expect(row).toHaveLength(columns.length);
  return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
}

/** Debit less credit per currency over these rows. */
export function netPerCurrency(
  rows: ReadonlyArray<Record<string, string>>,
): Record<string, string> {
  const sums = new Map<string, Decimal>();
  for (const row of rows) {
    const net = new Decimal(row.debit || '0').minus(row.credit || '0');
    sums.set(row.currency, (sums.get(row.currency) ?? new Decimal(0)).plus(net));
  }
  return Object.fromEntries([...sums].sort().map(([c, s]) => [c, s.toFixed(2)]));
}

/** An XLSX file as exceljs reads it (an independent reader, not Lumbung's writer). */
export async function readXlsx(file: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as never);
  return book;
}

/**
 * A worksheet's rows as text, every row as wide as the widest, absent cells ''. Numbers become
 * the shortest decimal of the double (a spreadsheet's view of them); inline strings are decoded
 * from ECMA-376's `_xHHHH_` escapes as Excel decodes them (exceljs leaves them as they are).
 */
export function xlsxRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = row.getCell(c).value;
      values.push(
        value === null || value === undefined
          ? ''
          : typeof value === 'string'
            ? value.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              )
            : String(value),
      );
    }
    rows.push(values);
  });
  return rows;
}

/**
 * CSV rows as the XLSX should hold them: the same header and values, free text without the CSV's
 * inert apostrophe, amounts and numbers as the double a spreadsheet reads from the same decimal.
 */
export function csvAsXlsx(rows: ReadonlyArray<Record<string, string>>): string[][] {
  const numbers = new Set<string>(numberColumns);
  const columns = [...ledgerColumns];
  return [
    columns,
    ...rows.map((row) =>
      columns.map((column) => {
        const value = row[column];
        if (value === '') return '';
        if (numbers.has(column)) return String(Number(value));
        return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
      }),
    ),
  ];
}
