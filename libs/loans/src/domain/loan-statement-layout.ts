import {
  type Column,
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
import type { LoanStatement, RepaymentRow, ScheduleRow } from './loan-statement';
import { type LoanLabels, loanLabels } from './loan-statement-language';
import { formatPercent } from './statement-text';

const scheduleColumns = {
  no: right(4),
  dueDate: left(11),
  principal: right(15),
  interest: right(14),
  total: right(15),
  paid: right(15),
  unpaid: right(15),
  balanceAfter: right(17),
};
const repaymentColumns = {
  date: left(10),
  receipt: right(8),
  channel: left(9),
  amount: right(15),
  penalty: right(12),
  fees: right(11),
  interest: right(14),
  principal: right(15),
  prepaid: right(14),
};
const ledgerColumns = {
  date: left(10),
  valueDate: left(10),
  description: left(28),
  receipt: right(9),
  debit: right(17),
  credit: right(17),
  balance: right(19),
};
type Columns = Record<string, Column>;

const reversalIndent = ' '.repeat(repaymentColumns.date.width + repaymentColumns.receipt.width + 2);

const widthOf = (columns: Columns) => rowWidth(Object.values(columns));

/** Characters in the widest row: what the PDF sizes its font and margins by. */
export const loanStatementRowWidth = Math.max(
  widthOf(scheduleColumns),
  widthOf(repaymentColumns),
  widthOf(ledgerColumns),
);

/** Text columns are cut to fit; amounts never lose digits, they push the row instead. */
function row<C extends Columns>(columns: C, cells: Partial<Record<keyof C, string>>): string {
  return Object.entries(columns)
    .map(([key, column]) => fitColumn(cells[key] ?? '', column, column.align === 'left'))
    .join(' ')
    .trimEnd();
}

interface Section {
  readonly title: string;
  readonly header: readonly TextRow[];
  readonly rows: readonly TextRow[];
}

function headerRows<C extends Columns>(columns: C, cells: Record<keyof C, string>): TextRow[] {
  return [{ text: row(columns, cells), bold: true }, { text: '-'.repeat(loanStatementRowWidth) }];
}

const rule: TextRow = { text: '-'.repeat(loanStatementRowWidth) };

function scheduleSection(statement: LoanStatement, text: LoanLabels): Section {
  const { lang } = statement;
  const amount = (value: string) => formatAmount(value, lang);
  const line = (r: ScheduleRow): TextRow => ({
    text: row(scheduleColumns, {
      no: String(r.no),
      dueDate: formatDate(r.dueDate, lang),
      principal: amount(r.principal),
      interest: amount(r.interest),
      total: amount(r.total),
      paid: amount(r.paid.total),
      unpaid: amount(r.unpaid.total),
      balanceAfter: amount(r.balanceAfter),
    }),
  });
  const { schedule } = statement;
  const columns = text.columns;
  return {
    title: text.scheduleTitle,
    header: headerRows(scheduleColumns, {
      no: columns.no,
      dueDate: columns.dueDate,
      principal: columns.principal,
      interest: columns.interest,
      total: columns.total,
      paid: columns.paid,
      unpaid: columns.unpaid,
      balanceAfter: columns.balanceAfter,
    }),
    rows: [
      ...(schedule.indicative ? [{ text: text.indicative }] : []),
      ...schedule.instalments.map(line),
      rule,
      {
        text: row(scheduleColumns, {
          dueDate: text.totals,
          principal: amount(schedule.totals.principal),
          interest: amount(schedule.totals.interest),
          total: amount(schedule.totals.total),
          paid: amount(schedule.totals.paid.total),
          unpaid: amount(schedule.totals.unpaid.total),
        }),
        bold: true,
      },
    ],
  };
}

function repaymentsSection(statement: LoanStatement, text: LoanLabels): Section {
  const { lang } = statement;
  const amount = (value: string) => formatAmount(value, lang);
  const unlessZero = (value: string) => (/[1-9]/.test(value) ? amount(value) : '');
  const lines = (r: RepaymentRow): TextRow[] => [
    {
      text: row(repaymentColumns, {
        date: formatDate(r.date, lang),
        receipt: r.receiptNumber ?? '',
        channel: text.channels[r.channel],
        amount: amount(r.amount),
        penalty: unlessZero(r.allocated.penalty),
        fees: unlessZero(r.allocated.fees),
        interest: amount(r.allocated.interest),
        principal: amount(r.allocated.principal),
        prepaid: unlessZero(r.prepaid),
      }),
    },
    // A reversed repayment keeps its row, marked on the next from the channel column on, and
    // counts in no total.
    ...(r.reversedOn === null
      ? []
      : [{ text: `${reversalIndent}${text.reversedOn(formatDate(r.reversedOn, lang))}` }]),
  ];
  const { items, totals } = statement.repayments;
  const columns = text.columns;
  return {
    title: text.repaymentsTitle,
    header: headerRows(repaymentColumns, {
      date: columns.date,
      receipt: columns.receipt,
      channel: columns.channel,
      amount: columns.amount,
      penalty: columns.penalty,
      fees: columns.fees,
      interest: columns.interest,
      principal: columns.principal,
      prepaid: columns.prepaid,
    }),
    rows:
      items.length === 0
        ? [{ text: text.noRepayments }]
        : [
            ...items.flatMap(lines),
            rule,
            {
              text: row(repaymentColumns, {
                date: text.totals,
                amount: amount(totals.amount),
                penalty: amount(totals.penalty),
                fees: amount(totals.fees),
                interest: amount(totals.interest),
                principal: amount(totals.principal),
                prepaid: amount(totals.prepaid),
              }),
              bold: true,
            },
          ],
  };
}

function ledgerSection(statement: LoanStatement, text: LoanLabels): Section {
  const { lang, principalLedger: ledger, loan } = statement;
  const amount = (value: string) => formatAmount(value, lang);
  const unlessZero = (value: string) => (/[1-9]/.test(value) ? amount(value) : '');
  const money = (value: string) => formatMoney(value, loan.currency, lang);
  const columns = text.columns;
  return {
    title: text.ledgerTitle,
    header: headerRows(ledgerColumns, {
      date: columns.date,
      valueDate: columns.valueDate,
      description: columns.description,
      receipt: columns.receipt,
      debit: columns.debit,
      credit: columns.credit,
      balance: columns.balance,
    }),
    rows: [
      {
        text: row(ledgerColumns, {
          description: text.openingBalance,
          balance: money(ledger.openingBalance),
        }),
      },
      ...(ledger.lines.length === 0
        ? [{ text: row(ledgerColumns, { description: text.noLines }) }]
        : ledger.lines.map((line) => ({
            text: row(ledgerColumns, {
              date: formatDate(line.date, lang),
              valueDate: formatDate(line.valueDate, lang),
              description: line.description,
              receipt: line.receiptNumber ?? '',
              debit: unlessZero(line.debit),
              credit: unlessZero(line.credit),
              balance: amount(line.balance),
            }),
          }))),
      rule,
      {
        text: row(ledgerColumns, {
          description: text.totals,
          debit: amount(ledger.totalDebit),
          credit: amount(ledger.totalCredit),
        }),
      },
      {
        text: row(ledgerColumns, {
          description: text.closingBalance,
          balance: money(ledger.closingBalance),
        }),
        bold: true,
      },
    ],
  };
}

function headerBlock(statement: LoanStatement, text: LoanLabels, span: string): TextRow[] {
  const { lang, cooperative, member, loan } = statement;
  const when = (date: string) => formatDate(date, lang);
  const disbursed =
    loan.disbursedOn === null
      ? text.notDisbursed
      : `${text.disbursedOn}: ${when(loan.disbursedOn)}` +
        (loan.closedOn === null ? '' : ` · ${text.closedOn}: ${when(loan.closedOn)}`);
  return [
    { text: text.title, bold: true },
    { text: `${text.cooperative}: ${cooperative.name} (${cooperative.code})` },
    { text: `${text.member}: ${member.memberNumber} ${member.fullName}` },
    {
      text: `${text.loan}: ${loan.loanNumber} · ${loan.productCode} · ${loan.currency} · ${text.status}: ${text.statuses[loan.status] ?? loan.status}`,
    },
    {
      text: [
        `${text.principal}: ${formatMoney(loan.principal, loan.currency, lang)}`,
        text.rate(formatPercent(loan.rate, lang), loan.ratePer, loan.method),
        text.instalmentCount(loan.instalments),
      ].join(' · '),
    },
    { text: disbursed },
    ...statement.restructurings.map((r) => ({
      text: [
        text.restructured(when(r.date), formatMoney(r.newPrincipal, loan.currency, lang)),
        text.rate(formatPercent(r.after.rate, lang), r.after.ratePer, r.after.method),
        text.instalmentCount(r.after.instalments),
      ].join(' · '),
    })),
    { text: `${text.period}: ${span}` },
    { text: `${text.generatedAt}: ${localTimestamp(statement.generatedAt, cooperative.timeZone)}` },
  ];
}

/**
 * The statement cut into pages of at most `rowsPerPage` rows: the header block on the first
 * page, a running header on the others, then the schedule, the repayments and the principal
 * account, each section's column header repeated wherever it continues on a new page. Page
 * numbers are the renderer's, once the page count is known.
 */
export function loanStatementPages(statement: LoanStatement, rowsPerPage: number): TextRow[][] {
  const { lang, cooperative, member, loan, period } = statement;
  const text = loanLabels[lang];
  const span = `${formatDate(period.from, lang)} ${text.periodUntil} ${formatDate(period.to, lang)}`;
  const running = `${cooperative.name} (${cooperative.code}) · ${member.memberNumber} ${member.fullName} · ${text.loan} ${loan.loanNumber}`;
  const pages: TextRow[][] = [];
  let page = headerBlock(statement, text, span);
  const nextPage = (continuation: readonly TextRow[]) => {
    pages.push(page);
    page = [{ text: running }, ...continuation];
  };
  const sections = [
    scheduleSection(statement, text),
    repaymentsSection(statement, text),
    ledgerSection(statement, text),
  ];
  for (const section of sections) {
    // A section starts only where its title, column header and first row fit together.
    if (page.length + 2 + section.header.length + 1 > rowsPerPage) nextPage([]);
    page.push({ text: '' }, { text: section.title, bold: true }, ...section.header);
    for (const next of section.rows) {
      if (page.length >= rowsPerPage) {
        nextPage([{ text: `${section.title} ${text.continued}`, bold: true }, ...section.header]);
      }
      page.push(next);
    }
  }
  pages.push(page);
  return pages;
}
