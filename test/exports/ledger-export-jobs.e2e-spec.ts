import { randomBytes } from 'node:crypto';
import { problemTypePrefix } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { EXPORT_CHUNK_BYTES, exportJobMaxAttempts } from '@lumbung/exports';
import { JournalSealingService } from '@lumbung/ledger';
import type { TestingModule } from '@nestjs/testing';
import ExcelJS from 'exceljs';
import { Redis } from 'ioredis';
import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { pollUntil, startInProcessWorker } from '../support/in-process-worker';
import { connectAs } from '../support/postgres';
import { SavingsFixture } from '../support/savings-fixture';

/** Noon in Makassar on the fixture's business date: the worker's rollover leaves it there. */
const now = '2026-11-20T04:00:00Z';
const range = { from: '2026-11-01', to: '2026-11-30' };
/** Small enough that this suite's few-kilobyte files span several chunks, as large ones do. */
const chunkBytes = 512;

/**
 * Ledger exports as worker jobs (issue 11, item 1) with a real worker in this process and real
 * Redis: asked for over the api while no worker runs (PostgreSQL holds it, no file yet), found
 * and run by the worker's reconciler once it starts, progress to the snapshot's total, the file
 * stored in PostgreSQL in several chunks and sent back byte for byte as the streamed export sends
 * it, also when an attempt failed halfway through storing them.
 */
describe('ledger export jobs', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let auditor: Person;
  let redis: Redis;
  /** The api's and the worker's Redis key prefix, this suite's own. */
  let prefix: string;
  let worker: TestingModule | undefined;
  let csvExport: string;
  let diedOnce: string;
  let diedLast: string;

  const bytesOf = (req: request.Test) =>
    req.buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const jobs = (suffix = '') => `/cooperatives/${coop}/ledger-exports${suffix}`;
  const ask = (body: object, who: Person = auditor) =>
    request(api.server).post(jobs()).set(who.auth).send(body);
  const view = (id: string) =>
    request(api.server)
      .get(jobs(`/${id}`))
      .set(auditor.auth)
      .expect(200);

  const finished = (id: string) =>
    pollUntil(
      async () => (await view(id)).body,
      (job) => job.state === 'complete' || job.state === 'failed',
    );

  /** As a worker that died during `attempt` leaves an export: started, never ended. */
  const diedDuring = (id: string, attempt: number) =>
    connectAs(api.db.ownerUrl, (owner) =>
      owner.query(`UPDATE ledger_export_job SET state = 'running', attempts = $2 WHERE id = $1`, [
        id,
        attempt,
      ]),
    );

  /** How many chunks each attempt of an export stored, as PostgreSQL holds them. */
  const chunksByAttempt = (id: string) =>
    connectAs(api.db.ownerUrl, async (owner) => {
      const { rows } = await owner.query<{ attempt: number; chunks: number; bytes: string }>(
        `SELECT attempt, count(*)::int AS chunks, sum(length(data))::text AS bytes
           FROM ledger_export_chunk WHERE export_id = $1 GROUP BY attempt ORDER BY attempt`,
        [id],
      );
      return rows.map((row) => ({ ...row, bytes: Number(row.bytes) }));
    });
  const streamedCsv = () =>
    bytesOf(
      request(api.server)
        .get(`/cooperatives/${coop}/ledger-export`)
        .query({ ...range, format: 'csv' })
        .set(auditor.auth),
    ).expect(200);
  const storedFile = (id: string) =>
    bytesOf(
      request(api.server)
        .get(jobs(`/${id}/file`))
        .set(auditor.auth),
    ).expect(200);

  /** Until every entry is in a block, so two exports read at different times read the same. */
  async function sealAll(): Promise<void> {
    const scope = api.app.get(TransactionScope);
    const unsealed = async () => {
      await api.app.get(JournalSealingService).sealCooperative(coop);
      const [row] = await scope.run((tx) =>
        tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM journal_entry e WHERE e.cooperative_id = $1
              AND NOT EXISTS (SELECT 1 FROM journal_block_entry s
                               WHERE s.cooperative_id = e.cooperative_id AND s.entry_id = e.id)`,
          [coop],
        ),
      );
      return row.n;
    };
    expect(await pollUntil(unsealed, (n) => n === 0, 60_000)).toBe(0);
  }

  beforeAll(async () => {
    prefix = `lumbung-test-${randomBytes(4).toString('hex')}`;
    api = await ApiContext.start({ queuePrefix: prefix });
    redis = new Redis(api.env.redisUrl, { maxRetriesPerRequest: null });
    coop = await createCooperative(api.app, 'KSP-EXPORT-JOBS');
    await fundVault(api.app, coop, '50000000.00');
    fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    auditor = await fx.hireAuditor();
    await fx.standardProducts('pokok', 'sukarela');
    await fx.openTill(fx.teller, '5000000.00').expect(201);
    for (const name of ['Ana', 'Budi', 'Citra']) {
      const saver = await fx.saver(name);
      await fx
        .post(`savings-accounts/${saver.sukarela}/deposits`, fx.teller, {
          amount: '250000.00',
          currency: 'IDR',
        })
        .expect(201);
    }
  });

  afterAll(async () => {
    await worker?.close();
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
    redis.disconnect();
    await api.close();
  });

  it('keeps an export asked for in PostgreSQL, audited, with no file until it is complete', async () => {
    const asked = await ask({ ...range, format: 'csv' }).expect(202);
    csvExport = asked.body.id;
    // Handed to the worker at once, its first attempt waits in Redis (no worker runs yet).
    const firstAttempt = `${prefix}:ledger-exports:ledger-export-${csvExport}-a1`;
    expect(await redis.hget(firstAttempt, 'data')).toBe(
      JSON.stringify({ cooperativeId: coop, exportId: csvExport, attempt: 1 }),
    );
    expect(asked.body).toMatchObject({
      ...range,
      format: 'csv',
      wholeBlocks: false,
      state: 'queued',
      attempts: 0,
      progress: { postings: 0, of: null },
      self: jobs(`/${csvExport}`),
      file: null,
    });
    expect((await view(csvExport)).body.state).toBe('queued');
    const early = await request(api.server)
      .get(jobs(`/${csvExport}/file`))
      .set(auditor.auth)
      .expect(409)
      .expect('content-type', /application\/problem\+json/);
    expect(early.body).toMatchObject({
      type: `${problemTypePrefix}export-not-ready`,
      state: 'queued',
    });
    const audit = await request(api.server)
      .get(`/cooperatives/${coop}/audit-log?action=exports.ledger-export.request`)
      .set(auditor.auth)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        targetId: csvExport,
        after: { ...range, format: 'csv', wholeBlocks: false },
      }),
    ]);
    diedOnce = (await ask({ ...range, format: 'jsonl', wholeBlocks: true }).expect(202)).body.id;
    await diedDuring(diedOnce, 1);
    diedLast = (await ask({ ...range, format: 'hledger' }).expect(202)).body.id;
    await diedDuring(diedLast, exportJobMaxAttempts);
  });

  it('is found and run by a worker that starts later, the file the streamed export’s bytes', async () => {
    await sealAll();
    worker = await startInProcessWorker(api, prefix, now, (builder) =>
      builder.overrideProvider(EXPORT_CHUNK_BYTES).useValue(chunkBytes),
    );
    const done = await finished(csvExport);
    expect(done).toMatchObject({
      state: 'complete',
      attempts: 1,
      lastError: null,
      fileName: `KSP-EXPORT-JOBS-ledger-${range.from}-${range.to}.csv`,
      file: jobs(`/${csvExport}/file`),
    });
    expect(done.progress.of).toBeGreaterThan(10);
    expect(done.progress.postings).toBe(done.progress.of);
    const stored = await storedFile(csvExport)
      .expect('content-type', /text\/csv/)
      .expect('content-disposition', `attachment; filename="${done.fileName}"`);
    expect(Number(stored.headers['content-length'])).toBe(done.bytes);
    const chunks = Math.ceil(done.bytes / chunkBytes);
    expect(chunks).toBeGreaterThanOrEqual(4);
    expect(await chunksByAttempt(csvExport)).toEqual([{ attempt: 1, chunks, bytes: done.bytes }]);
    const streamed = await streamedCsv();
    expect(streamed.headers['lumbung-chain-head']).toBe(done.chainHead);
    expect((stored.body as Buffer).equals(streamed.body as Buffer)).toBe(true);
  }, 120_000);

  it('completes an export whose attempt failed after storing part of its file, serving none of that part', async () => {
    // PostgreSQL refuses attempt 1's third chunk: the attempt fails with two chunks stored.
    await connectAs(api.db.ownerUrl, async (owner) => {
      await owner.query(`CREATE FUNCTION refuse_third_chunk() RETURNS trigger LANGUAGE plpgsql
                           AS $$ BEGIN RAISE EXCEPTION 'disk full (injected)'; END $$`);
      await owner.query(`CREATE TRIGGER refuse_third_chunk BEFORE INSERT ON ledger_export_chunk
                           FOR EACH ROW WHEN (NEW.attempt = 1 AND NEW.seq = 2)
                           EXECUTE FUNCTION refuse_third_chunk()`);
    });
    try {
      const asked = await ask({ ...range, format: 'csv' }).expect(202);
      const done = await finished(asked.body.id);
      expect(done).toMatchObject({ state: 'complete', attempts: 2, lastError: null });
      const chunks = Math.ceil(done.bytes / chunkBytes);
      expect(await chunksByAttempt(asked.body.id)).toEqual([
        { attempt: 1, chunks: 2, bytes: 2 * chunkBytes },
        { attempt: 2, chunks, bytes: done.bytes },
      ]);
      const stored = await storedFile(asked.body.id);
      expect(Number(stored.headers['content-length'])).toBe(done.bytes);
      expect((stored.body as Buffer).equals((await streamedCsv()).body as Buffer)).toBe(true);
    } finally {
      await connectAs(api.db.ownerUrl, async (owner) => {
        await owner.query('DROP TRIGGER refuse_third_chunk ON ledger_export_chunk');
        await owner.query('DROP FUNCTION refuse_third_chunk()');
      });
    }
  }, 120_000);

  it('takes the next attempt after a worker died in one, and fails an export whose last it was', async () => {
    expect(await finished(diedOnce)).toMatchObject({
      state: 'complete',
      attempts: 2,
      wholeBlocks: true,
    });
    const failed = await finished(diedLast);
    expect(failed).toMatchObject({ state: 'failed', attempts: exportJobMaxAttempts, file: null });
    expect(failed.lastError).toMatch(/ended without an outcome/);
    await request(api.server)
      .get(jobs(`/${diedLast}/file`))
      .set(auditor.auth)
      .expect(409);
  });

  it('stores a workbook as the bytes it is, for any api process to send', async () => {
    const asked = await ask({ ...range, format: 'xlsx' }).expect(202);
    const done = await finished(asked.body.id);
    expect(done.state).toBe('complete');
    const file = await bytesOf(
      request(api.server)
        .get(jobs(`/${asked.body.id}/file`))
        .set(auditor.auth),
    ).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as never);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Ledger', 'Export']);
    // The header, the balances brought forward (none: the books opened this month) and postings.
    expect(book.worksheets[0].rowCount).toBe(1 + done.progress.of);
  }, 120_000);

  it('refuses bad input as the streamed export does, and hides what is not there', async () => {
    const bad = await ask({ from: '2026-11-30', to: '2026-11-01', format: 'pdf' })
      .expect(400)
      .expect('content-type', /application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['to', 'format']);
    await ask({}).expect(400);
    const notWhole = await ask({ ...range, format: 'csv', wholeBlocks: true }).expect(400);
    expect(notWhole.body.errors.map((e: { field: string }) => e.field)).toEqual(['wholeBlocks']);
    await ask({ ...range, format: 'jsonl', wholeBlocks: 'yes' }).expect(400);
    await ask({ ...range, format: 'csv' }, fx.teller).expect(403);
    const missing = await request(api.server)
      .get(jobs('/019a0000-0000-7000-8000-000000000000'))
      .set(auditor.auth)
      .expect(404);
    expect(missing.body.resource).toBe('ledger-export');
    await request(api.server).get(jobs('/not-an-id/file')).set(auditor.auth).expect(404);
    const elsewhere = await createCooperative(api.app, 'KSP-EXPORT-JOBS-2');
    await request(api.server)
      .get(`/cooperatives/${elsewhere}/ledger-exports/${csvExport}`)
      .set(auditor.auth)
      .expect(404);
  });
});
