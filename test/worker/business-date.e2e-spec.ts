import { randomBytes } from 'node:crypto';
import { Clock, readEnvironment, SettableClock } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import {
  businessDateQueue,
  endOfDayQueue,
  journalSealingQueue,
  rollBusinessDatesJob,
} from '../../apps/worker/src/queues';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

describe("worker: business dates roll at each cooperative's local midnight", () => {
  let db: TestDatabase;
  let worker: TestingModule;
  const clock = new SettableClock('2026-11-20T10:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = readEnvironment({
      DATABASE_URL: db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      LOG_LEVEL: 'silent',
    });
    worker = await Test.createTestingModule({
      imports: [
        WorkerModule.forRoot(env, {
          queuePrefix: `lumbung-test-${randomBytes(4).toString('hex')}`,
        }),
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    const cooperatives = worker.get(CooperativeService);
    await worker.get(TransactionScope).run(async (tx) => {
      for (const [code, timeZone] of [
        ['KSP-MKS', 'Asia/Makassar'],
        ['KSP-JKT', 'Asia/Jakarta'],
      ]) {
        await cooperatives.create(tx, {
          code,
          name: code,
          country: 'ID',
          timeZone,
          functionalCurrency: 'IDR',
        });
      }
    });
  });

  afterAll(async () => {
    for (const queue of [businessDateQueue, journalSealingQueue, endOfDayQueue]) {
      await worker.get<Queue>(getQueueToken(queue)).obliterate({ force: true });
    }
    await worker.close();
    await db.drop();
  });

  async function businessDates(): Promise<Record<string, string>> {
    const rows = await worker
      .get(TransactionScope)
      .run((tx) =>
        tx.query<{ code: string; business_date: string }>(
          'SELECT code, business_date FROM cooperative',
        ),
      );
    return Object.fromEntries(rows.map((r) => [r.code, r.business_date]));
  }

  it('registers its job scheduler and rolls only the zones past midnight', async () => {
    expect(await businessDates()).toEqual({ 'KSP-MKS': '2026-11-20', 'KSP-JKT': '2026-11-20' });
    // 16:30 UTC is 00:30 on the 21st in Makassar (UTC+8) and still 23:30 on the 20th in Jakarta.
    clock.set('2026-11-20T16:30:00Z');
    await worker.init();
    const queue = worker.get<Queue>(getQueueToken(businessDateQueue));
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain(rollBusinessDatesJob);
    await queue.add(rollBusinessDatesJob, {});
    const deadline = Date.now() + 15_000;
    while ((await businessDates())['KSP-MKS'] !== '2026-11-21' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await businessDates()).toEqual({ 'KSP-MKS': '2026-11-21', 'KSP-JKT': '2026-11-20' });
    const audit = await worker
      .get(TransactionScope)
      .run((tx) =>
        tx.query<{ before: unknown; after: unknown }>(
          `SELECT before, after FROM audit_log WHERE action = 'ledger.business-date.roll'`,
        ),
      );
    expect(audit).toEqual([
      { before: { businessDate: '2026-11-20' }, after: { businessDate: '2026-11-21' } },
    ]);
  });
});
