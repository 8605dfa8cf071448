import { RuleViolationError } from '@lumbung/core';
import {
  type CutoverFiles,
  type CutoverReport,
  CutoverService,
  describeProblem,
  OnboardingModule,
  type RowProblem,
} from '@lumbung/onboarding';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cooperativeCodeArg, dateArg, parseCommandArgs, required } from '../args';
import type { CliIo, Command } from '../command';
import { databaseTarget } from '../environment';
import { CliError } from '../errors';
import { withLedger } from '../ledger-app';

const help = `Usage: lumbung cutover --cooperative CODE --date YYYY-MM-01 --dir DIR
                      (--dry-run | --by USERNAME)

Opens a cooperative's books on its cut-over date from the files in DIR: members.csv,
savings.csv, loans.csv, loan-schedule.csv, collateral.csv and gl.csv (formats: docs/cutover.md).
--dry-run checks every row and writes nothing; without it the files are checked the same way
and, only when nothing is wrong, committed in one transaction by the user --by names (on the
record as who brought the books over): members, savings accounts, loans and one balanced
opening entry per area, and the month before the date closed.
Every problem is printed as "file, row N, column: message". A cooperative goes live once: a
second commit is refused. Shows progress on a terminal. Exit 0 only when the files are clean (and,
without --dry-run, committed).

The date must be the first day of a month and the cooperative's business date; its books must
be empty (no members, no entries) and its savings products set up beforehand.

Options:
  --cooperative CODE   the cooperative's code, e.g. KSP-KUPANG
  --date DATE          the cut-over date, YYYY-MM-01
  --dir DIR            the directory holding members.csv, savings.csv and gl.csv
  --dry-run            check only, write nothing
  --by USERNAME        commit as this user (required without --dry-run)
  -h, --help           this help

Environment:
  DATABASE_URL   application role (required)`;

export const cutoverCommand: Command = {
  name: 'cutover',
  summary: "open a cooperative's books from CSV files (opening balances), or check them",
  help,
  async run(args, { io, env }) {
    const values = parseCommandArgs('cutover', args, {
      cooperative: { type: 'string' },
      date: { type: 'string' },
      dir: { type: 'string' },
      'dry-run': { type: 'boolean' },
      by: { type: 'string' },
    });
    if (values.help) {
      io.out(help);
      return 0;
    }
    const code = cooperativeCodeArg('cutover', values.cooperative);
    const cutoverDate = dateArg('cutover', 'date', values.date);
    const files = await readFiles(required('cutover', 'dir', values.dir));
    const dryRun = values['dry-run'] === true;
    const by = dryRun ? undefined : required('cutover', 'by', values.by);
    const target = databaseTarget(env, io, { warnWhenShared: false });
    const report = await withLedger(
      target.appUrl,
      target.environment.logLevel,
      async (ledger) => {
        const cutover = ledger.context.get(CutoverService);
        const request = { cutoverDate, files };
        if (dryRun) {
          return ledger.read(async (tx) => {
            const cooperative = await ledger.cooperativeByCode(tx, code);
            return cutover.dryRun(tx, cooperative.id, request);
          });
        }
        try {
          return await ledger.write(async (tx) => {
            const cooperative = await ledger.cooperativeByCode(tx, code);
            const operator = await ledger.users.byUsername(tx, by!);
            return cutover.commit(tx, cooperative.id, request, {
              actorId: operator.id,
              progress: (step, done, total) => io.progress?.(`${code}: ${step} ${done}/${total}`),
            });
          });
        } catch (error) {
          if (error instanceof RuleViolationError && error.slug === 'cutover-files-invalid') {
            return refusedReport(error);
          }
          throw error;
        } finally {
          io.progress?.('');
        }
      },
      [OnboardingModule],
    );
    printReport(io, code, report, dryRun);
    return report.problems.length === 0 ? 0 : 1;
  },
};

async function readFiles(dir: string): Promise<CutoverFiles> {
  const read = async (name: string): Promise<string> => {
    try {
      return await readFile(join(dir, name), 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${join(dir, name)}: ${(error as Error).message}`, 1);
    }
  };
  return {
    members: await read('members.csv'),
    savings: await read('savings.csv'),
    loans: await read('loans.csv'),
    loanSchedule: await read('loan-schedule.csv'),
    collateral: await read('collateral.csv'),
    gl: await read('gl.csv'),
  };
}

/** A commit refused for its files carries the problems: print them as a dry run would. */
function refusedReport(error: RuleViolationError): Pick<CutoverReport, 'problems'> {
  return { problems: error.extensions.problems as RowProblem[] };
}

function printReport(
  io: CliIo,
  code: string,
  report: Pick<CutoverReport, 'problems'> & Partial<CutoverReport>,
  dryRun: boolean,
): void {
  for (const problem of report.problems) io.out(describeProblem(problem));
  const count = report.problems.length;
  if (count > 0) {
    io.out(`${code}: ${count} problem${count === 1 ? '' : 's'} in the files; nothing was written`);
    return;
  }
  const what =
    `${report.members} members, ${report.savingsAccounts} savings accounts ` +
    `(${report.currency} ${report.savingsTotal}), ${report.loans} loans ` +
    `(${report.currency} ${report.loansTotal}), ${report.glLines} GL lines`;
  const files = `files ${report.filesSha256!.slice(0, 12)}`;
  io.out(
    dryRun
      ? `${code}: cut-over on ${report.cutoverDate} checked (${files}): ${what}; no problems`
      : `${code}: live from ${report.cutoverDate} (${files}): ${what} opened`,
  );
}
