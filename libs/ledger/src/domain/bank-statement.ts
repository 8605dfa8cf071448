import {
  type BusinessDate,
  CsvSyntaxError,
  csvRecordsOf,
  type FieldProblem,
  InvalidInputError,
  isBusinessDate,
  Money,
  ProblemError,
} from '@lumbung/core';

/** The statement file's columns: the first three required, any order, no others. */
export const statementColumns = ['date', 'description', 'amount', 'reference', 'balance'] as const;
const requiredColumns = ['date', 'description', 'amount'];

export const maxStatementLines = 5000;
export const maxStatementCharacters = 500_000;
const maxDescription = 500;
const maxReference = 100;

/** One line of a bank statement as the bank printed it. */
export interface StatementLine {
  /** The line of the file it came from (for problems). */
  readonly line: number;
  readonly valueDate: BusinessDate;
  readonly description: string;
  /** Signed: money into the account positive (a debit on the bank leaf), out negative. */
  readonly amount: Money;
  /** '' when the bank gave none. */
  readonly reference: string;
  readonly runningBalance: Money | null;
  /**
   * 1 for the first line with this date, amount, reference and description in the file, 2 for
   * the next identical one (two equal bank charges on one day): with those it names the line,
   * so importing the same statement, or an overlapping one, again adds nothing twice.
   */
  readonly occurrence: number;
}

export interface RowProblems {
  readonly line: number;
  readonly errors: readonly FieldProblem[];
}

/**
 * A statement file with problems: `invalid-input` (400) listing every line that has one, as
 * `rows`; nothing of the file is kept.
 */
export class StatementFileError extends ProblemError {
  readonly status = 400;

  constructor(readonly rows: readonly RowProblems[]) {
    super(
      'invalid-input',
      'Invalid input',
      `The statement has problems on ${rows.length} line${rows.length === 1 ? '' : 's'}; nothing was imported`,
      {
        errors: rows.flatMap((row) =>
          row.errors.map((e) => ({ field: `line ${row.line}: ${e.field}`, message: e.message })),
        ),
        rows,
      },
    );
  }
}

/**
 * Reads a bank statement CSV (RFC 4180, UTF-8, header first): `date` (YYYY-MM-DD, no later than
 * the business date), `description`, `amount` (a signed plain decimal in the account's
 * currency, e.g. `-6500.00`), optional `reference` and `balance` (the running balance after the
 * line). Where the file carries balances, each must follow from the previous line's. Every
 * problem is reported with its line; one bad line refuses the file.
 */
export function parseStatementCsv(
  text: string,
  currency: string,
  businessDate: BusinessDate,
): StatementLine[] {
  if (text.length > maxStatementCharacters) {
    throw new StatementFileError([
      {
        line: 1,
        errors: [{ field: 'file', message: `at most ${maxStatementCharacters} characters` }],
      },
    ]);
  }
  let records: ReturnType<typeof csvRecordsOf>;
  try {
    records = csvRecordsOf(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new StatementFileError([
      { line: error.line, errors: [{ field: 'record', message: error.message }] },
    ]);
  }
  const [header, ...rows] = records;
  const names = headerProblem(header?.fields ?? [], header?.line ?? 1);
  if (rows.length === 0 || rows.length > maxStatementLines) {
    throw new StatementFileError([
      {
        line: header.line,
        errors: [{ field: 'file', message: `1 to ${maxStatementLines} lines after the header` }],
      },
    ]);
  }
  const problems: RowProblems[] = [];
  const seen = new Map<string, number>();
  let previous: Money | null = null;
  const lines = rows.map((row) => {
    const errors: FieldProblem[] = [];
    if (row.fields.length !== names.length) {
      errors.push({
        field: 'record',
        message: `${names.length} fields, found ${row.fields.length}`,
      });
    }
    const raw = Object.fromEntries(names.map((name, i) => [name, (row.fields[i] ?? '').trim()]));
    const valueDate = raw.date;
    if (!isBusinessDate(valueDate)) {
      errors.push({ field: 'date', message: 'a date YYYY-MM-DD' });
    } else if (valueDate > businessDate) {
      errors.push({ field: 'date', message: `after the business date ${businessDate}` });
    }
    const description = raw.description;
    if (description.length < 1 || description.length > maxDescription) {
      errors.push({ field: 'description', message: `1 to ${maxDescription} characters` });
    }
    const reference = raw.reference ?? '';
    if (reference.length > maxReference) {
      errors.push({ field: 'reference', message: `at most ${maxReference} characters` });
    }
    const amount = money(raw.amount, currency, 'amount', errors);
    if (amount?.isZero()) errors.push({ field: 'amount', message: 'must not be zero' });
    const balance = raw.balance ? money(raw.balance, currency, 'balance', errors) : null;
    if (balance && amount && previous && !previous.plus(amount).equals(balance)) {
      errors.push({
        field: 'balance',
        message: `${previous.toString()} before and ${amount.toString()} make ${previous.plus(amount).toString()}, not ${balance.toString()}`,
      });
    }
    previous = balance;
    if (errors.length > 0) problems.push({ line: row.line, errors });
    const identity = [valueDate, amount?.toString(), reference, description].join('\u0000');
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    return {
      line: row.line,
      valueDate: valueDate as BusinessDate,
      description,
      amount: amount!,
      reference,
      runningBalance: balance,
      occurrence,
    };
  });
  if (problems.length > 0) throw new StatementFileError(problems);
  return lines;
}

function headerProblem(fields: readonly string[], line: number): string[] {
  const names = fields.map((name) => name.trim().toLowerCase());
  const missing = requiredColumns.filter((column) => !names.includes(column));
  const unknown = names.filter(
    (name, i) =>
      !(statementColumns as readonly string[]).includes(name) || names.indexOf(name) !== i,
  );
  if (missing.length > 0 || unknown.length > 0) {
    throw new StatementFileError([
      {
        line,
        errors: [
          {
            field: 'header',
            message: `columns date, description, amount and optionally reference, balance, once each${missing.length ? `; missing ${missing.join(',')}` : ''}${unknown.length ? `; not expected ${unknown.join(',')}` : ''}`,
          },
        ],
      },
    ]);
  }
  return names;
}

function money(
  value: string,
  currency: string,
  field: string,
  errors: FieldProblem[],
): Money | null {
  try {
    return Money.parse(value, currency, field);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    errors.push(...error.errors);
    return null;
  }
}
