import {
  type FieldProblem,
  InvalidInputError,
  type ProblemError,
  RuleViolationError,
} from '@lumbung/core';
import type { EntryDraft } from '../domain/entry-draft';
import type { EntryOutcomeRow } from '../infrastructure/posting-store';

interface LineProblem {
  readonly line: number;
  readonly field: 'accountId' | 'currency' | 'counterpartyClass';
  readonly problem: 'unknown' | 'heading' | 'currency' | 'counterparty';
  readonly accountCurrency?: string;
}

const lineMessages: Record<LineProblem['problem'], (p: LineProblem) => string> = {
  unknown: () => 'no such account in this cooperative',
  heading: () => 'is a heading; postings go to leaf accounts only',
  currency: (p) => `the account holds ${p.accountCurrency}`,
  counterparty: () => 'income and expense postings name member, non_member or partner_cooperative',
};

function lineProblems(row: EntryOutcomeRow, path: string): FieldProblem[] {
  return (row.detail as LineProblem[]).map((p) => ({
    field: `${path}postings[${p.line}].${p.field}`,
    message: lineMessages[p.problem](p),
  }));
}

/** The problem an entry refused by `ledger_post_entries` reports; `path` prefixes its fields. */
export function refusalProblem(row: EntryOutcomeRow, draft: EntryDraft, path = ''): ProblemError {
  const detail = (row.detail ?? {}) as Record<string, string>;
  switch (row.problem) {
    case 'value-date-in-future':
      return new InvalidInputError('Value date in the future', [
        {
          field: `${path}valueDate`,
          message: `must not be after the business date ${detail.businessDate}`,
        },
      ]);
    case 'period-closed':
      return new RuleViolationError(
        'period-closed',
        'Accounting period closed',
        `Value date ${row.valueDate} falls in ${row.valueDate.slice(0, 7)}, a closed month`,
        { field: `${path}valueDate` },
      );
    case 'idempotency-key-reused':
      return new RuleViolationError(
        'idempotency-key-reused',
        'Idempotency key reused',
        `${path}idempotencyKey ${draft.idempotencyKey} already posted entry ${detail.entryId} with other postings`,
        { entryId: detail.entryId },
      );
    case 'invalid-postings':
      return new InvalidInputError(
        'Some postings cannot go to the accounts named',
        lineProblems(row, path),
      );
    case 'insufficient-funds':
      return new RuleViolationError(
        'insufficient-funds',
        'Insufficient funds',
        `Account ${detail.accountId} would fall below its floor`,
        { accountId: detail.accountId, available: detail.available },
      );
    default:
      throw new Error(`Unknown refusal ${row.problem}`);
  }
}

/** The order an atomic batch reports its refusals in: input before state, field lists merged. */
const precedence = [
  'value-date-in-future',
  'period-closed',
  'idempotency-key-reused',
  'invalid-postings',
  'insufficient-funds',
];

/** The one problem that refuses an atomic batch, or undefined when every entry may post. */
export function atomicRefusal(
  rows: readonly EntryOutcomeRow[],
  drafts: readonly EntryDraft[],
  pathOf: (index: number) => string,
): ProblemError | undefined {
  const refused = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.outcome === 'refused');
  if (refused.length === 0) return undefined;
  const rank = (problem: string | null): number => precedence.indexOf(problem ?? '');
  const worst = refused.reduce((a, b) => (rank(b.row.problem) < rank(a.row.problem) ? b : a));
  const same = refused.filter(({ row }) => row.problem === worst.row.problem);
  if (worst.row.problem === 'invalid-postings' || worst.row.problem === 'value-date-in-future') {
    const errors = same.flatMap(
      ({ row, index }) =>
        (refusalProblem(row, drafts[index], pathOf(index)) as InvalidInputError).errors,
    );
    return new InvalidInputError(refusalProblem(worst.row, drafts[worst.index]).detail, errors);
  }
  const problem = refusalProblem(same[0].row, drafts[same[0].index], pathOf(same[0].index));
  return worst.row.problem === 'insufficient-funds'
    ? new RuleViolationError(problem.slug, problem.title, problem.detail, {
        ...problem.extensions,
        entryIndex: same[0].index,
      })
    : problem;
}
