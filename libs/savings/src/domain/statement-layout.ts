import {
  fitColumn,
  formatAmount,
  formatDate,
  formatMoney,
  leftColumn as left,
  localTimestamp,
  rightColumn as right,
  rowWidth,
  type TextRow,
} from '@lumbung/core';
import { type AccountStatement, type MemberStatement, type StatementLine } from './statement';
import { type Labels, labels, type Language } from './statement-language';

/** Fitting text to a column is libs/core's (text/columns.ts), shared with the loan statement. */
export { fitColumn } from '@lumbung/core';

const statementColumns = {
  date: left(10),
  valueDate: left(10),
  description: left(28),
  receipt: right(9),
  debit: right(17),
  credit: right(17),
  balance: right(19),
};
type Cells = Partial<Record<keyof typeof statementColumns, string>>;

/** Characters in a statement row: what the PDF sizes its font and margins by. */
export const statementRowWidth = rowWidth(Object.values(statementColumns));

function row(cells: Cells): string {
  return (Object.keys(statementColumns) as (keyof typeof statementColumns)[])
    .map((key) => fitColumn(cells[key] ?? '', statementColumns[key], key === 'description'))
    .join(' ')
    .trimEnd();
}

function lineRow(line: StatementLine, lang: Language): string {
  const amount = (value: string) => (/[1-9]/.test(value) ? formatAmount(value, lang) : '');
  return row({
    date: formatDate(line.date, lang),
    valueDate: formatDate(line.valueDate, lang),
    description: line.description,
    receipt: line.receiptNumber ?? '',
    debit: amount(line.debit),
    credit: amount(line.credit),
    balance: formatAmount(line.balance, lang),
  });
}

function accountRows(account: AccountStatement, text: Labels, lang: Language): TextRow[] {
  const money = (value: string) => formatMoney(value, account.currency, lang);
  const rule = { text: '-'.repeat(statementRowWidth) };
  return [
    { text: row({ description: text.openingBalance, balance: money(account.openingBalance) }) },
    ...(account.lines.length === 0
      ? [{ text: row({ description: text.noLines }) }]
      : account.lines.map((line) => ({ text: lineRow(line, lang) }))),
    rule,
    {
      text: row({
        description: text.totals,
        debit: formatAmount(account.totalDebit, lang),
        credit: formatAmount(account.totalCredit, lang),
      }),
    },
    {
      text: row({ description: text.closingBalance, balance: money(account.closingBalance) }),
      bold: true,
    },
  ];
}

/**
 * The statement cut into pages of at most `rowsPerPage` rows: the header block on the first page,
 * a running header on the others, and each account's column header repeated wherever its lines
 * continue on a new page. Page numbers are the renderer's, once the page count is known.
 */
export function statementPages(statement: MemberStatement, rowsPerPage: number): TextRow[][] {
  const { lang, cooperative, member, period } = statement;
  const text = labels[lang];
  const span = `${formatDate(period.from, lang)} ${text.periodUntil} ${formatDate(period.to, lang)}`;
  const columns = text.columns;
  const header: TextRow[] = [
    {
      text: row({
        date: columns.date,
        valueDate: columns.valueDate,
        description: columns.description,
        receipt: columns.receipt,
        debit: columns.debit,
        credit: columns.credit,
        balance: columns.balance,
      }),
      bold: true,
    },
    { text: '-'.repeat(statementRowWidth) },
  ];
  const pages: TextRow[][] = [];
  let page: TextRow[] = [
    { text: text.statementTitle, bold: true },
    { text: `${text.cooperative}: ${cooperative.name} (${cooperative.code})` },
    { text: `${text.member}: ${member.memberNumber} ${member.fullName}` },
    { text: `${text.period}: ${span}` },
    { text: `${text.generatedAt}: ${localTimestamp(statement.generatedAt, cooperative.timeZone)}` },
  ];
  const running = `${cooperative.name} (${cooperative.code}) · ${member.memberNumber} ${member.fullName} · ${span}`;
  const nextPage = (continuation: TextRow[]) => {
    pages.push(page);
    page = [{ text: running }, ...continuation];
  };
  for (const account of statement.accounts) {
    const title = `${text.account} ${account.accountNumber} · ${text.kinds[account.kind]} · ${account.productCode} · ${account.currency}`;
    // A section starts only where its title, column header and first row fit together.
    if (page.length + 2 + header.length + 1 > rowsPerPage) nextPage([]);
    page.push({ text: '' }, { text: title, bold: true }, ...header);
    for (const next of accountRows(account, text, lang)) {
      if (page.length >= rowsPerPage) {
        nextPage([{ text: `${title} ${text.continued}`, bold: true }, ...header]);
      }
      page.push(next);
    }
  }
  pages.push(page);
  return pages;
}
