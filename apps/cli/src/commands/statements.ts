import { InvalidInputError } from '@lumbung/core';
import { ExportsModule, FinancialStatementsService, statementFormats } from '@lumbung/exports';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { cooperativeCodeArg, parseCommandArgs, required } from '../args';
import type { Command } from '../command';
import { databaseTarget } from '../environment';
import { CliError, describeError, UsageError } from '../errors';
import { withLedger } from '../ledger-app';

const command = 'statements';
const formats = statementFormats.join('|');

const help = `Usage: lumbung statements --cooperative CODE --from YYYY-MM-DD --to YYYY-MM-DD
                          [--format ${formats}] --out FILE

Writes the cooperative's financial statements for the value dates --from to --to (both
included) to FILE: trial balance, financial position, results (member and non-member income
apart), changes in equity and cash flows, in the functional currency, foreign balances at the
closing rate of each end of the period. The same figures as GET financial-statements, read in
one REPEATABLE READ, read-only transaction. The file appears only when complete. Exits 0 on
success.

Options:
  --cooperative CODE   the cooperative's code, e.g. KSP-KUPANG
  --from DATE          first value date, YYYY-MM-DD
  --to DATE            last value date, YYYY-MM-DD (not before --from, not after the business date)
  --format FORMAT      ${statementFormats.join(', ')} (default json)
  --out FILE           where to write (replaced if it exists)
  -h, --help           this help

Environment:
  DATABASE_URL   application role (required)`;

export const statementsCommand: Command = {
  name: command,
  summary: "write a cooperative's financial statements for a period (json, csv, xlsx, pdf)",
  help,
  async run(args, { io, env }) {
    const values = parseCommandArgs(command, args, {
      cooperative: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    });
    if (values.help) {
      io.out(help);
      return 0;
    }
    const code = cooperativeCodeArg(command, values.cooperative);
    const query = {
      from: required(command, 'from', values.from),
      to: required(command, 'to', values.to),
      format: values.format,
    };
    const out = required(command, 'out', values.out);
    const target = databaseTarget(env, io, { warnWhenShared: false });
    const file = await withLedger(
      target.appUrl,
      target.environment.logLevel,
      async (ledger) => {
        const service = ledger.context.get(FinancialStatementsService);
        const { format, statements } = await ledger.read(async (tx) => {
          const cooperative = await ledger.cooperativeByCode(tx, code);
          return service.read(tx, cooperative.id, query).catch((error: unknown) => {
            if (!(error instanceof InvalidInputError)) throw error;
            const [first] = error.errors;
            throw new UsageError(`--${first.field} ${first.message}`, command);
          });
        });
        return service.file(statements, format);
      },
      [ExportsModule],
    );
    // Written beside FILE and renamed over it: FILE is never half a file.
    const partial = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
    try {
      await writeFile(partial, file.body);
      await rename(partial, out);
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      throw new CliError(`cannot write ${out}: ${describeError(error)}`);
    }
    io.out(`${code}: wrote ${out} (${file.fileName})`);
    return 0;
  },
};
