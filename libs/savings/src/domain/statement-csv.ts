import { csvRecords, inertText } from '@lumbung/core';
import { type MemberStatement } from './statement';
import { labels } from './statement-language';

/** RFC 4180 quoting is libs/core's (text/csv.ts), shared with the loan statement. */
export { csvField, csvRecords } from '@lumbung/core';

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
