import {
  businessDateQueue,
  endOfDayQueue,
  journalSealingQueue,
  ledgerExportQueue,
  reconcileEndOfDayJob,
  reconcileLedgerExportsJob,
  rollBusinessDatesJob,
  sealJournalsJob,
  workerQueues,
} from '../../apps/worker/src/queues';
import {
  booksAfterClose,
  closedOnce,
  closedOnceClean,
  faultDays,
  runStates,
  savingsChunkNumbers,
  waitForDaysClosed,
} from '../support/eod-fault-fixture';
import { FaultScene } from '../support/fault-scene';
import { connectAs } from '../support/postgres';
import { waitUntil } from '../support/private-services';

/**
 * Issue 7: Redis restarted without persistence in the middle of a day's close loses the run's
 * jobs, the two chunks still running among them, and the reconciler's own schedule; PostgreSQL
 * still knows which chunks are left, so the same worker process ends the days closed exactly
 * once. The Redis is private (it
 * is killed); PostgreSQL is the shared one (it is not).
 */
describe('end of day: Redis restarted without persistence mid-run', () => {
  let scene: FaultScene | undefined;

  beforeAll(async () => {
    scene = await FaultScene.onSharedPostgres();
  }, 420_000);

  afterAll(async () => {
    await scene?.dispose();
  });

  /** The end-of-day jobs Redis holds (the worker's default prefix), as `name state` lines. */
  function endOfDayJobs(): Promise<string[]> {
    return scene!.withQueue(endOfDayQueue, async (queue) => {
      const jobs = await queue.getJobs(['active', 'waiting', 'waiting-children', 'delayed']);
      const lines = await Promise.all(
        jobs
          .filter((job) => job.name !== reconcileEndOfDayJob)
          .map(
            async (job) => `${job.name} ${String(job.data.chunkNo ?? '')} ${await job.getState()}`,
          ),
      );
      return lines.sort();
    });
  }

  /** The job schedulers of every queue of the worker, as `queue scheduler` lines. */
  async function schedules(): Promise<string[]> {
    const found: string[] = [];
    for (const name of workerQueues) {
      await scene!.withQueue(name, async (queue) => {
        for (const scheduler of await queue.getJobSchedulers())
          found.push(`${name} ${scheduler.key}`);
      });
    }
    return found.sort();
  }

  /** The first day's savings chunks, held here, have each failed (and said so) at least once. */
  async function heldChunksFailed(): Promise<boolean> {
    return connectAs(scene!.fault.ownerUrl, async (owner) => {
      const { rows } = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM eod_chunk
          WHERE cooperative_id = $1 AND business_date = $2 AND kind = 'savings' AND attempts > 0`,
        [scene!.cooperativeId, faultDays[0]],
      );
      return rows[0].n === 2;
    });
  }

  it('closes every day exactly once, as an uninterrupted run does', async () => {
    const { fault, baseline, cooperativeId, redis } = scene!;
    await scene!.closeBaseline();

    const worker = await scene!.startWorkerWithChunksHeld(async () => {
      const [first, second] = await savingsChunkNumbers(fault, cooperativeId, faultDays[0]);
      expect(await endOfDayJobs()).toEqual(
        [
          `eod-chunk ${first} active`,
          `eod-chunk ${second} active`,
          'eod-run  waiting-children',
        ].sort(),
      );

      await redis.restart('SIGKILL');
      // The jobs the worker is running are gone with everything else (whatever the reconciler
      // may have put back by now waits: the worker's two slots are still busy with them).
      expect((await endOfDayJobs()).filter((job) => job.endsWith(' active'))).toEqual([]);
      // The two chunks run on and fail on the statement timeout, their jobs gone: only the
      // reconciler, reading PostgreSQL, can give them out again.
      await waitUntil('the held chunks fail', heldChunksFailed, 120_000);
    });

    await waitForDaysClosed(fault, cooperativeId, worker, 240_000);
    expect(worker.running).toBe(true);
    // The schedules went with Redis too, and the worker puts every one back by itself: the
    // business date still rolls at midnight, the journal is still sealed, the runs still open.
    await waitUntil('every schedule back in Redis', async () => (await schedules()).length === 4);
    expect(await schedules()).toEqual([
      `${businessDateQueue} ${rollBusinessDatesJob}`,
      `${endOfDayQueue} ${reconcileEndOfDayJob}`,
      `${journalSealingQueue} ${sealJournalsJob}`,
      `${ledgerExportQueue} ${reconcileLedgerExportsJob}`,
    ]);
    expect((await runStates(fault, cooperativeId)).map((run) => run.business_date)).toEqual(
      faultDays,
    );
    expect(await closedOnce(fault, cooperativeId)).toEqual(closedOnceClean);
    expect(await booksAfterClose(fault, cooperativeId)).toEqual(
      await booksAfterClose(baseline, cooperativeId),
    );
    await worker.stop();
  }, 720_000);
});
