import { Queue } from 'bullmq';
import {
  businessDateQueue,
  endOfDayQueue,
  journalSealingQueue,
  reconcileEndOfDayJob,
  rollBusinessDatesJob,
  sealJournalsJob,
  workerQueues,
} from '../../apps/worker/src/queues';
import {
  booksAfterClose,
  ChunkBlocker,
  cloneDatabase,
  closedOnce,
  closedOnceClean,
  closeUninterrupted,
  type FaultDatabase,
  faultDays,
  runStates,
  savingsChunkNumbers,
  seedFaultCooperative,
  waitForDaysClosed,
} from '../support/eod-fault-fixture';
import { adminUrl, connectAs, createTestDatabase, type TestDatabase } from '../support/postgres';
import { GiveUp, PrivateRedis, waitUntil } from '../support/private-services';
import { buildWorkerOnce, WorkerProcess } from '../support/worker-process';

/**
 * Issue 7: Redis restarted without persistence in the middle of a day's close loses the run's
 * jobs, the two chunks still running among them, and the reconciler's own schedule; PostgreSQL
 * still knows which chunks are left, so the same worker process ends the days closed exactly
 * once. The Redis is private (it
 * is killed); PostgreSQL is the shared one (it is not).
 */
describe('end of day: Redis restarted without persistence mid-run', () => {
  let redis: PrivateRedis | undefined;
  let fault: TestDatabase | undefined;
  let baseline: FaultDatabase | undefined;
  let cooperativeId: string;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    const [db] = await Promise.all([createTestDatabase(), buildWorkerOnce()]);
    fault = db;
    redis = await PrivateRedis.start();
    cooperativeId = await seedFaultCooperative(adminUrl, db);
    baseline = await cloneDatabase(adminUrl, db, `${db.name}_b`);
  }, 420_000);

  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await redis?.dispose();
    if (baseline) {
      const name = baseline.name;
      await connectAs(adminUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    }
    await fault?.drop();
  });

  /** The end-of-day jobs Redis holds (the worker's default prefix), as `name state` lines. */
  async function endOfDayJobs(): Promise<string[]> {
    const queue = new Queue(endOfDayQueue, {
      connection: { url: redis!.url, maxRetriesPerRequest: null },
      prefix: 'lumbung',
    });
    try {
      const jobs = await queue.getJobs(['active', 'waiting', 'waiting-children', 'delayed']);
      const lines = await Promise.all(
        jobs
          .filter((job) => job.name !== reconcileEndOfDayJob)
          .map(
            async (job) => `${job.name} ${String(job.data.chunkNo ?? '')} ${await job.getState()}`,
          ),
      );
      return lines.sort();
    } finally {
      await queue.close();
    }
  }

  /** The job schedulers of every queue of the worker, as `queue scheduler` lines. */
  async function schedules(): Promise<string[]> {
    const found: string[] = [];
    for (const name of workerQueues) {
      const queue = new Queue(name, {
        connection: { url: redis!.url, maxRetriesPerRequest: null },
        prefix: 'lumbung',
      });
      try {
        for (const scheduler of await queue.getJobSchedulers())
          found.push(`${name} ${scheduler.key}`);
      } finally {
        await queue.close();
      }
    }
    return found.sort();
  }

  /** The first day's savings chunks, held here, have each failed (and said so) at least once. */
  async function heldChunksFailed(): Promise<boolean> {
    return connectAs(fault!.ownerUrl, async (owner) => {
      const { rows } = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM eod_chunk
          WHERE cooperative_id = $1 AND business_date = $2 AND kind = 'savings' AND attempts > 0`,
        [cooperativeId, faultDays[0]],
      );
      return rows[0].n === 2;
    });
  }

  it('closes every day exactly once, as an uninterrupted run does', async () => {
    await closeUninterrupted(baseline!, cooperativeId, redis!.url, workers);
    await redis!.restart();

    // The two savings chunks of the first day wait on rows held here, and the worker takes two
    // chunks at a time: once both wait, the worker has nothing but two chunks mid-transaction.
    const blocker = await ChunkBlocker.hold(fault!, cooperativeId);
    const worker = await WorkerProcess.start({
      databaseUrl: fault!.appUrl,
      databaseOwnerUrl: fault!.ownerUrl,
      redisUrl: redis!.url,
    });
    workers.push(worker);
    try {
      await waitUntil(
        'both chunks of the worker wait on the held rows',
        async () => {
          if (!worker.running) throw new GiveUp(`worker exited:\n${await worker.logTail()}`);
          return (await blocker.waiting(fault!)) === 2;
        },
        120_000,
      );
      const [first, second] = await savingsChunkNumbers(fault!, cooperativeId, faultDays[0]);
      expect(await endOfDayJobs()).toEqual(
        [
          `eod-chunk ${first} active`,
          `eod-chunk ${second} active`,
          'eod-run  waiting-children',
        ].sort(),
      );

      await redis!.restart('SIGKILL');
      // The jobs the worker is running are gone with everything else (whatever the reconciler
      // may have put back by now waits: the worker's two slots are still busy with them).
      expect((await endOfDayJobs()).filter((job) => job.endsWith(' active'))).toEqual([]);
      // The two chunks run on and fail on the statement timeout, their jobs gone: only the
      // reconciler, reading PostgreSQL, can give them out again.
      await waitUntil('the held chunks fail', heldChunksFailed, 120_000);
    } finally {
      await blocker.release();
    }

    await waitForDaysClosed(fault!, cooperativeId, worker, 240_000);
    expect(worker.running).toBe(true);
    // The schedules went with Redis too, and the worker puts every one back by itself: the
    // business date still rolls at midnight, the journal is still sealed, the runs still open.
    await waitUntil('every schedule back in Redis', async () => (await schedules()).length === 3);
    expect(await schedules()).toEqual([
      `${businessDateQueue} ${rollBusinessDatesJob}`,
      `${endOfDayQueue} ${reconcileEndOfDayJob}`,
      `${journalSealingQueue} ${sealJournalsJob}`,
    ]);
    expect((await runStates(fault!, cooperativeId)).map((run) => run.business_date)).toEqual(
      faultDays,
    );
    expect(await closedOnce(fault!, cooperativeId)).toEqual(closedOnceClean);
    expect(await booksAfterClose(fault!, cooperativeId)).toEqual(
      await booksAfterClose(baseline!, cooperativeId),
    );
    await worker.stop();
  }, 720_000);
});
