import { AuditModule } from '@lumbung/audit';
import type { BusinessDate } from '@lumbung/core';
import { DatabaseModule, TransactionScope } from '@lumbung/database';
import { chunkSize, EndOfDayModule } from '@lumbung/end-of-day';
import { BusinessDayService, LedgerModule } from '@lumbung/ledger';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { seedAccrual, type SeedDates } from '../../bench/support/accrual-seed';
import { ledgerViolations } from './invariants';
import { connectAs, ownerRole } from './postgres';
import { GiveUp, waitUntil } from './private-services';
import { WorkerProcess } from './worker-process';

/**
 * The fault suites' end of day (issue 7): a cooperative with more loans and voluntary accounts
 * than one chunk holds, three days to close, run by the built worker in its own process.
 *
 * The worker in its own process runs on the real clock and rolls a business date whose local
 * midnight has passed. The dates here are years ahead of any clock these tests run on, so the
 * worker never moves them: it closes exactly the three days before the business date.
 */
export const faultDates: SeedDates = {
  joined: '2040-01-05' as BusinessDate,
  disbursed: '2040-01-29' as BusinessDate,
  close: '2040-01-30' as BusinessDate,
};
/** The business date the worker finds; it closes the days before it, month end among them. */
export const faultBusinessDate = '2040-02-02';
export const faultDays = ['2040-01-30', '2040-01-31', '2040-02-01'];
/** Two chunks of loans and two of savings accounts a day, beside the cooperative-wide one. */
export const faultSize = chunkSize + 100;

export interface FaultDatabase {
  readonly name: string;
  readonly ownerUrl: string;
  readonly appUrl: string;
}

/** The URL of `database` as the cluster's superuser, whom `adminUrl` names. */
export function asAdmin(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Seeds the cooperative in `db` (the accrual benchmark's seed, at `faultDates`), rolls it to
 * `faultBusinessDate` and returns its id. The seed writes in bulk as the cluster's superuser;
 * the products and opening balances go through the application's services.
 */
export async function seedFaultCooperative(
  adminUrl: string,
  db: FaultDatabase,
  size = faultSize,
): Promise<string> {
  const app = await NestFactory.createApplicationContext(
    {
      module: class FaultSeedModule {},
      imports: [
        DatabaseModule.forRoot({
          url: db.appUrl,
          applicationName: 'lumbung-test-seed',
          poolSize: 2,
        }),
        AuditModule,
        LedgerModule,
        EndOfDayModule,
      ],
    },
    // Thrown, not process.exit(): the fault suites run inside Jest's own process.
    { logger: false, abortOnError: false },
  );
  const owner = new Client({ connectionString: asAdmin(adminUrl, db.name) });
  await owner.connect();
  try {
    const seed = await seedAccrual(app, owner, size, {
      dates: faultDates,
      note: () => undefined,
    });
    await app
      .get(TransactionScope)
      .run((tx) =>
        app
          .get(BusinessDayService)
          .roll(tx, seed.cooperativeId, new Date(`${faultBusinessDate}T04:00:00Z`)),
      );
    return seed.cooperativeId;
  } finally {
    await owner.end();
    await app.close();
  }
}

/** A copy of `from` as it is now, for the run nothing interrupts (no one may be connected). */
export async function cloneDatabase(
  adminUrl: string,
  from: FaultDatabase,
  to: string,
): Promise<FaultDatabase> {
  await connectAs(adminUrl, (admin) =>
    admin.query(`CREATE DATABASE "${to}" TEMPLATE "${from.name}" OWNER ${ownerRole}`),
  );
  const rename = (url: string) => {
    const parsed = new URL(url);
    parsed.pathname = `/${to}`;
    return parsed.toString();
  };
  return { name: to, ownerUrl: rename(from.ownerUrl), appUrl: rename(from.appUrl) };
}

export interface RunState {
  readonly business_date: string;
  readonly state: string;
  readonly done: number;
  readonly total: number;
}

export async function runStates(db: FaultDatabase, cooperativeId: string): Promise<RunState[]> {
  return connectAs(
    db.ownerUrl,
    async (owner) =>
      (
        await owner.query<RunState>(
          `SELECT r.business_date::text, r.state, count(c.done_at)::int AS done,
                  count(c.*)::int AS total
             FROM eod_run r JOIN eod_chunk c USING (cooperative_id, business_date)
            WHERE r.cooperative_id = $1 GROUP BY r.business_date, r.state
            ORDER BY r.business_date`,
          [cooperativeId],
        )
      ).rows,
  );
}

/** A day's savings chunks as its run cut them (loan and savings ranges take turns). */
export async function savingsChunkNumbers(
  db: FaultDatabase,
  cooperativeId: string,
  businessDate: string,
): Promise<number[]> {
  return connectAs(db.ownerUrl, async (owner) =>
    (
      await owner.query<{ chunk_no: number }>(
        `SELECT chunk_no FROM eod_chunk
          WHERE cooperative_id = $1 AND business_date = $2 AND kind = 'savings'
          ORDER BY chunk_no`,
        [cooperativeId, businessDate],
      )
    ).rows.map((row) => row.chunk_no),
  );
}

/**
 * Waits, polling PostgreSQL, until the worker has closed every one of `faultDays`; fails at
 * once if the worker process died, with the end of its log.
 */
export async function waitForDaysClosed(
  db: FaultDatabase,
  cooperativeId: string,
  worker: WorkerProcess,
  timeoutMillis: number,
): Promise<void> {
  let last: RunState[] = [];
  try {
    await waitUntil(
      `${faultDays.join(', ')} closed`,
      async () => {
        if (!worker.running) throw new GiveUp('the worker process exited');
        last = await runStates(db, cooperativeId);
        return last.length === faultDays.length && last.every((run) => run.state === 'complete');
      },
      timeoutMillis,
    );
  } catch (error) {
    const failures = await connectAs(db.ownerUrl, async (owner) =>
      (
        await owner.query(
          `SELECT business_date::text, chunk_no, attempts, last_error FROM eod_chunk
            WHERE cooperative_id = $1 AND done_at IS NULL AND attempts > 0`,
          [cooperativeId],
        )
      ).rows.map((row) => JSON.stringify(row)),
    ).catch((readError: unknown) => [`(not read: ${String(readError)})`]);
    throw new Error(
      `${(error as Error).message}; runs: ${JSON.stringify(last)}\nfailing chunks:\n${failures.join('\n')}\nworker log:\n${await worker.logTail()}`,
      { cause: error },
    );
  }
}

/** Entries of the cooperative that no sealed block holds yet. */
export async function unsealedEntries(db: FaultDatabase, cooperativeId: string): Promise<number> {
  return connectAs(
    db.ownerUrl,
    async (owner) =>
      (
        await owner.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM journal_entry e
            WHERE e.cooperative_id = $1 AND NOT EXISTS (
              SELECT 1 FROM journal_block_entry s
               WHERE s.cooperative_id = e.cooperative_id AND s.entry_id = e.id)`,
          [cooperativeId],
        )
      ).rows[0].n,
  );
}

/**
 * The days closed by one worker that nothing interrupts, on a Redis of its own: what the
 * interrupted run must come out the same as.
 */
export async function closeUninterrupted(
  db: FaultDatabase,
  cooperativeId: string,
  redisUrl: string,
  started: WorkerProcess[],
): Promise<void> {
  const worker = await WorkerProcess.start({
    databaseUrl: db.appUrl,
    databaseOwnerUrl: db.ownerUrl,
    redisUrl,
  });
  started.push(worker);
  await waitForDaysClosed(db, cooperativeId, worker, 180_000);
  await worker.stop();
}

/**
 * One transaction holding two voluntary accounts' rows, so that the chunks covering them wait
 * with their transaction open: chunks caught mid-run, for as long as the test needs (up to the
 * pool's statement timeout). Chunks are cut from ids in order, `chunkSize` at a time: the first
 * account falls in the first savings chunk, the last in the second. A savings chunk locks its
 * accounts first, so both wait on this session itself, never on each other.
 */
export class ChunkBlocker {
  private constructor(
    private readonly client: Client,
    readonly pid: number,
  ) {}

  static async hold(db: FaultDatabase, cooperativeId: string): Promise<ChunkBlocker> {
    const client = new Client({ connectionString: db.ownerUrl });
    await client.connect();
    // A dead server (PostgreSQL restarted under it) must not crash the test process.
    client.on('error', () => undefined);
    // An idle-in-transaction timeout would end the hold on its own: this one ends when told.
    await client.query(`SET idle_in_transaction_session_timeout = 0`);
    await client.query('BEGIN');
    const { rowCount } = await client.query(
      `SELECT id FROM savings_account
        WHERE cooperative_id = $1 AND id IN (
          (SELECT id FROM savings_account WHERE cooperative_id = $1 AND kind = 'sukarela'
            ORDER BY id LIMIT 1),
          (SELECT id FROM savings_account WHERE cooperative_id = $1 AND kind = 'sukarela'
            ORDER BY id DESC LIMIT 1))
        FOR UPDATE`,
      [cooperativeId],
    );
    if (rowCount !== 2) throw new Error(`expected two voluntary accounts held, got ${rowCount}`);
    const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    return new ChunkBlocker(client, pid);
  }

  /** How many sessions wait on the held rows right now. */
  async waiting(db: FaultDatabase): Promise<number> {
    return connectAs(
      db.ownerUrl,
      async (owner) =>
        (
          await owner.query<{ n: number }>(
            `SELECT count(DISTINCT pid)::int AS n FROM pg_locks
              WHERE NOT granted AND $1 = ANY (pg_blocking_pids(pid))`,
            [this.pid],
          )
        ).rows[0].n,
    );
  }

  /** The pids of the sessions waiting on the held rows. */
  async waiters(db: FaultDatabase): Promise<number[]> {
    return connectAs(db.ownerUrl, async (owner) =>
      (
        await owner.query<{ pid: number }>(
          `SELECT DISTINCT pid FROM pg_locks WHERE NOT granted AND $1 = ANY (pg_blocking_pids(pid))`,
          [this.pid],
        )
      ).rows.map((row) => row.pid),
    );
  }

  /** Lets the chunks go (or, after the server died, only closes the connection). */
  async release(): Promise<void> {
    await this.client.query('COMMIT').catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }
}

/**
 * What the days' close left in the cooperative's books, with nothing in it that legitimately
 * differs between two runs of the same days: no entry ids or times, no order in which chunks
 * committed (an account's version numbers follow it), but every amount, row and balance.
 * Accrual rows name their summary entry by its content.
 */
export async function booksAfterClose(
  db: FaultDatabase,
  cooperativeId: string,
): Promise<Record<string, unknown[]>> {
  return connectAs(db.ownerUrl, async (owner) => {
    const q = async (sql: string): Promise<unknown[]> =>
      (await owner.query(sql, [cooperativeId])).rows;
    await owner.query(`
      CREATE TEMP TABLE entry_text AS
      SELECT e.id, concat_ws(' | ', e.posting_date, e.value_date, e.source_type, e.source_id,
                             e.description, e.reverses_entry_id IS NOT NULL,
                             string_agg(a.code || ' ' || p.amount::text, ', '
                                        ORDER BY a.code, p.amount)) AS text
        FROM journal_entry e
        JOIN posting p ON p.cooperative_id = e.cooperative_id AND p.entry_id = e.id
        JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
       WHERE e.cooperative_id = '${cooperativeId}'
       GROUP BY e.cooperative_id, e.id`);
    return {
      entries: (await owner.query(`SELECT text FROM entry_text ORDER BY text`)).rows,
      accounts: await q(`
        SELECT a.code, a.name, a.class, a.normal_side, a.is_leaf, b.balance::text,
               b.version::text AS postings
          FROM account a LEFT JOIN ledger_balance b
            ON b.cooperative_id = a.cooperative_id AND b.account_id = a.id
         WHERE a.cooperative_id = $1 ORDER BY a.code`),
      loanAccruals: await q(`
        SELECT l.loan_id, l.accrual_date::text, l.kind, l.amount::text, md5(t.text) AS entry
          FROM loan_accrual l LEFT JOIN entry_text t ON t.id = l.entry_id
         WHERE l.cooperative_id = $1 ORDER BY l.loan_id, l.accrual_date, l.kind`),
      loanPenalties: await q(`
        SELECT l.loan_id, l.assessed_on::text, l.instalment_no, l.amount::text,
               md5(t.text) AS entry
          FROM loan_penalty l LEFT JOIN entry_text t ON t.id = l.entry_id
         WHERE l.cooperative_id = $1 ORDER BY l.loan_id, l.assessed_on, l.instalment_no`),
      savingsAccruals: await q(`
        SELECT s.savings_account_id, s.accrual_date::text, s.balance::text, s.amount::text,
               md5(t.text) AS entry
          FROM savings_accrual s LEFT JOIN entry_text t ON t.id = s.entry_id
         WHERE s.cooperative_id = $1 ORDER BY s.savings_account_id, s.accrual_date`),
      interestPosted: await q(`
        SELECT s.savings_account_id, s.month::text, s.interest::text, s.tax::text,
               md5(t.text) AS entry
          FROM savings_interest_posting s LEFT JOIN entry_text t ON t.id = s.entry_id
         WHERE s.cooperative_id = $1 ORDER BY s.savings_account_id, s.month`),
      loans: await q(
        `SELECT to_jsonb(l) AS loan FROM loan l WHERE cooperative_id = $1 ORDER BY id`,
      ),
      savingsAccounts: await q(
        `SELECT to_jsonb(s) AS account FROM savings_account s WHERE cooperative_id = $1 ORDER BY id`,
      ),
      runs: await q(`
        SELECT business_date::text, state, chunk_count FROM eod_run
         WHERE cooperative_id = $1 ORDER BY business_date`),
      chunks: await q(`
        SELECT business_date::text, chunk_no, kind, from_id, to_id, done_at IS NOT NULL AS done
          FROM eod_chunk WHERE cooperative_id = $1 ORDER BY business_date, chunk_no`),
    };
  });
}

/**
 * Each day closed exactly once: every run complete with every chunk done, one accrual row per
 * loan and per voluntary account and day, one summary entry per chunk and product (one product
 * of each here), and at month end one interest posting per account; the ledger's invariants
 * hold. Returns the problems found, each list empty when all is well.
 */
export async function closedOnce(
  db: FaultDatabase,
  cooperativeId: string,
  size = faultSize,
): Promise<Record<string, unknown[]>> {
  return connectAs(db.ownerUrl, async (owner) => {
    const q = async (sql: string, params: unknown[] = []): Promise<unknown[]> =>
      (await owner.query(sql, [cooperativeId, ...params])).rows;
    const days = faultDays;
    return {
      runsNotComplete: await q(
        `SELECT d::text AS day, r.state FROM unnest($2::date[]) d
           LEFT JOIN eod_run r ON r.cooperative_id = $1 AND r.business_date = d
          WHERE r.state IS DISTINCT FROM 'complete'
         UNION ALL
         SELECT business_date::text, state FROM eod_run
          WHERE cooperative_id = $1 AND NOT business_date = ANY ($2::date[])`,
        [days],
      ),
      chunksNotDone: await q(
        `SELECT business_date::text, chunk_no FROM eod_chunk
          WHERE cooperative_id = $1 AND done_at IS NULL`,
      ),
      loanDaysNotOnce: await q(
        `SELECT d::text AS day, count(a.*) AS rows, count(DISTINCT a.loan_id) AS loans
           FROM unnest($2::date[]) d
           LEFT JOIN loan_accrual a ON a.cooperative_id = $1 AND a.accrual_date = d
          GROUP BY d HAVING count(a.*) <> $3 OR count(DISTINCT a.loan_id) <> $3`,
        [days, size],
      ),
      savingsDaysNotOnce: await q(
        `SELECT d::text AS day, count(a.*) AS rows FROM unnest($2::date[]) d
           LEFT JOIN savings_accrual a ON a.cooperative_id = $1 AND a.accrual_date = d
          GROUP BY d HAVING count(a.*) <> $3 OR count(DISTINCT a.savings_account_id) <> $3`,
        [days, size],
      ),
      // Per day: as many summary entries of each source as chunks of its kind.
      summariesNotOnePerChunk: await q(
        `WITH chunks AS (
           SELECT business_date, count(*) FILTER (WHERE kind = 'loans') AS loans,
                  count(*) FILTER (WHERE kind = 'savings') AS savings
             FROM eod_chunk WHERE cooperative_id = $1 GROUP BY business_date),
         entries AS (
           SELECT value_date, count(*) FILTER (WHERE source_type = 'loans.accrual') AS loans,
                  count(*) FILTER (WHERE source_type = 'savings.accrual') AS savings,
                  count(*) FILTER (WHERE source_type = 'savings.interest') AS interest
             FROM journal_entry WHERE cooperative_id = $1 GROUP BY value_date)
         SELECT c.business_date::text, c.loans AS loan_chunks, e.loans AS loan_entries,
                c.savings AS savings_chunks, e.savings AS savings_entries, e.interest
           FROM chunks c LEFT JOIN entries e ON e.value_date = c.business_date
          WHERE e.loans IS DISTINCT FROM c.loans OR e.savings IS DISTINCT FROM c.savings
             OR e.interest IS DISTINCT FROM
                (CASE WHEN c.business_date = (date_trunc('month', c.business_date)
                                              + interval '1 month - 1 day')::date
                      THEN c.savings ELSE 0 END)`,
      ),
      // January's interest, posted on the 31st: once for every account, and no other month.
      interestNotOnce: await interestNotOnce(owner, cooperativeId, size),
      ledger: Object.entries(await ledgerViolations(owner, cooperativeId)).filter(
        ([, rows]) => rows.length > 0,
      ),
    };
  });
}

async function interestNotOnce(
  owner: Client,
  cooperativeId: string,
  size: number,
): Promise<unknown[]> {
  const { rows } = await owner.query<{ month: string; accounts: number }>(
    `SELECT month::text, count(DISTINCT savings_account_id)::int AS accounts
       FROM savings_interest_posting WHERE cooperative_id = $1 GROUP BY month`,
    [cooperativeId],
  );
  const january = rows.find((row) => row.month === '2040-01-01') ?? {
    month: '2040-01-01',
    accounts: 0,
  };
  return [...rows.filter((row) => row.month !== '2040-01-01'), january].filter(
    (row) => row.month !== '2040-01-01' || row.accounts !== size,
  );
}

export const closedOnceClean = {
  runsNotComplete: [],
  chunksNotDone: [],
  loanDaysNotOnce: [],
  savingsDaysNotOnce: [],
  summariesNotOnePerChunk: [],
  interestNotOnce: [],
  ledger: [],
};
