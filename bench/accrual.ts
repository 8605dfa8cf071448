import { loadavg } from 'node:os';
import { AuditModule } from '@lumbung/audit';
import { addDays, type BusinessDate, readEnvironment } from '@lumbung/core';
import { DatabaseModule, TransactionScope } from '@lumbung/database';
import { EndOfDayModule, EndOfDayService } from '@lumbung/end-of-day';
import { BusinessDayService, LedgerModule, PostingService } from '@lumbung/ledger';
import { LoanDayClose, LoanInterest, LoanProvisioning } from '@lumbung/loans';
import { SavingsDayClose } from '@lumbung/savings';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { EndOfDayReconciler } from '../apps/worker/src/end-of-day/end-of-day.reconciler';
import { migrateDatabase } from '../migrations/migrate';
import { setBasedAccrual } from './support/accrual-baseline';
import { type AccrualSeed, seedAccrual, seedDates } from './support/accrual-seed';
import { databaseUrl, dropDatabase, recreateDatabase } from './support/databases';
import { CpuMeter } from './support/cpu-time';
import { EodWorker } from './support/eod-worker';
import { MethodTimes } from './support/method-times';
import { figure, note, print } from './support/report';
import { SqlTimes } from './support/sql-times';

const size = Number(process.env.BENCH_ACCRUAL_SIZE ?? 1_000_000);
const timeoutMinutes = Number(process.env.BENCH_ACCRUAL_TIMEOUT_MINUTES ?? 60);
/** A run not open by then will not open: its opening transaction keeps failing. */
const openMinutes = 3;
const database = 'lumbung_bench_accrual';
const baselineName = 'set-based SQL: the same accrual rows, one summary entry per product';

/**
 * Phases of the measured run, in seconds, from the run's own rows (loan and savings chunks take
 * turns, so they are no phases of their own), and the CPU its worker's backends and this process
 * spent on it (null when the server is not on this machine).
 */
interface RunPhases {
  readonly whole: number;
  readonly open: number;
  readonly cooperativeChunk: number;
  readonly accrual: number;
  readonly chunks: number;
  readonly cpu: { readonly postgres: number; readonly node: number } | null;
}

export async function accrualBenchmark(): Promise<void> {
  await recreateDatabase(database);
  const ownerUrl = databaseUrl(database);
  const appUrl = databaseUrl(database, 'lumbung_bench_app', 'bench');
  await migrateDatabase(ownerUrl, appUrl);
  const env = readEnvironment({
    DATABASE_URL: appUrl,
    DATABASE_OWNER_URL: ownerUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    LOG_LEVEL: 'warn',
  });
  const app = await NestFactory.createApplicationContext(
    {
      module: class AccrualBenchModule {},
      imports: [
        DatabaseModule.forRoot({ url: appUrl, applicationName: 'lumbung-bench', poolSize: 4 }),
        AuditModule,
        LedgerModule,
        EndOfDayModule,
      ],
    },
    { logger: ['error'] },
  );
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    note(`seeding ${size} loans and ${size} sukarela accounts`);
    const seeding = Date.now();
    const seed = await seedAccrual(app, owner, size);
    note(`seeded in ${((Date.now() - seeding) / 1000).toFixed(0)} s`);

    const loadBefore = loadavg()[0];
    note(`end of day ${seedDates.close} through the worker (load ${loadBefore.toFixed(2)})`);
    const loanIdsSeconds = await probeLoanIds(app, seed);
    const times = profiled();
    const sql = new SqlTimes();
    if (process.env.BENCH_SQL_PROFILE) sql.start();
    const run = await endOfDay(app, env, owner, seed);
    for (const line of times.lines()) note(`  ${line}`);
    for (const line of sql.lines()) note(`  SQL ${line}`);
    if (run.cpu) {
      note(
        `  CPU: worker backends ${run.cpu.postgres.toFixed(1)} s, Node ${run.cpu.node.toFixed(1)} s`,
      );
    }
    note(
      `  load average after the run: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );

    const baselineDate = addDays(seedDates.close, 1);
    await rollTo(app, seed, addDays(baselineDate, 1));
    note(`baseline: set-based SQL for ${baselineDate}`);
    const { seconds: baseline, cpu: baselineCpu } = await setBasedAccrual(
      app,
      ownerUrl,
      seed.cooperativeId,
      baselineDate,
    );
    note(`baseline: ${baseline.toFixed(1)} s`);
    const same = await sameAccruals(owner, seed, seedDates.close, baselineDate);

    const details = {
      loans: size,
      savings_accounts: size,
      chunks: run.chunks,
      target_s: 60,
      baseline_rows_match: same,
      loan_ids_s: loanIdsSeconds,
    };
    print(
      figure('accrual.eod', run.whole, 's', baseline, baselineName, {
        ...details,
        open_s: round(run.open),
        cooperative_chunk_s: round(run.cooperativeChunk),
        accrual_s: round(run.accrual),
      }),
    );
    // Slot seconds in the steps of the chunks (two chunks run at a time), and CPU seconds: on a
    // machine shared with other work, what each side cost is steadier than how long it took.
    const cpuRun = run.cpu && run.cpu.postgres + run.cpu.node;
    const cpuBaseline = baselineCpu && baselineCpu.postgres + baselineCpu.node;
    print(
      figure('accrual.part', run.accrual, 's', baseline, baselineName, {
        ...details,
        loan_steps_s: round(times.seconds('LoanDayClose.close')),
        provisioning_steps_s: round(times.seconds('LoanProvisioning.closeRange')),
        savings_steps_s: round(times.seconds('SavingsDayClose.close')),
        cpu_run_s: cpuRun && round(cpuRun),
        cpu_run_postgres_s: run.cpu && round(run.cpu.postgres),
        cpu_baseline_s: cpuBaseline && round(cpuBaseline),
        cpu_ratio: cpuRun && cpuBaseline && Number((cpuRun / cpuBaseline).toFixed(3)),
        load_before: Number(loadBefore.toFixed(2)),
      }),
    );
  } finally {
    await owner.end();
    await app.close();
    if (!process.env.BENCH_KEEP) await dropDatabase(database);
  }
}

/**
 * Opening a run lists the ids of the running loans through `LoanDayClose.loanIds`: timed once,
 * as the worker's connection runs it (statement timeout 10 s). Seconds, or -1 when it fails.
 */
async function probeLoanIds(app: INestApplicationContext, seed: AccrualSeed): Promise<number> {
  const started = Date.now();
  try {
    await app
      .get(TransactionScope)
      .run((tx) => app.get(LoanDayClose).loanIds(tx, seed.cooperativeId, seedDates.close), {
        readOnly: true,
      });
    const seconds = (Date.now() - started) / 1000;
    note(`  LoanDayClose.loanIds: ${seconds.toFixed(1)} s`);
    return round(seconds);
  } catch (error) {
    note(`  LoanDayClose.loanIds fails: ${(error as Error).message}`);
    return -1;
  }
}

/** The phases the application's own code spends its time in (stderr, after the run). */
function profiled(): MethodTimes {
  const times = new MethodTimes();
  times.wrap(EndOfDayService.prototype, ['open', 'runChunk'], 'EndOfDayService');
  times.wrap(EndOfDayReconciler.prototype, ['reconcile'], 'EndOfDayReconciler');
  times.wrap(LoanDayClose.prototype, ['close'], 'LoanDayClose');
  times.wrap(LoanInterest.prototype, ['accrue'], 'LoanInterest');
  times.wrap(LoanProvisioning.prototype, ['closeRange', 'releaseClosed'], 'LoanProvisioning');
  times.wrap(SavingsDayClose.prototype, ['close', 'accrue'], 'SavingsDayClose');
  times.wrap(PostingService.prototype, ['postBatch'], 'PostingService');
  return times;
}

/**
 * The business date rolls one day, the worker's reconciler opens the run (as after midnight) and
 * its chunks go through BullMQ; timed until the run's row says complete.
 */
async function endOfDay(
  app: INestApplicationContext,
  env: ReturnType<typeof readEnvironment>,
  owner: Client,
  seed: AccrualSeed,
): Promise<RunPhases> {
  const worker = await EodWorker.start(env, `${seedDates.close}T04:00:00Z`);
  const backends = `SELECT pid FROM pg_stat_activity
                     WHERE datname = current_database() AND application_name = 'lumbung-worker'`;
  const meter = await CpuMeter.start(owner, backends, 1000);
  try {
    const started = Date.now();
    await rollTo(app, seed, addDays(seedDates.close, 1));
    await worker.reconcileNow();
    const deadline = started + timeoutMinutes * 60_000;
    let reported = started;
    for (;;) {
      const progress = await runProgress(owner, seed.cooperativeId, seedDates.close);
      if (progress.state === 'complete') break;
      if (progress.state === 'not open' && Date.now() > started + openMinutes * 60_000) {
        throw new Error(`the run did not open in ${openMinutes} min (see the worker's warnings)`);
      }
      if (Date.now() > deadline) {
        throw new Error(`end of day not complete after ${timeoutMinutes} min: ${progress.text}`);
      }
      if (Date.now() - reported >= 30_000) {
        note(`  ${((Date.now() - started) / 1000).toFixed(0)} s: ${progress.text}`);
        reported = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const cpu = await meter.stop();
    return { ...(await phases(owner, seed.cooperativeId, seedDates.close, started)), cpu };
  } finally {
    await worker.stop();
  }
}

async function rollTo(
  app: INestApplicationContext,
  seed: AccrualSeed,
  date: BusinessDate,
): Promise<void> {
  await app
    .get(TransactionScope)
    .run((tx) =>
      app.get(BusinessDayService).roll(tx, seed.cooperativeId, new Date(`${date}T04:00:00Z`)),
    );
}

async function runProgress(
  owner: Client,
  cooperativeId: string,
  date: string,
): Promise<{ state: string; text: string }> {
  const { rows } = await owner.query<{
    state: string;
    done: number;
    total: number;
    failing: number;
  }>(
    `SELECT r.state, count(c.done_at)::int AS done, count(c.*)::int AS total,
            count(*) FILTER (WHERE c.done_at IS NULL AND c.attempts > 0)::int AS failing
       FROM eod_run r LEFT JOIN eod_chunk c USING (cooperative_id, business_date)
      WHERE r.cooperative_id = $1 AND r.business_date = $2 GROUP BY r.state`,
    [cooperativeId, date],
  );
  const [run] = rows;
  if (!run) return { state: 'not open', text: 'not open yet' };
  return {
    state: run.state,
    text: `${run.state}, ${run.done}/${run.total} chunks done${run.failing ? `, ${run.failing} failing` : ''}`,
  };
}

async function phases(
  owner: Client,
  cooperativeId: string,
  date: string,
  started: number,
): Promise<Omit<RunPhases, 'cpu'>> {
  const { rows } = await owner.query<{
    opened: Date;
    completed: Date;
    cooperative_done: Date;
    chunks: number;
  }>(
    `SELECT r.opened_at AS opened, r.completed_at AS completed, r.chunk_count AS chunks,
            (SELECT done_at FROM eod_chunk c WHERE c.cooperative_id = r.cooperative_id
                AND c.business_date = r.business_date AND c.kind = 'cooperative') AS cooperative_done
       FROM eod_run r WHERE r.cooperative_id = $1 AND r.business_date = $2`,
    [cooperativeId, date],
  );
  const [r] = rows;
  const s = (from: number, to: Date) => (to.getTime() - from) / 1000;
  return {
    whole: s(started, r.completed),
    open: s(started, r.opened),
    cooperativeChunk: s(r.opened.getTime(), r.cooperative_done),
    accrual: s(r.cooperative_done.getTime(), r.completed),
    chunks: r.chunks,
  };
}

/**
 * The baseline wrote the same rows the run did: a loan row per loan, and (no member leaf moved
 * between the two days) the same savings interest to the rupiah sen, account by account.
 */
async function sameAccruals(
  owner: Client,
  seed: AccrualSeed,
  runDate: string,
  baselineDate: string,
): Promise<boolean> {
  const { rows } = await owner.query<{
    loans_run: number;
    loans_baseline: number;
    savings_differ: number;
    savings_rows: number;
  }>(
    `SELECT (SELECT count(*) FROM loan_accrual WHERE cooperative_id = $1 AND accrual_date = $2)::int AS loans_run,
            (SELECT count(*) FROM loan_accrual WHERE cooperative_id = $1 AND accrual_date = $3)::int AS loans_baseline,
            (SELECT count(*) FROM savings_accrual a
               JOIN savings_accrual b USING (cooperative_id, savings_account_id)
              WHERE a.cooperative_id = $1 AND a.accrual_date = $2 AND b.accrual_date = $3
                AND (a.amount, a.balance) IS DISTINCT FROM (b.amount, b.balance))::int AS savings_differ,
            (SELECT count(*) FROM savings_accrual WHERE cooperative_id = $1 AND accrual_date = $3)::int AS savings_rows`,
    [seed.cooperativeId, runDate, baselineDate],
  );
  const [c] = rows;
  note(
    `  rows: loans ${c.loans_run} (run) / ${c.loans_baseline} (baseline); savings ${c.savings_rows}, ${c.savings_differ} differing`,
  );
  return (
    c.loans_run === seed.size &&
    c.loans_baseline === seed.size &&
    c.savings_rows === seed.size &&
    c.savings_differ === 0
  );
}

function round(x: number): number {
  return Number(x.toFixed(1));
}
