import { type BusinessDate, type FieldProblem, isBusinessDate } from '@lumbung/core';

/**
 * A request's `from` and `to` value dates, both required and `to` not before `from`; each problem
 * is added to `problems` (so a request names all of its problems at once), and a date missing or
 * malformed comes back null.
 */
export function dateRangeInput(
  input: { readonly from?: unknown; readonly to?: unknown },
  problems: FieldProblem[],
): { from: BusinessDate | null; to: BusinessDate | null } {
  const date = (field: 'from' | 'to'): BusinessDate | null => {
    const value = input[field];
    if (isBusinessDate(value)) return value;
    problems.push({
      field,
      message:
        value === undefined || value === ''
          ? 'is required (a date YYYY-MM-DD)'
          : 'must be a valid date YYYY-MM-DD',
    });
    return null;
  };
  const from = date('from');
  const to = date('to');
  if (from !== null && to !== null && to < from) {
    problems.push({ field: 'to', message: `must not be before from (${from})` });
  }
  return { from, to };
}
