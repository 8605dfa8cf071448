import {
  booksAfterClose,
  closedOnce,
  closedOnceClean,
  faultDays,
  runStates,
  waitForDaysClosed,
} from '../support/eod-fault-fixture';
import { FaultScene } from '../support/fault-scene';
import { connectAs } from '../support/postgres';
import { waitUntil } from '../support/private-services';

/**
 * Issue 7: a worker SIGKILLed in the middle of a day's close, and another started, end with the
 * books exactly as a worker nothing interrupted leaves them. PostgreSQL is the shared one (it is
 * not restarted); Redis is private, since the built worker uses the default queue prefix.
 */
describe('end of day: the worker SIGKILLed mid-run', () => {
  let scene: FaultScene | undefined;

  beforeAll(async () => {
    scene = await FaultScene.onSharedPostgres();
  }, 420_000);

  afterAll(async () => {
    await scene?.dispose();
  });

  it('ends with every account, accrual and summary identical to an uninterrupted run', async () => {
    const { fault, baseline, cooperativeId } = scene!;
    await scene!.closeBaseline();
    expect(await closedOnce(baseline, cooperativeId)).toEqual(closedOnceClean);

    let killedMidChunk: number[] = [];
    await scene!.startWorkerWithChunksHeld(async (first, blocker) => {
      killedMidChunk = await blocker.waiters(fault);
      await first.kill();
      expect(first.running).toBe(false);
    });
    // Their sessions outlive the process only until PostgreSQL notices: rolled back, not done.
    await waitUntil(
      'the killed sessions are gone',
      async () =>
        connectAs(fault.ownerUrl, async (owner) => {
          const { rows } = await owner.query(
            `SELECT 1 FROM pg_stat_activity WHERE pid = ANY ($1)`,
            [killedMidChunk],
          );
          return rows.length === 0;
        }),
      60_000,
    );
    const [day1, ...later] = await runStates(fault, cooperativeId);
    expect(day1).toEqual({ business_date: faultDays[0], state: 'running', done: 3, total: 5 });
    expect(later).toEqual([]);

    const second = await scene!.startWorker();
    // The killed worker's two jobs stay active in Redis until their locks expire (the
    // processor's lockDuration, two minutes) and BullMQ's stall check hands them out again.
    await waitForDaysClosed(fault, cooperativeId, second, 360_000);

    expect(await closedOnce(fault, cooperativeId)).toEqual(closedOnceClean);
    expect(await booksAfterClose(fault, cooperativeId)).toEqual(
      await booksAfterClose(baseline, cooperativeId),
    );
    await second.stop();
  }, 720_000);
});
