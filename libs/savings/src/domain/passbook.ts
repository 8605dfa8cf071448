import {
  type Column,
  fitColumn,
  formatAmount,
  formatDate,
  InvalidInputError,
  Money,
  rowWidth,
} from '@lumbung/core';
import { owedFrom } from './owed';
import { type LedgerLine, memberSide, type StatementLine } from './statement';
import { type Language, operationName } from './statement-language';

/** Rows on one page of the buku tabungan the cooperative hands out. */
export const passbookLinesPerPage = 20;

/** Where a line lands in the passbook in use: its page, and its row on that page (from 1). */
export interface PassbookSlot {
  readonly page: number;
  readonly line: number;
}

/**
 * A passbook begins with `bookFirstLine` on page 1, row 1 (line 1 for the first book; a
 * replacement book begins where the reprint started) and fills its pages in order.
 */
export function passbookSlot(lineNumber: number, bookFirstLine: number): PassbookSlot {
  const offset = lineNumber - bookFirstLine;
  const row = offset % passbookLinesPerPage;
  return { page: (offset - row) / passbookLinesPerPage + 1, line: row + 1 };
}

export interface PassbookLine extends StatementLine, PassbookSlot {}

/**
 * A ledger line as the passbook prints it: the operation's short name (the passbook is the
 * account's own, so the account number in the recorded description adds nothing) and the
 * ledger's own balance after the line.
 */
export function passbookLine(
  line: LedgerLine,
  currency: string,
  bookFirstLine: number,
  lang: Language,
): PassbookLine {
  const { debit, credit } = memberSide(Money.of(line.amount, currency));
  const lineNumber = Number(line.version);
  return {
    lineNumber,
    ...passbookSlot(lineNumber, bookFirstLine),
    entryId: line.entryId,
    date: line.postingDate,
    valueDate: line.valueDate,
    description: operationName(line, lang),
    operation: line.operation,
    receiptNumber: line.receiptNumber,
    debit: debit.toString(),
    credit: credit.toString(),
    balance: owedFrom(line.balanceAfter, currency).toString(),
  };
}

/** A replacement passbook starts at a line the account has: 1 up to its last line. */
export function requireReprintFrom(fromLine: number, lastLine: number): void {
  if (lastLine === 0) {
    throw new InvalidInputError('The account has no lines to reprint', [
      { field: 'fromLine', message: 'the account has no lines yet' },
    ]);
  }
  if (!Number.isSafeInteger(fromLine) || fromLine < 1 || fromLine > lastLine) {
    throw new InvalidInputError(`fromLine must be between 1 and ${lastLine}`, [
      { field: 'fromLine', message: `must be a line of the account, 1 to ${lastLine}` },
    ]);
  }
}

const passbookColumns: readonly Column[] = [
  { width: 4, align: 'right' },
  { width: 10, align: 'left' },
  { width: 18, align: 'left' },
  { width: 16, align: 'right' },
  { width: 16, align: 'right' },
  { width: 17, align: 'right' },
];

/** Characters in a passbook row: number, date, description, debit, credit, balance. */
export const passbookRowWidth = rowWidth(passbookColumns);

/** The row the passbook printer writes; a side without money stays blank. */
export function passbookRow(line: PassbookLine, lang: Language): string {
  const amount = (value: string) => (/[1-9]/.test(value) ? formatAmount(value, lang) : '');
  const cells = [
    String(line.lineNumber),
    formatDate(line.date, lang),
    line.description,
    amount(line.debit),
    amount(line.credit),
    formatAmount(line.balance, lang),
  ];
  return cells
    .map((cell, i) => fitColumn(cell, passbookColumns[i], i === 2))
    .join(' ')
    .trimEnd();
}
