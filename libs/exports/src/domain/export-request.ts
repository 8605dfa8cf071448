import { addDays, type BusinessDate, type FieldProblem, InvalidInputError } from '@lumbung/core';
import { dateRangeInput } from './date-range-input';
import {
  isLedgerExportFormat,
  type LedgerExportFormat,
  ledgerExportFormats,
} from './export-format';

/**
 * What to export: a cooperative's postings whose value date lies in `from`..`to` (both
 * included). Value dates, not posting dates, because the trial balance is as of a value date:
 * the end of day's entries for D (posted during D+1) belong to D, and the balances brought
 * forward plus the range then equal the trial balance as of `to`.
 */
export interface LedgerExportRange {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly format: LedgerExportFormat;
  /** Widened to whole chain blocks with every hashed column (JSON Lines only; README). */
  readonly wholeBlocks: boolean;
}

/** The formats a whole-blocks export is written in: the one that carries every column. */
export const wholeBlocksFormats: readonly LedgerExportFormat[] = ['jsonl'];

/** Checks the inputs together and names every problem (400 invalid-input). */
export function ledgerExportRange(input: {
  from?: unknown;
  to?: unknown;
  format?: unknown;
  wholeBlocks?: unknown;
}): LedgerExportRange {
  const problems: FieldProblem[] = [];
  const { from, to } = dateRangeInput(input, problems);
  const format = input.format;
  if (!isLedgerExportFormat(format)) {
    problems.push({ field: 'format', message: `must be one of ${ledgerExportFormats.join(', ')}` });
  }
  const wholeBlocks = flag(input.wholeBlocks);
  if (wholeBlocks === null) {
    problems.push({ field: 'wholeBlocks', message: 'must be true or false' });
  } else if (wholeBlocks && isLedgerExportFormat(format) && !wholeBlocksFormats.includes(format)) {
    problems.push({
      field: 'wholeBlocks',
      message: `is only available with format ${wholeBlocksFormats.join(', ')}: the others cannot carry every column the chain hashes`,
    });
  }
  if (
    problems.length > 0 ||
    from === null ||
    to === null ||
    !isLedgerExportFormat(format) ||
    wholeBlocks === null
  ) {
    const detail = problems.map((p) => `${p.field} ${p.message}`).join('; ');
    throw new InvalidInputError(`Invalid ledger export: ${detail}`, problems);
  }
  return { from, to, format, wholeBlocks };
}

/** Absent is false; a query string says "true" or "false". Null: neither. */
function flag(value: unknown): boolean | null {
  if (value === undefined || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  return null;
}

/** The date of the balances brought forward: the day before `from`. */
export function openingDate(from: BusinessDate): BusinessDate {
  return addDays(from, -1);
}
