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
  seedFaultCooperative,
  waitForDaysClosed,
} from '../support/eod-fault-fixture';
import { adminUrl, connectAs, createTestDatabase, type TestDatabase } from '../support/postgres';
import { GiveUp, PrivateRedis, waitUntil } from '../support/private-services';
import { buildWorkerOnce, WorkerProcess } from '../support/worker-process';

/**
 * Issue 7: a worker SIGKILLed in the middle of a day's close, and another started, end with the
 * books exactly as a worker nothing interrupted leaves them. PostgreSQL is the shared one (it is
 * not restarted); Redis is private, since the built worker uses the default queue prefix.
 */
describe('end of day: the worker SIGKILLed mid-run', () => {
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

  it('ends with every account, accrual and summary identical to an uninterrupted run', async () => {
    await closeUninterrupted(baseline!, cooperativeId, redis!.url, workers);
    expect(await closedOnce(baseline!, cooperativeId)).toEqual(closedOnceClean);
    // A Redis of the same name but empty: nothing of the baseline's jobs is left in it.
    await redis!.restart();

    // The two savings chunks of the first day wait on rows held here, and the worker takes two
    // chunks at a time: once both wait, the worker has nothing but two chunks mid-transaction.
    const blocker = await ChunkBlocker.hold(fault!, cooperativeId);
    const first = await WorkerProcess.start({
      databaseUrl: fault!.appUrl,
      databaseOwnerUrl: fault!.ownerUrl,
      redisUrl: redis!.url,
    });
    workers.push(first);
    let killedMidChunk: number[];
    try {
      await waitUntil(
        'both chunks of the worker wait on the held rows',
        async () => {
          if (!first.running) throw new GiveUp(`worker exited:\n${await first.logTail()}`);
          return (await blocker.waiting(fault!)) === 2;
        },
        120_000,
      );
      killedMidChunk = await blocker.waiters(fault!);
      await first.kill();
      expect(first.running).toBe(false);
    } finally {
      await blocker.release();
    }
    // Their sessions outlive the process only until PostgreSQL notices: rolled back, not done.
    await waitUntil(
      'the killed sessions are gone',
      async () =>
        connectAs(fault!.ownerUrl, async (owner) => {
          const { rows } = await owner.query(
            `SELECT 1 FROM pg_stat_activity WHERE pid = ANY ($1)`,
            [killedMidChunk],
          );
          return rows.length === 0;
        }),
      60_000,
    );
    const [day1, ...later] = await runStates(fault!, cooperativeId);
    expect(day1).toEqual({ business_date: faultDays[0], state: 'running', done: 3, total: 5 });
    expect(later).toEqual([]);

    const second = await WorkerProcess.start({
      databaseUrl: fault!.appUrl,
      databaseOwnerUrl: fault!.ownerUrl,
      redisUrl: redis!.url,
    });
    workers.push(second);
    // The killed worker's two jobs stay active in Redis until their locks expire (the
    // processor's lockDuration, two minutes) and BullMQ's stall check hands them out again.
    await waitForDaysClosed(fault!, cooperativeId, second, 360_000);

    expect(await closedOnce(fault!, cooperativeId)).toEqual(closedOnceClean);
    expect(await booksAfterClose(fault!, cooperativeId)).toEqual(
      await booksAfterClose(baseline!, cooperativeId),
    );
    await second.stop();
  }, 720_000);
});
