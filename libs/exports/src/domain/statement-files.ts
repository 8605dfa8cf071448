import { csvRecords, inertText } from '@lumbung/core';
import type { StatementTable } from './statement-document';
import { columnName, stringCell } from './xlsx-cells';

/**
 * The statements as one CSV file: each table under a record with its title, then its header
 * record and rows, a blank record between tables. Free text is kept inert (a spreadsheet would
 * run `=...`); amounts are plain decimal strings.
 */
export function statementsCsv(tables: readonly StatementTable[]): string {
  return tables
    .map((table) =>
      csvRecords([
        [inertText(table.title)],
        [...table.columns],
        ...table.rows.map((row) =>
          row.cells.map((cell, i) => (table.amountColumns.has(i) ? cell : inertText(cell))),
        ),
      ]),
    )
    .join('\r\n');
}

/**
 * One worksheet's rows as SpreadsheetML: the column names (bold, the frozen first row), the
 * rows with amounts as number cells (the decimal text the CSV holds) and totals in bold, then
 * the title under them. Style 1 is bold in xlsx-package.ts.
 */
export function statementSheetXml(table: StatementTable): string {
  const cell = (ref: string, value: string, amount: boolean, bold: boolean) => {
    if (value === '') return '';
    if (!amount) return stringCell(ref, value, bold);
    return `<c r="${ref}"${bold ? ' s="1"' : ''}><v>${value}</v></c>`;
  };
  const row = (r: number, cells: readonly string[], amounts: boolean, bold: boolean) =>
    `<row r="${r}">${cells
      .map((value, i) =>
        cell(`${columnName(i)}${r}`, value, amounts && table.amountColumns.has(i), bold),
      )
      .join('')}</row>`;
  let xml = row(1, table.columns, false, true);
  table.rows.forEach((line, i) => (xml += row(i + 2, line.cells, true, line.total === true)));
  return xml + row(table.rows.length + 3, [table.title], false, true);
}
