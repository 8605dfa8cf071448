import { currency, type Decimal } from '@lumbung/core';
import type { TrialBalance } from '@lumbung/ledger';

export const trialBalanceFormats = ['table', 'json', 'csv'] as const;
export type TrialBalanceFormat = (typeof trialBalanceFormats)[number];

/** What LedgerQueryService.trialBalance returns, with the cooperative it is for. */
export interface TrialBalanceReport extends TrialBalance {
  readonly cooperative: { readonly code: string; readonly name: string };
  readonly asOf: string;
  readonly functionalCurrency: string;
}

type Total = TrialBalance['functionalTotal'];

/** Decimal#toFixed at the currency's ISO 4217 minor units: never a JavaScript number. */
export function formatAmount(amount: Decimal, currencyCode: string): string {
  return amount.toFixed(currency(currencyCode).minorUnits);
}

/** 1234567.50 -> 1,234,567.50 for the table; JSON and CSV keep the plain form. */
export function groupThousands(fixed: string): string {
  const [sign, digits, fraction] = /^(-?)(\d+)(\.\d+)?$/.exec(fixed)?.slice(1) ?? ['', fixed, ''];
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ?? ''}`;
}

/** Why the books do not balance, one phrase per currency (and functional); empty when they do. */
export function imbalances(report: TrialBalance): string[] {
  const problems = report.totals
    .filter((t) => !t.debit.eq(t.credit))
    .map((t) => describeImbalance(t.currency, t));
  const f = report.functionalTotal;
  if (!f.debit.eq(f.credit)) problems.push(describeImbalance(`functional ${f.currency}`, f));
  return problems;
}

function describeImbalance(label: string, total: Total): string {
  const code = total.currency;
  return (
    `${label} debits ${formatAmount(total.debit, code)} vs credits ` +
    `${formatAmount(total.credit, code)} (difference ${formatAmount(total.debit.minus(total.credit), code)})`
  );
}

export function balanceVerdict(report: TrialBalanceReport): string {
  const problems = imbalances(report);
  if (problems.length > 0) return `NOT BALANCED: ${problems.join('; ')}`;
  const currencies = report.totals.map((t) => t.currency);
  const where = currencies.length > 0 ? `in ${currencies.join(', ')} and ` : '';
  return `Balanced: debits equal credits ${where}in the functional currency ${report.functionalCurrency}`;
}

export function renderTrialBalance(report: TrialBalanceReport, format: TrialBalanceFormat): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'csv':
      return renderCsv(report);
    default:
      return renderTable(report);
  }
}

const headers = ['Code', 'Account', 'Cur', 'Debit', 'Credit'] as const;
const indent = '  ';

function renderTable(report: TrialBalanceReport): string {
  const amount = (value: Decimal, code: string): string =>
    value.isZero() ? '' : groupThousands(formatAmount(value, code));
  const rows: string[][] = report.lines.map((line) => [
    indent.repeat(line.depth) + line.account.code,
    line.account.name,
    line.currency,
    amount(line.debit, line.currency),
    amount(line.credit, line.currency),
  ]);
  const totalRow = (label: string, total: Total): string[] => [
    '',
    label,
    total.currency,
    groupThousands(formatAmount(total.debit, total.currency)),
    groupThousands(formatAmount(total.credit, total.currency)),
  ];
  const totals = [
    ...report.totals.map((t) => totalRow(`Total ${t.currency}`, t)),
    totalRow('Total in functional currency', report.functionalTotal),
  ];
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...[...rows, ...totals].map((r) => width(r[i]))),
  );
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i >= 3 ? padStart(cell, widths[i]) : padEnd(cell, widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const { code, name } = report.cooperative;
  return [
    `Trial balance of ${code}, ${name}`,
    `As of ${report.asOf} (postings with value date up to and including it); functional currency ${report.functionalCurrency}`,
    '',
    render(headers),
    rule,
    ...(rows.length > 0 ? rows.map(render) : ['(no postings up to this date)']),
    rule,
    ...totals.map(render),
    '',
    balanceVerdict(report),
  ].join('\n');
}

function renderJson(report: TrialBalanceReport): string {
  const total = (t: Total) => ({
    currency: t.currency,
    debit: formatAmount(t.debit, t.currency),
    credit: formatAmount(t.credit, t.currency),
  });
  return JSON.stringify(
    {
      cooperative: report.cooperative,
      asOf: report.asOf,
      functionalCurrency: report.functionalCurrency,
      lines: report.lines.map((line) => ({
        code: line.account.code,
        name: line.account.name,
        class: line.account.class,
        depth: line.depth,
        leaf: line.account.isLeaf,
        currency: line.currency,
        debit: formatAmount(line.debit, line.currency),
        credit: formatAmount(line.credit, line.currency),
        balance: formatAmount(line.balance, line.currency),
        functionalBalance: formatAmount(line.functionalBalance, report.functionalCurrency),
      })),
      totals: report.totals.map(total),
      functionalTotal: total(report.functionalTotal),
      balanced: imbalances(report).length === 0,
    },
    null,
    2,
  );
}

/** RFC 4180 quoting, LF line ends: one row per line of the trial balance, plain decimal amounts. */
function renderCsv(report: TrialBalanceReport): string {
  const rows = [
    ['code', 'name', 'depth', 'leaf', 'currency', 'debit', 'credit', 'functional_balance'],
    ...report.lines.map((line) => [
      line.account.code,
      line.account.name,
      String(line.depth),
      String(line.account.isLeaf),
      line.currency,
      formatAmount(line.debit, line.currency),
      formatAmount(line.credit, line.currency),
      formatAmount(line.functionalBalance, report.functionalCurrency),
    ]),
  ];
  return rows.map((row) => row.map(csvField).join(',')).join('\n');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Code points, so an accented name (Marçal) does not shift the columns. */
function width(text: string): number {
  return [...text.normalize('NFC')].length;
}

function padEnd(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)));
}

function padStart(text: string, to: number): string {
  return ' '.repeat(Math.max(0, to - width(text))) + text;
}
