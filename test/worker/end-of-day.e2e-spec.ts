import { randomBytes } from 'node:crypto';
import { problemTypePrefix } from '@lumbung/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { chunkJobId } from '../../apps/worker/src/end-of-day/end-of-day.jobs';
import { endOfDayQueue, reconcileEndOfDayJob } from '../../apps/worker/src/queues';
import { ApiContext } from '../support/api-context';
import { createCooperative } from '../support/cooperatives';
import {
  accrualDays,
  cooperativeWithLoan,
  ownerRows,
  type RunRow,
  runsByCompletion,
} from '../support/eod-fixture';
import { pollUntil, startInProcessWorker } from '../support/in-process-worker';
import { rollTo } from '../support/loan-fixture';

/** Noon on 23 November in Makassar: the worker's own rollover leaves the dates where we put them. */
const now = '2026-11-23T04:00:00Z';
const closedInOrder: RunRow[] = ['2026-11-20', '2026-11-21', '2026-11-22'].map((date) => ({
  business_date: date,
  state: 'complete',
}));
// Nothing accrues on the day of disbursement (20 November); each later day exactly once.
const accruedOnce = [
  { accrual_date: '2026-11-21', n: 1 },
  { accrual_date: '2026-11-22', n: 1 },
];

describe('worker: the end of day catches up missed days, and PostgreSQL outlives Redis', () => {
  let api: ApiContext;
  let redis: Redis;
  let worker: TestingModule | undefined;
  let prefix: string;

  beforeAll(async () => {
    api = await ApiContext.start();
    redis = new Redis(api.env.redisUrl, { maxRetriesPerRequest: null });
  });

  afterEach(() => stopWorker());

  afterAll(async () => {
    redis.disconnect();
    await api.close();
  });

  async function startWorker(): Promise<Queue> {
    prefix = `lumbung-test-${randomBytes(4).toString('hex')}`;
    worker = await startInProcessWorker(api, prefix, now);
    return worker.get<Queue>(getQueueToken(endOfDayQueue));
  }

  async function stopWorker(): Promise<void> {
    await worker?.close();
    worker = undefined;
    await deleteKeys(`${prefix}:*`);
  }

  /** Every Redis key under the pattern, gone: what a Redis restarted without persistence holds. */
  async function deleteKeys(pattern: string): Promise<number> {
    let deleted = 0;
    for await (const keys of redis.scanStream({ match: pattern, count: 500 })) {
      if ((keys as string[]).length > 0) deleted += await redis.del(...(keys as string[]));
    }
    return deleted;
  }

  const allClosed = (runs: RunRow[]) =>
    runs.length === 3 && runs.every((run) => run.state === 'complete');

  it('closes three missed days on its own, in date order, accruing each day once', async () => {
    const { cooperativeId, loanId } = await cooperativeWithLoan(api, 'KSP-EOD-CATCHUP');
    await rollTo(api, cooperativeId, '2026-11-23');
    expect(await runsByCompletion(api, cooperativeId)).toEqual([]);

    const queue = await startWorker();
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain(reconcileEndOfDayJob);
    const runs = await pollUntil(() => runsByCompletion(api, cooperativeId), allClosed);

    expect(runs).toEqual(closedInOrder);
    expect(await accrualDays(api, loanId)).toEqual(accruedOnce);
    // The chunk jobs of a run carry the attempt in their id: none failed, so attempt 0.
    expect(
      await queue.getJobState(chunkJobId({ cooperativeId, businessDate: '2026-11-22' }, 1, 0)),
    ).toBe('completed');
  }, 90_000);

  it("runs the day a manager closes over the api; the run's progress is there to read", async () => {
    const cooperativeId = await createCooperative(api.app, 'KSP-EOD-HTTP');
    const manager = await api.person([{ role: 'manager', cooperativeId }]);
    const auditor = await api.person([
      { role: 'auditor', cooperativeId, validUntil: '2099-01-01T00:00:00Z' },
    ]);
    const runs = `/cooperatives/${cooperativeId}/end-of-day-runs`;
    const opened = await request(api.server).post(runs).set(manager.auth).send({}).expect(202);
    expect(opened.body).toMatchObject({
      businessDate: '2026-11-19',
      state: 'running',
      chunks: { done: 0 },
      completedAt: null,
    });
    await request(api.server)
      .post(runs)
      .set(manager.auth)
      .send({ date: '2026-11-20' })
      .expect(422)
      .expect((res) => expect(res.body.type).toBe(`${problemTypePrefix}day-not-over`));

    await startWorker();
    const read = async () =>
      (await request(api.server).get(`${runs}/2026-11-19`).set(auditor.auth).expect(200)).body;
    const progress = await pollUntil(read, (run) => run.state === 'complete');
    expect(progress).toMatchObject({ state: 'complete', failures: [] });
    expect(progress.chunks.done).toBe(progress.chunks.total);
  }, 90_000);

  it('finishes every run after Redis loses all its keys mid-run', async () => {
    const { cooperativeId, loanId } = await cooperativeWithLoan(api, 'KSP-EOD-AMNESIA');
    await rollTo(api, cooperativeId, '2026-11-23');
    // The loan held by another transaction keeps the first run's loan chunk waiting, its job
    // active in Redis, until the keys are gone.
    const blocker = new Client({ connectionString: api.db.ownerUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM loan WHERE id = $1 FOR UPDATE', [loanId]);
      const queue = await startWorker();
      const [{ pid }] = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))
        .rows;
      const waiting = await pollUntil(
        async () =>
          (
            await ownerRows<{ n: number }>(
              api,
              `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND $1 = ANY (pg_blocking_pids(pid))`,
              [pid],
            )
          )[0].n,
        (n) => n > 0,
      );
      expect(waiting).toBeGreaterThan(0);
      expect(await queue.getActiveCount()).toBeGreaterThan(0);
      expect(await deleteKeys(`${prefix}:${endOfDayQueue}:*`)).toBeGreaterThan(0);
      expect(await queue.getJobSchedulers()).toEqual([]);
    } finally {
      await blocker.query('COMMIT');
      await blocker.end();
    }

    const runs = await pollUntil(() => runsByCompletion(api, cooperativeId), allClosed);
    expect(runs).toEqual(closedInOrder);
    expect(await accrualDays(api, loanId)).toEqual(accruedOnce);
    // The reconciler's own scheduler went with the keys; the worker puts it back by itself.
    const queue = worker!.get<Queue>(getQueueToken(endOfDayQueue));
    const schedulers = await pollUntil(
      async () => (await queue.getJobSchedulers()).map((s) => s.key),
      (keys) => keys.length > 0,
    );
    expect(schedulers).toContain(reconcileEndOfDayJob);
  }, 90_000);
});
