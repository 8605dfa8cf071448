import { randomBytes } from 'node:crypto';
import { Money, readEnvironment } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import {
  ChartService,
  ChainVerificationService,
  CooperativeService,
  PostingService,
} from '@lumbung/ledger';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { endOfDayQueue, journalSealingQueue, sealJournalsJob } from '../../apps/worker/src/queues';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

describe('worker: the journal is sealed every few seconds', () => {
  let db: TestDatabase;
  let worker: TestingModule;
  let cooperativeIds: string[];

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
    }).compile();
    const scope = worker.get(TransactionScope);
    cooperativeIds = await scope.run(async (tx) => {
      const ids: string[] = [];
      for (const code of ['KSP-SEAL-A', 'KSP-SEAL-B']) {
        const cooperative = await worker.get(CooperativeService).create(tx, {
          code,
          name: code,
          country: 'ID',
          timeZone: 'Asia/Makassar',
          functionalCurrency: 'IDR',
        });
        ids.push(cooperative.id);
      }
      return ids;
    });
    for (const cooperativeId of cooperativeIds) {
      await scope.run(async (tx) => {
        const charts = worker.get(ChartService);
        const vault = (await charts.accountByCode(tx, cooperativeId, '1-1101')).id;
        const equity = (await charts.accountByCode(tx, cooperativeId, '3-3901')).id;
        const drafts = ['100.00', '250.50', '75.25'].map((amount) => ({
          description: `opening cash ${amount}`,
          source: { type: 'test' },
          postings: [
            { accountId: vault, amount: Money.parse(amount, 'IDR') },
            { accountId: equity, amount: Money.parse(amount, 'IDR').negated() },
          ],
        }));
        await worker.get(PostingService).postBatch(tx, cooperativeId, drafts);
      });
    }
  });

  afterAll(async () => {
    await worker.get<Queue>(getQueueToken(journalSealingQueue)).obliterate({ force: true });
    await worker.get<Queue>(getQueueToken(endOfDayQueue)).obliterate({ force: true });
    await worker.close();
    await db.drop();
  });

  async function sealedEntries(): Promise<number> {
    const [row] = await worker
      .get(TransactionScope)
      .run((tx) => tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM journal_block_entry`));
    return Number(row.n);
  }

  it('registers its job scheduler and seals every cooperative', async () => {
    expect(await sealedEntries()).toBe(0);
    await worker.init();
    const queue = worker.get<Queue>(getQueueToken(journalSealingQueue));
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain(sealJournalsJob);
    const deadline = Date.now() + 45_000;
    while ((await sealedEntries()) < 6 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await sealedEntries()).toBe(6);
    for (const cooperativeId of cooperativeIds) {
      expect(await worker.get(ChainVerificationService).verify(cooperativeId)).toMatchObject({
        ok: true,
        sealedEntries: 3,
      });
    }
  });
});
