import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative } from '../support/cooperatives';

describe('api basics', () => {
  let api: ApiContext;
  let cooperativeId: string;
  let manager: Person;

  beforeAll(async () => {
    api = await ApiContext.start();
    cooperativeId = await createCooperative(api.app, 'KSP-API');
    manager = await api.person([{ role: 'manager', cooperativeId }]);
  });

  afterAll(() => api.close());

  it('reports health of PostgreSQL and Redis', async () => {
    const res = await request(api.server).get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      checks: { postgres: 'up', redis: 'up' },
      sealing: { unsealedEntries: 0, oldestUnsealedSeconds: null },
      // Workers of the default prefix may run beside this suite (the demo's): counts vary.
      worker: {
        running: expect.any(Boolean),
        queues: ['business-date', 'journal-sealing', 'end-of-day', 'ledger-exports'].map(
          (queue) => ({
            queue,
            workers: expect.any(Number),
            failed: expect.any(Number),
          }),
        ),
      },
      endOfDay: {
        runningRuns: 0,
        unfinishedChunks: 0,
        failingChunks: 0,
        oldestRunningSeconds: 0,
        cooperativesBehind: 1,
      },
    });
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('exposes sealing lag, the end of day and the queues as Prometheus metrics', async () => {
    const res = await request(api.server).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/^lumbung_sealing_unsealed_entries \d+$/m);
    expect(res.text).toMatch(/^lumbung_sealing_oldest_unsealed_seconds \d+(\.\d+)?$/m);
    expect(res.text).toMatch(/^lumbung_eod_running_runs 0$/m);
    expect(res.text).toMatch(/^lumbung_queue_up 1$/m);
    expect(res.text).toMatch(/^lumbung_queue_jobs\{queue="end-of-day",state="failed"\} \d+$/m);
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const json = await request(api.server).get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/cooperatives/{cooperativeId}/trial-balance');
    await request(api.server).get('/docs').expect(200);
  });

  it('answers unknown routes and cooperatives with problem+json 404', async () => {
    const route = await request(api.server).get('/nowhere').expect(404);
    expect(route.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(route.body).toMatchObject({ type: 'urn:lumbung:problem:not-found', status: 404 });
    for (const id of ['01890000-0000-7000-8000-000000000000', 'not-a-uuid']) {
      const res = await request(api.server)
        .get(`/cooperatives/${id}/trial-balance`)
        .set(manager.auth)
        .expect(404);
      expect(res.body.type).toBe('urn:lumbung:problem:not-found');
    }
  });

  it('returns the chart, a trial balance and refuses bad query input naming the field', async () => {
    const chart = await request(api.server)
      .get(`/cooperatives/${cooperativeId}/accounts?limit=5`)
      .set(manager.auth)
      .expect(200);
    expect(chart.body.items).toHaveLength(5);
    const next = await request(api.server)
      .get(`/cooperatives/${cooperativeId}/accounts?limit=5&after=${chart.body.next}`)
      .set(manager.auth)
      .expect(200);
    expect(next.body.items[0].code > chart.body.items[4].code).toBe(true);
    const tb = await request(api.server)
      .get(`/cooperatives/${cooperativeId}/trial-balance?asOf=2026-11-20`)
      .set(manager.auth)
      .expect(200);
    expect(tb.body).toMatchObject({
      cooperative: 'KSP-API',
      balanced: true,
      functionalCurrency: 'IDR',
    });
    const bad = await request(api.server)
      .get(`/cooperatives/${cooperativeId}/trial-balance?asOf=20-11-2026`)
      .set(manager.auth)
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'asOf', message: 'asOf must be a date YYYY-MM-DD' }]);
    const unknown = await request(api.server)
      .get(`/cooperatives/${cooperativeId}/accounts?color=red`)
      .set(manager.auth)
      .expect(400);
    expect(unknown.body.errors[0].field).toBe('color');
    const badDate = await request(api.server)
      .get(`/cooperatives/${cooperativeId}/trial-balance?asOf=2026-02-30`)
      .set(manager.auth)
      .expect(400);
    expect(badDate.body.type).toBe('urn:lumbung:problem:invalid-input');
  });

  it('closes a month through the api, once', async () => {
    const closed = await request(api.server)
      .post(`/cooperatives/${cooperativeId}/periods/2026-10/close`)
      .set(manager.auth)
      .expect(200);
    expect(closed.body).toMatchObject({ month: '2026-10', status: 'closed' });
    const again = await request(api.server)
      .post(`/cooperatives/${cooperativeId}/periods/2026-10/close`)
      .set(manager.auth)
      .expect(409);
    expect(again.body.type).toBe('urn:lumbung:problem:period-already-closed');
    const early = await request(api.server)
      .post(`/cooperatives/${cooperativeId}/periods/2026-11/close`)
      .set(manager.auth)
      .expect(422);
    expect(early.body.type).toBe('urn:lumbung:problem:period-not-ended');
    await request(api.server)
      .post(`/cooperatives/${cooperativeId}/periods/2026-13/close`)
      .set(manager.auth)
      .expect(400);
  });

  it('refuses malformed JSON with problem+json', async () => {
    const res = await request(api.server)
      .post(`/cooperatives/${cooperativeId}/periods/2026-09/close`)
      .set(manager.auth)
      .set('content-type', 'application/json')
      .send('{"oops":')
      .expect(400);
    expect(res.body.type).toBe('urn:lumbung:problem:malformed-json');
  });
});
