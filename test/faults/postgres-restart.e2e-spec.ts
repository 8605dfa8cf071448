import { Queue } from 'bullmq';
import { chunkJobId } from '../../apps/worker/src/end-of-day/end-of-day.jobs';
import { endOfDayQueue } from '../../apps/worker/src/queues';
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
  unsealedEntries,
  waitForDaysClosed,
} from '../support/eod-fault-fixture';
import { connectAs } from '../support/postgres';
import { GiveUp, PrivateCluster, PrivateRedis, waitUntil } from '../support/private-services';
import { buildWorkerOnce, WorkerProcess } from '../support/worker-process';

/**
 * Issue 7: PostgreSQL restarted (an immediate shutdown, then crash recovery) in the middle of a
 * day's close: the chunks caught mid-transaction roll back and fail, BullMQ retries them, and
 * the same worker process ends the days closed exactly once. Both PostgreSQL and Redis are
 * private to this suite (DESIGN.md section 8).
 */
describe('end of day: PostgreSQL restarted mid-run', () => {
  let cluster: PrivateCluster | undefined;
  let redis: PrivateRedis | undefined;
  let fault: FaultDatabase;
  let baseline: FaultDatabase;
  let cooperativeId: string;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    const [created] = await Promise.all([PrivateCluster.create(), buildWorkerOnce()]);
    cluster = created;
    redis = await PrivateRedis.start();
    fault = await cluster.createDatabase('lumbung_fault');
    cooperativeId = await seedFaultCooperative(cluster.adminUrl, fault);
    baseline = await cloneDatabase(cluster.adminUrl, fault, 'lumbung_fault_b');
  }, 420_000);

  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await redis?.dispose();
    await cluster?.dispose();
  });

  /** The first day's savings chunk jobs (attempt 0 of each) as BullMQ kept them. */
  async function retriedChunks(chunkNos: readonly number[]): Promise<unknown[]> {
    const queue = new Queue(endOfDayQueue, {
      connection: { url: redis!.url, maxRetriesPerRequest: null },
      prefix: 'lumbung',
    });
    try {
      const run = { cooperativeId, businessDate: faultDays[0] };
      return await Promise.all(
        chunkNos.map(async (chunkNo) => {
          const job = await queue.getJob(chunkJobId(run, chunkNo, 0));
          return {
            chunkNo,
            state: await job?.getState(),
            retried: (job?.attemptsMade ?? 0) >= 1,
            failedReason: job?.failedReason,
          };
        }),
      );
    } finally {
      await queue.close();
    }
  }

  it('closes every day exactly once, as an uninterrupted run does', async () => {
    await closeUninterrupted(baseline, cooperativeId, redis!.url, workers);
    await redis!.restart();

    // The two savings chunks of the first day wait on rows held here, and the worker takes two
    // chunks at a time: once both wait, the worker has nothing but two chunks mid-transaction.
    const blocker = await ChunkBlocker.hold(fault, cooperativeId);
    const worker = await WorkerProcess.start({
      databaseUrl: fault.appUrl,
      databaseOwnerUrl: fault.ownerUrl,
      redisUrl: redis!.url,
    });
    workers.push(worker);
    const startedAt = () =>
      connectAs(fault.ownerUrl, async (owner) =>
        String((await owner.query(`SELECT pg_postmaster_start_time() AS t`)).rows[0].t),
      );
    const before = await startedAt();
    try {
      await waitUntil(
        'both chunks of the worker wait on the held rows',
        async () => {
          if (!worker.running) throw new GiveUp(`worker exited:\n${await worker.logTail()}`);
          return (await blocker.waiting(fault)) === 2;
        },
        120_000,
      );
      await cluster!.restart('immediate');
    } finally {
      await blocker.release();
    }
    // A new postmaster: every session of before, the worker's two chunks among them, is gone.
    expect(await startedAt()).not.toEqual(before);

    await waitForDaysClosed(fault, cooperativeId, worker, 240_000);
    expect(worker.running).toBe(true);
    // The two chunks the restart cut off failed and BullMQ's retry ran them again, same job.
    const savings = await savingsChunkNumbers(fault, cooperativeId, faultDays[0]);
    expect(savings).toHaveLength(2);
    expect(await retriedChunks(savings)).toMatchObject(
      savings.map((chunkNo) => ({ chunkNo, state: 'completed', retried: true })),
    );
    expect((await runStates(fault, cooperativeId)).map((run) => run.business_date)).toEqual(
      faultDays,
    );
    expect(await closedOnce(fault, cooperativeId)).toEqual(closedOnceClean);
    // The worker's other work came through the restart too: every entry of the days is sealed
    // (the cluster is this suite's own, so no other session holds the sealing horizon back).
    await waitUntil(
      'every entry sealed',
      async () => (await unsealedEntries(fault, cooperativeId)) === 0,
      120_000,
    );
    expect(await booksAfterClose(fault, cooperativeId)).toEqual(
      await booksAfterClose(baseline, cooperativeId),
    );
    await worker.stop();
  }, 720_000);
});
