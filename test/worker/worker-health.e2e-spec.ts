import { randomBytes } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { Redis } from 'ioredis';
import request from 'supertest';
import { ApiContext } from '../support/api-context';
import { createCooperative } from '../support/cooperatives';
import { pollUntil, startInProcessWorker } from '../support/in-process-worker';

/** Noon in Makassar, 23 November: the worker's own rollover leaves the dates as they are. */
const now = '2026-11-23T04:00:00Z';

/** `name{labels} value` lines of a Prometheus text page, by name and labels. */
function samples(page: string): Map<string, number> {
  const lines = page.split('\n').filter((line) => line && !line.startsWith('#'));
  return new Map(
    lines.map((line) => {
      const at = line.lastIndexOf(' ');
      return [line.slice(0, at), Number(line.slice(at + 1))];
    }),
  );
}

describe('worker health and job metrics, as the api reports them', () => {
  const prefix = `lumbung-test-${randomBytes(4).toString('hex')}`;
  let api: ApiContext;
  let worker: TestingModule | undefined;

  beforeAll(async () => {
    api = await ApiContext.start({ queuePrefix: prefix });
  });

  afterAll(async () => {
    await worker?.close();
    const redis = new Redis(api.env.redisUrl);
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
    redis.disconnect();
    await api.close();
  });

  const health = async () => (await request(api.server).get('/health').expect(200)).body;
  const metrics = async () => samples((await request(api.server).get('/metrics').expect(200)).text);

  it('shows no worker and a day waiting while none runs, then the worker and its finished jobs', async () => {
    const cooperativeId = await createCooperative(api.app, 'KSP-HEALTH');
    const manager = await api.person([{ role: 'manager', cooperativeId }]);
    await request(api.server)
      .post(`/cooperatives/${cooperativeId}/end-of-day-runs`)
      .set(manager.auth)
      .send({})
      .expect(202);

    const idle = await health();
    expect(idle.worker).toEqual({
      running: false,
      queues: ['business-date', 'journal-sealing', 'end-of-day', 'ledger-exports'].map((queue) => ({
        queue,
        workers: 0,
        failed: 0,
      })),
    });
    expect(idle.endOfDay).toMatchObject({ runningRuns: 1, failingChunks: 0 });
    expect(idle.endOfDay.unfinishedChunks).toBeGreaterThan(0);
    const before = await metrics();
    expect(before.get('lumbung_queue_up')).toBe(1);
    expect(before.get('lumbung_queue_workers{queue="end-of-day"}')).toBe(0);
    expect(before.get('lumbung_eod_running_runs')).toBe(1);
    expect(before.get('lumbung_queue_jobs{queue="end-of-day",state="completed"}')).toBe(0);

    worker = await startInProcessWorker(api, prefix, now);

    // Generous: on a loaded machine the worker's first reconcile and the run take a while.
    const working = await pollUntil(health, (body) => body.endOfDay.runningRuns === 0, 150_000);
    expect(working.worker.running).toBe(true);
    expect(working.endOfDay).toMatchObject({ runningRuns: 0, unfinishedChunks: 0 });
    const after = await pollUntil(
      metrics,
      (page) => (page.get('lumbung_queue_jobs_completed_total{queue="end-of-day"}') ?? 0) > 0,
      60_000,
    );
    expect(after.get('lumbung_queue_workers{queue="end-of-day"}')).toBeGreaterThan(0);
    expect(after.get('lumbung_queue_jobs_completed_total{queue="end-of-day"}')).toBeGreaterThan(0);
    // A chunk may fail and be retried on a loaded machine: the counter is there, whatever it says.
    expect(after.get('lumbung_queue_jobs_failed_total{queue="end-of-day"}')).toEqual(
      expect.any(Number),
    );
    expect(after.get('lumbung_eod_running_runs')).toBe(0);
  }, 300_000);
});
