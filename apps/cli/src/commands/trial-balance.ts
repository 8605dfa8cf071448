import type { BusinessDate } from '@lumbung/core';
import { choiceArg, cooperativeCodeArg, dateArg, parseCommandArgs } from '../args';
import type { CliIo, Command } from '../command';
import { databaseTarget } from '../environment';
import { type LedgerApp, withLedger } from '../ledger-app';
import {
  imbalances,
  renderTrialBalance,
  type TrialBalanceFormat,
  trialBalanceFormats,
  type TrialBalanceReport,
} from '../print/trial-balance-table';

const help = `Usage: lumbung trial-balance --cooperative CODE --as-of YYYY-MM-DD [--format table|json|csv]

Prints the cooperative's trial balance from the sums of its postings with a value date up to
and including --as-of: every account with postings, indented under its headings, per currency,
with the totals per currency and in the functional currency. Read in one REPEATABLE READ,
read-only transaction. Exits 1 when the books do not balance.

Options:
  --cooperative CODE   the cooperative's code, e.g. KSP-KUPANG
  --as-of DATE         a calendar date YYYY-MM-DD
  --format FORMAT      table (default), json or csv
  -h, --help           this help

Environment:
  DATABASE_URL   application role (required)`;

/** Reads one cooperative's trial balance in a single REPEATABLE READ, read-only snapshot. */
export async function readTrialBalance(
  ledger: LedgerApp,
  code: string,
  asOf: BusinessDate,
): Promise<TrialBalanceReport> {
  return ledger.read(async (tx) => {
    const cooperative = await ledger.cooperativeByCode(tx, code);
    const trialBalance = await ledger.queries.trialBalance(tx, cooperative.id, asOf);
    return { ...trialBalance, cooperative: { code: cooperative.code, name: cooperative.name } };
  });
}

/** Prints it and tells whether the books balance; the demo prints with this too. */
export async function printTrialBalance(
  ledger: LedgerApp,
  io: CliIo,
  code: string,
  asOf: BusinessDate,
  format: TrialBalanceFormat = 'table',
): Promise<boolean> {
  const report = await readTrialBalance(ledger, code, asOf);
  io.out(renderTrialBalance(report, format));
  const problems = imbalances(report);
  // The table and JSON say it themselves; CSV is data only, so the verdict goes to stderr.
  if (problems.length > 0 && format === 'csv') io.err(`NOT BALANCED: ${problems.join('; ')}`);
  return problems.length === 0;
}

export const trialBalanceCommand: Command = {
  name: 'trial-balance',
  summary: 'print a cooperative trial balance as of a date',
  help,
  async run(args, { io, env }) {
    const values = parseCommandArgs('trial-balance', args, {
      cooperative: { type: 'string' },
      'as-of': { type: 'string' },
      format: { type: 'string' },
    });
    if (values.help) {
      io.out(help);
      return 0;
    }
    const code = cooperativeCodeArg('trial-balance', values.cooperative);
    const asOf = dateArg('trial-balance', 'as-of', values['as-of']);
    const format = choiceArg(
      'trial-balance',
      'format',
      values.format,
      trialBalanceFormats,
      'table',
    );
    const target = databaseTarget(env, io, { warnWhenShared: false });
    const balanced = await withLedger(target.appUrl, target.environment.logLevel, (ledger) =>
      printTrialBalance(ledger, io, code, asOf, format),
    );
    return balanced ? 0 : 1;
  },
};
