import type { BusinessDate } from '@lumbung/core';
import { EndOfDayModule, EndOfDayService, type EodRunView } from '@lumbung/end-of-day';
import { cooperativeCodeArg, dateArg, parseCommandArgs } from '../args';
import type { CliIo, Command } from '../command';
import { databaseTarget } from '../environment';
import { CliError, describeError } from '../errors';
import { type LedgerApp, withLedger } from '../ledger-app';

const help = `Usage: lumbung close-day --cooperative CODE [--date YYYY-MM-DD]

Closes one business day of the cooperative: opens its end-of-day run (by default the day before
the business date; earlier days must be closed first, runs go in date order) and runs every chunk
of it that is not done, here in this process, each chunk in its own transaction. Safe beside a
running worker and safe to repeat: a done chunk is skipped, so closing a closed day changes
nothing. Shows progress on a terminal. Exits 0 when the run is complete, 1 when a chunk fails
(the failure is kept on the run: close-day again, or let the worker retry it).

Options:
  --cooperative CODE   the cooperative's code, e.g. KSP-KUPANG
  --date DATE          the business date to close, YYYY-MM-DD
  -h, --help           this help

Environment:
  DATABASE_URL   application role (required)`;

export const closeDayCommand: Command = {
  name: 'close-day',
  summary: "close a cooperative's business day (its end-of-day run), here and now",
  help,
  async run(args, { io, env }) {
    const values = parseCommandArgs('close-day', args, {
      cooperative: { type: 'string' },
      date: { type: 'string' },
    });
    if (values.help) {
      io.out(help);
      return 0;
    }
    const code = cooperativeCodeArg('close-day', values.cooperative);
    const date = values.date === undefined ? undefined : dateArg('close-day', 'date', values.date);
    const target = databaseTarget(env, io, { warnWhenShared: false });
    const { run, ran } = await withLedger(
      target.appUrl,
      target.environment.logLevel,
      (ledger) => closeDay(ledger, io, code, date),
      [EndOfDayModule],
    );
    const total = `${run.chunks.total} chunk${run.chunks.total === 1 ? '' : 's'}`;
    const chunks = `${total}, ${ran === 0 ? 'all done before' : `${ran} run now`}`;
    io.out(`${code}: business day ${run.businessDate} closed (${chunks})`);
    return 0;
  },
};

/** Opens the run and works through its chunks; resolves to the complete run or throws. */
async function closeDay(
  ledger: LedgerApp,
  io: CliIo,
  code: string,
  date: BusinessDate | undefined,
): Promise<{ run: EodRunView; ran: number }> {
  const endOfDay = ledger.context.get(EndOfDayService);
  const run = await ledger.write(async (tx) => {
    const cooperative = await ledger.cooperativeByCode(tx, code);
    return endOfDay.open(tx, cooperative.id, { date });
  });
  const { cooperativeId, businessDate } = run;
  const label = `${code} ${businessDate}`;
  const pending = (await endOfDay.unfinished()).filter(
    (c) => c.cooperativeId === cooperativeId && c.businessDate === businessDate,
  );
  let done = run.chunks.total - pending.length;
  try {
    for (const { chunkNo } of pending) {
      io.progress?.(`${label}: ${done}/${run.chunks.total} chunks done, running chunk ${chunkNo}`);
      try {
        await endOfDay.runChunk(cooperativeId, businessDate, chunkNo);
      } catch (error) {
        const reason = describeError(error);
        // Kept on the chunk row like a worker's failure, so the run's progress shows it.
        await endOfDay.recordFailure(cooperativeId, businessDate, chunkNo, reason).catch(() => {});
        throw new CliError(`${label}: chunk ${chunkNo} failed: ${reason}`);
      }
      done++;
    }
  } finally {
    io.progress?.('');
  }
  const closed = await ledger.read((tx) => endOfDay.view(tx, cooperativeId, businessDate));
  if (closed.state !== 'complete') {
    throw new CliError(
      `${label}: the run is not complete (${closed.chunks.done}/${closed.chunks.total} chunks done)`,
    );
  }
  return { run: closed, ran: pending.length };
}
