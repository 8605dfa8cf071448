import { type MemberStatement } from './statement';
import { labels } from './statement-language';

/** RFC 4180: a field holding a comma, a double quote or a line break is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 records, each ended by CRLF. */
export function csvRecords(records: readonly (readonly string[])[]): string {
  return records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
}

/**
 * Spreadsheets run a cell starting with `=`, `+`, `-` or `@` as a formula; free text is kept
 * inert with a leading apostrophe (OWASP's advice). Amounts and numbers are never touched.
 */
function inertText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Every line of every account in one file, headed in the statement's language. */
export function statementCsv(statement: MemberStatement): string {
  const columns = labels[statement.lang].columns;
  const header = [
    columns.accountNumber,
    columns.product,
    columns.currency,
    columns.date,
    columns.valueDate,
    columns.description,
    columns.receipt,
    columns.debit,
    columns.credit,
    columns.balance,
  ];
  const rows = statement.accounts.flatMap((account) =>
    account.lines.map((line) => [
      account.accountNumber,
      account.productCode,
      account.currency,
      line.date,
      line.valueDate,
      inertText(line.description),
      line.receiptNumber ?? '',
      line.debit,
      line.credit,
      line.balance,
    ]),
  );
  return csvRecords([header, ...rows]);
}
