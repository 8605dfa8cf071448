import { type FieldProblem, InvalidInputError, isUuid } from '@lumbung/core';

export interface PageQuery {
  readonly after?: string;
  /** 1 to 200, default 50. */
  readonly limit?: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: string | null;
}

export const maxPage = 200;

export function checkedPage(query: PageQuery): { after?: string; limit: number } {
  const limit = query.limit ?? 50;
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPage) {
    problems.push({ field: 'limit', message: `an integer from 1 to ${maxPage}` });
  }
  if (query.after !== undefined && !isUuid(query.after)) {
    problems.push({ field: 'after', message: 'a cursor from a previous page' });
  }
  if (problems.length > 0) throw new InvalidInputError('Invalid page', problems);
  return { after: query.after, limit };
}

/** Reads one more than the page to know whether another follows. */
export function pageOf<T extends { id: string }>(rows: readonly T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? items[items.length - 1].id : null };
}
