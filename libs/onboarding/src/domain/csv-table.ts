import { CsvSyntaxError, csvRecordsOf } from '@lumbung/core';
import type { CutoverFile, RowProblem } from './row-problem';

/**
 * One data record of a table: its row number, the line it starts on as an editor shows it (the
 * header is row 1), and its cells by column.
 */
export interface CsvRow {
  readonly row: number;
  /** The cell, trimmed; '' when empty or when the column is absent from the file. */
  cell(column: string): string;
}

export interface CsvTable {
  readonly rows: readonly CsvRow[];
  readonly problems: readonly RowProblem[];
}

/**
 * The file as rows under its header, read as RFC 4180 (libs/core's reader; a byte-order mark,
 * which spreadsheets write, is dropped). Required columns must all be there; a column the format
 * does not know is reported (a misspelt header would otherwise be read as an empty column).
 * Blank lines are skipped but still counted, so row numbers match what an editor shows.
 */
export function readCsvTable(
  file: CutoverFile,
  text: string,
  columns: { readonly required: readonly string[]; readonly optional?: readonly string[] },
): CsvTable {
  const problems: RowProblem[] = [];
  const fileProblem = (message: string, column: string | null = null): void => {
    problems.push({ file, row: null, column, message });
  };
  let records: Array<{ line: number; fields: string[] }>;
  try {
    records = csvRecordsOf(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return {
      rows: [],
      problems: [{ file, row: error.line, column: null, message: error.message }],
    };
  }
  if (records.length === 0) {
    fileProblem('the file is empty: its first line names the columns');
    return { rows: [], problems };
  }
  const header = records[0].fields.map((name) => name.trim().toLowerCase());
  const known = new Set([...columns.required, ...(columns.optional ?? [])]);
  for (const column of columns.required) {
    if (!header.includes(column)) fileProblem('the column is missing', column);
  }
  header.forEach((name, i) => {
    if (!known.has(name)) fileProblem('not a column of this file', name || `column ${i + 1}`);
    else if (header.indexOf(name) !== i) fileProblem('the column appears twice', name);
  });
  const rows: CsvRow[] = [];
  for (const { line: row, fields } of records.slice(1)) {
    if (fields.every((cell) => cell.trim() === '')) continue;
    if (fields.length !== header.length) {
      problems.push({
        file,
        row,
        column: null,
        message: `has ${fields.length} fields, the header ${header.length}`,
      });
    }
    rows.push({
      row,
      cell: (column) => {
        const at = header.indexOf(column);
        return at < 0 ? '' : (fields[at] ?? '').trim();
      },
    });
  }
  return { rows, problems };
}
