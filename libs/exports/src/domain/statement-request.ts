import { type BusinessDate, type FieldProblem, InvalidInputError } from '@lumbung/core';
import { dateRangeInput } from './date-range-input';

export const statementFormats = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type StatementFormat = (typeof statementFormats)[number];

export interface StatementRequest {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly format: StatementFormat;
}

/**
 * The period (value dates `from` through `to`, both included, `to` no later than the
 * cooperative's business date) and the format, JSON unless asked; every problem named at once
 * (400 invalid-input).
 */
export function statementRequest(
  input: { from?: unknown; to?: unknown; format?: unknown },
  businessDate: BusinessDate,
): StatementRequest {
  const problems: FieldProblem[] = [];
  const { from, to } = dateRangeInput(input, problems);
  if (to !== null && to > businessDate) {
    problems.push({
      field: 'to',
      message: `must not be after the business date (${businessDate})`,
    });
  }
  const format = input.format ?? 'json';
  const known = (statementFormats as readonly unknown[]).includes(format);
  if (!known) {
    problems.push({ field: 'format', message: `must be one of ${statementFormats.join(', ')}` });
  }
  if (problems.length > 0 || from === null || to === null || !known) {
    const detail = problems.map((p) => `${p.field} ${p.message}`).join('; ');
    throw new InvalidInputError(`Invalid financial statements request: ${detail}`, problems);
  }
  return { from, to, format: format as StatementFormat };
}
