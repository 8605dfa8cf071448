import {
  type BusinessDate,
  currency as currencyOf,
  InvalidInputError,
  isBusinessDate,
  Money,
} from '@lumbung/core';
import type { CsvRow } from './csv-table';
import type { CutoverFile, RowProblem } from './row-problem';

/** Reads one file's cells, keeping every problem with its row and column. */
export class CellReader {
  readonly problems: RowProblem[] = [];

  constructor(readonly file: CutoverFile) {}

  problem(row: number | null, column: string | null, message: string): void {
    this.problems.push({ file: this.file, row, column, message });
  }

  required(record: CsvRow, column: string): string | undefined {
    const value = record.cell(column);
    if (value === '') this.problem(record.row, column, 'is required');
    return value === '' ? undefined : value;
  }

  date(record: CsvRow, column: string, optional = false): BusinessDate | undefined {
    const value = optional ? record.cell(column) : this.required(record, column);
    if (!value) return undefined;
    if (!isBusinessDate(value)) {
      this.problem(record.row, column, `"${value}" is not a date YYYY-MM-DD`);
      return undefined;
    }
    return value;
  }

  /**
   * A non-negative amount in `currency`: digits, a point and at most its minor units, no
   * thousands separators. "100.000" is refused, not read as 100: in Indonesia it means a hundred
   * thousand.
   */
  amount(record: CsvRow, column: string, currency: string, optional = false): Money | undefined {
    const value = optional ? record.cell(column) : this.required(record, column);
    if (!value) return undefined;
    const minorUnits = currencyOf(currency).minorUnits;
    const decimals = /^\d+(?:\.(\d+))?$/.exec(value)?.[1]?.length ?? 0;
    if (!/^-?\d+(?:\.\d+)?$/.test(value) || decimals > minorUnits) {
      this.problem(
        record.row,
        column,
        `"${value}" is not an amount: digits with at most ${minorUnits} decimals after a point, no separators`,
      );
      return undefined;
    }
    try {
      const amount = Money.parse(value, currency, column);
      if (amount.isNegative()) {
        this.problem(record.row, column, `must not be negative (${value})`);
        return undefined;
      }
      return amount;
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      this.problem(record.row, column, `"${value}" is not an amount: ${amountMessage(error)}`);
      return undefined;
    }
  }

  /** A whole number from `min` up. */
  count(record: CsvRow, column: string, min: number): number | undefined {
    const value = this.required(record, column);
    if (!value) return undefined;
    if (!/^\d{1,4}$/.test(value) || Number(value) < min) {
      this.problem(record.row, column, `"${value}" is not a whole number from ${min}`);
      return undefined;
    }
    return Number(value);
  }
}

function amountMessage(error: InvalidInputError): string {
  return error.errors[0]?.message ?? error.message;
}
