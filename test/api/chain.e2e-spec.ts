import { Money } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import {
  ChartService,
  CooperativeService,
  JournalSealingService,
  PostingService,
} from '@lumbung/ledger';
import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';

/** The auditor's routes over the tamper-evident journal, and sealing lag in /health. */
describe('api: the chain for auditors', () => {
  let api: ApiContext;
  let cooperativeId: string;
  let quietId: string;
  let vault: string;
  let equity: string;
  let auditor: Person;

  const scope = () => api.app.get(TransactionScope);

  async function post(amount: string): Promise<void> {
    await scope().run((tx) =>
      api.app.get(PostingService).post(tx, cooperativeId, {
        description: `setoran ${amount}`,
        source: { type: 'test' },
        postings: [
          { accountId: vault, amount: Money.parse(amount, 'IDR') },
          { accountId: equity, amount: Money.parse(amount, 'IDR').negated() },
        ],
      }),
    );
  }

  async function sealEverything(): Promise<void> {
    // The horizon is cluster-wide: other suites' open transactions hold it back for a while.
    const deadline = Date.now() + 90_000;
    while ((await lag()).unsealedEntries > 0) {
      if (Date.now() > deadline) throw new Error('entries still unsealed');
      await api.app.get(JournalSealingService).sealAll();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const lag = async () =>
    (await request(api.server).get('/health').expect(200)).body.sealing as {
      unsealedEntries: number;
      oldestUnsealedSeconds: number | null;
    };

  beforeAll(async () => {
    api = await ApiContext.start();
    [cooperativeId, quietId] = await scope().run(async (tx) => {
      const ids: string[] = [];
      for (const code of ['KSP-AUDIT', 'KSP-QUIET']) {
        const created = await api.app.get(CooperativeService).create(tx, {
          code,
          name: `Koperasi ${code}`,
          country: 'ID',
          timeZone: 'Asia/Makassar',
          functionalCurrency: 'IDR',
          businessDate: '2026-11-20' as never,
        });
        ids.push(created.id);
      }
      return ids;
    });
    const engagementEnds = '2099-12-31T00:00:00Z';
    auditor = await api.person([
      { role: 'auditor', cooperativeId, validUntil: engagementEnds },
      { role: 'auditor', cooperativeId: quietId, validUntil: engagementEnds },
    ]);
    [vault, equity] = await scope().run((tx) =>
      Promise.all(
        ['1-1101', '3-3901'].map(
          async (code) =>
            (await api.app.get(ChartService).accountByCode(tx, cooperativeId, code)).id,
        ),
      ),
    );
  });

  afterAll(() => api.close());

  it('shows sealing lag in /health, and health stays 200', async () => {
    await post('125000.00');
    const waiting = await lag();
    expect(waiting.unsealedEntries).toBe(1);
    expect(waiting.oldestUnsealedSeconds).toBeGreaterThanOrEqual(0);
    await sealEverything();
    expect(await lag()).toEqual({ unsealedEntries: 0, oldestUnsealedSeconds: null });
  }, 180_000);

  it('serves the chain head to keep, and a verification that proves it included', async () => {
    const path = `/cooperatives/${cooperativeId}/chain`;
    const head = (await request(api.server).get(`${path}/head`).set(auditor.auth).expect(200)).body;
    expect(head).toMatchObject({ sequence: '1', entryCount: 1, canonicalVersion: 1 });
    expect(head.head).toBe(`1:${head.hash}`);

    await post('500.00');
    await sealEverything();
    const verification = await request(api.server)
      .get(`${path}/verification`)
      .set(auditor.auth)
      .query({ head: head.head })
      .expect(200);
    expect(verification.body).toMatchObject({
      ok: true,
      blocks: 2,
      sealedEntries: 2,
      keptHead: { sequence: '1', hash: head.hash, included: true },
      findings: [],
    });

    const forged = await request(api.server)
      .get(`${path}/verification`)
      .set(auditor.auth)
      .query({ head: `1:${'0'.repeat(64)}` })
      .expect(200);
    expect(forged.body).toMatchObject({ ok: false, keptHead: { included: false } });
  }, 180_000);

  it('answers malformed heads with 400 and unknown places with 404, as problem+json', async () => {
    const bad = await request(api.server)
      .get(`/cooperatives/${cooperativeId}/chain/verification`)
      .set(auditor.auth)
      .query({ head: 'latest' })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({
      type: 'urn:lumbung:problem:invalid-input',
      errors: [{ field: 'head' }],
    });
    const none = await request(api.server)
      .get(`/cooperatives/${quietId}/chain/head`)
      .set(auditor.auth)
      .expect(404);
    expect(none.body).toMatchObject({ type: 'urn:lumbung:problem:not-found' });
    await request(api.server)
      .get('/cooperatives/01a20145-11f2-79ae-8fc0-0dd0efe6d24b/chain/verification')
      .set(auditor.auth)
      .expect(404);
  });

  it('documents both routes in OpenAPI', async () => {
    const json = await request(api.server).get('/docs-json').expect(200);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/cooperatives/{cooperativeId}/chain/verification',
        '/cooperatives/{cooperativeId}/chain/head',
      ]),
    );
  });
});
