import { type BusinessDate, CsvSyntaxError, csvRecordsOf } from '@lumbung/core';
import { Fields } from './fields';
import {
  duplicatePairs,
  FxFileError,
  type FxRateInput,
  maxRatesPerChange,
  readFxRate,
  type RowProblems,
} from './fx-rate';

export const fxCsvColumns = ['date', 'base', 'quote', 'rate', 'source'] as const;

/** Files above this many characters are refused before parsing (1,000 rates fit easily). */
export const maxFxCsvLength = 200_000;

/**
 * An FX rate file: a header naming the columns date, base, quote, rate, source (any order, no
 * others), then one rate per line. Every line is checked and every problem reported with its
 * line number; one bad line refuses the whole file.
 */
export function parseFxCsv(text: string, today: BusinessDate): FxRateInput[] {
  const fail = (rows: RowProblems[]): never => {
    throw new FxFileError(
      `The FX rate file has problems on ${rows.length} line${rows.length === 1 ? '' : 's'}; nothing was imported`,
      rows,
    );
  };
  if (text.length > maxFxCsvLength) {
    fail([
      { line: 1, errors: [{ field: 'file', message: `at most ${maxFxCsvLength} characters` }] },
    ]);
  }
  const records = recordsOf(text);
  if (records.length === 0) {
    fail([
      { line: 1, errors: [{ field: 'header', message: `columns ${fxCsvColumns.join(',')}` }] },
    ]);
  }
  const [header, ...rows] = records;
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const missing = fxCsvColumns.filter((column) => !names.includes(column));
  const unknown = names.filter(
    (name, i) => !(fxCsvColumns as readonly string[]).includes(name) || names.indexOf(name) !== i,
  );
  if (missing.length > 0 || unknown.length > 0) {
    fail([
      {
        line: header.line,
        errors: [
          {
            field: 'header',
            message: `columns ${fxCsvColumns.join(',')} once each${missing.length ? `; missing ${missing.join(',')}` : ''}${unknown.length ? `; not expected ${unknown.join(',')}` : ''}`,
          },
        ],
      },
    ]);
  }
  if (rows.length === 0 || rows.length > maxRatesPerChange) {
    fail([
      {
        line: header.line,
        errors: [{ field: 'file', message: `1 to ${maxRatesPerChange} rates after the header` }],
      },
    ]);
  }
  const problems: RowProblems[] = [];
  const rates = rows.map((row) => {
    const fields = new Fields();
    if (row.fields.length !== names.length) {
      fields.add('record', `${names.length} fields, found ${row.fields.length}`);
    }
    const raw = Object.fromEntries(names.map((name, i) => [name, row.fields[i]?.trim()]));
    const rate = readFxRate(fields, raw, today);
    if (!fields.ok) problems.push({ line: row.line, errors: fields.problems });
    return rate;
  });
  for (const { index, first } of duplicatePairs(rates)) {
    problems.push({
      line: rows[index].line,
      errors: [{ field: 'date', message: `the same pair and date as line ${rows[first].line}` }],
    });
  }
  if (problems.length > 0) fail(problems.sort((a, b) => a.line - b.line));
  return rates;
}

function recordsOf(text: string): ReturnType<typeof csvRecordsOf> {
  try {
    return csvRecordsOf(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new FxFileError('The FX rate file is not valid CSV', [
      { line: error.line, errors: [{ field: 'record', message: error.message }] },
    ]);
  }
}
