/** The cut-over's files, each read as one CSV table (docs/cutover.md). */
export const cutoverFiles = [
  'members.csv',
  'savings.csv',
  'loans.csv',
  'loan-schedule.csv',
  'collateral.csv',
  'gl.csv',
] as const;
export type CutoverFile = (typeof cutoverFiles)[number];

/**
 * One thing wrong with the files, where a spreadsheet shows it: the record number counting the
 * header as 1 (so the first member is row 2), and the column. A problem of the whole file (a
 * missing column, totals that do not balance) has no row.
 */
export interface RowProblem {
  readonly file: CutoverFile;
  readonly row: number | null;
  readonly column: string | null;
  readonly message: string;
}

export function describeProblem(problem: RowProblem): string {
  const where = [problem.file, problem.row === null ? null : `row ${problem.row}`, problem.column]
    .filter((part) => part !== null)
    .join(', ');
  return `${where}: ${problem.message}`;
}

/** Problems in file order, then row, so a reader fixes them top to bottom. */
export function sortProblems(problems: readonly RowProblem[]): RowProblem[] {
  return [...problems].sort(
    (a, b) =>
      cutoverFiles.indexOf(a.file) - cutoverFiles.indexOf(b.file) || (a.row ?? 0) - (b.row ?? 0),
  );
}
