import { chunkJobId } from '../../apps/worker/src/end-of-day/end-of-day.jobs';
import { endOfDayQueue } from '../../apps/worker/src/queues';
import {
  booksAfterClose,
  closedOnce,
  closedOnceClean,
  faultDays,
  runStates,
  savingsChunkNumbers,
  unsealedEntries,
  waitForDaysClosed,
} from '../support/eod-fault-fixture';
import { FaultScene } from '../support/fault-scene';
import { connectAs } from '../support/postgres';
import { PrivateCluster, waitUntil } from '../support/private-services';

/**
 * Issue 7: PostgreSQL restarted (an immediate shutdown, then crash recovery) in the middle of a
 * day's close: the chunks caught mid-transaction roll back and fail, BullMQ retries them, and
 * the same worker process ends the days closed exactly once. Both PostgreSQL and Redis are
 * private to this suite (DESIGN.md section 8).
 */
describe('end of day: PostgreSQL restarted mid-run', () => {
  let cluster: PrivateCluster | undefined;
  let scene: FaultScene | undefined;

  beforeAll(async () => {
    cluster = await PrivateCluster.create();
    scene = await FaultScene.onCluster(cluster);
  }, 420_000);

  afterAll(async () => {
    await scene?.dispose();
  });

  /** The first day's savings chunk jobs (attempt 0 of each) as BullMQ kept them. */
  function retriedChunks(chunkNos: readonly number[]): Promise<unknown[]> {
    return scene!.withQueue(endOfDayQueue, (queue) => {
      const run = { cooperativeId: scene!.cooperativeId, businessDate: faultDays[0] };
      return Promise.all(
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
    });
  }

  it('closes every day exactly once, as an uninterrupted run does', async () => {
    const { fault, baseline, cooperativeId } = scene!;
    await scene!.closeBaseline();

    const startedAt = () =>
      connectAs(fault.ownerUrl, async (owner) =>
        String((await owner.query(`SELECT pg_postmaster_start_time() AS t`)).rows[0].t),
      );
    let before = '';
    const worker = await scene!.startWorkerWithChunksHeld(async () => {
      before = await startedAt();
      await cluster!.restart('immediate');
    });
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
