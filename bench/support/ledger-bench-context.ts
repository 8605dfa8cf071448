import { AuditModule } from '@lumbung/audit';
import { Decimal, Money } from '@lumbung/core';
import { DatabaseModule, TransactionScope } from '@lumbung/database';
import {
  CoalescingWriter,
  CooperativeService,
  type EntryDraft,
  LedgerModule,
  PostingService,
} from '@lumbung/ledger';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { migrateDatabase } from '../../migrations/migrate';
import { databaseUrl, dropDatabase, recreateDatabase } from './databases';
import { note } from './report';

const database = 'lumbung_bench_ledger';

/** A migrated database with one cooperative, `accounts` funded member leaves and the vault. */
export class LedgerBenchContext {
  private constructor(
    readonly app: INestApplicationContext,
    readonly ownerUrl: string,
    readonly cooperativeId: string,
    readonly members: readonly string[],
    readonly vault: string,
  ) {}

  static async start(accounts: number, poolSize: number): Promise<LedgerBenchContext> {
    await recreateDatabase(database);
    const ownerUrl = databaseUrl(database);
    const appUrl = databaseUrl(database, 'lumbung_bench_app', 'bench');
    await migrateDatabase(ownerUrl, appUrl);
    const app = await NestFactory.createApplicationContext(
      {
        module: class BenchModule {},
        imports: [
          DatabaseModule.forRoot({ url: appUrl, applicationName: 'lumbung-bench', poolSize }),
          AuditModule,
          LedgerModule,
        ],
      },
      { logger: ['error'] },
    );
    const scope = app.get(TransactionScope);
    const cooperative = await scope.run((tx) =>
      app.get(CooperativeService).create(tx, {
        code: 'KSP-BENCH',
        name: 'Koperasi Bench',
        country: 'ID',
        timeZone: 'Asia/Makassar',
        functionalCurrency: 'IDR',
      }),
    );
    note(`opening ${accounts} member accounts`);
    const { members, vault } = await openMemberAccounts(ownerUrl, cooperative.id, accounts);
    const context = new LedgerBenchContext(app, ownerUrl, cooperative.id, members, vault);
    await context.fund('1000000.00');
    await analyze(ownerUrl);
    return context;
  }

  get scope(): TransactionScope {
    return this.app.get(TransactionScope);
  }

  get posting(): PostingService {
    return this.app.get(PostingService);
  }

  get writer(): CoalescingWriter {
    return this.app.get(CoalescingWriter);
  }

  transfer(debit: string, credit: string, amount = '1.00'): EntryDraft {
    return {
      description: 'bench transfer',
      source: { type: 'bench' },
      postings: [
        { accountId: debit, amount: Money.parse(amount, 'IDR') },
        { accountId: credit, amount: Money.parse(amount, 'IDR').negated() },
      ],
    };
  }

  randomMember(): string {
    return this.members[Math.floor(Math.random() * this.members.length)];
  }

  /** Deposits into every member account through the ledger itself, 999 members per entry. */
  private async fund(each: string): Promise<void> {
    const perEntry = 999;
    const drafts: EntryDraft[] = [];
    for (let i = 0; i < this.members.length; i += perEntry) {
      const chunk = this.members.slice(i, i + perEntry);
      const total = Money.of(new Decimal(each).times(chunk.length), 'IDR');
      drafts.push({
        description: 'bench opening deposits',
        source: { type: 'bench' },
        postings: [
          { accountId: this.vault, amount: total },
          ...chunk.map((accountId) => ({ accountId, amount: Money.parse(each, 'IDR').negated() })),
        ],
      });
    }
    for (let i = 0; i < drafts.length; i += 10) {
      await this.scope.run((tx) =>
        this.posting.postBatch(tx, this.cooperativeId, drafts.slice(i, i + 10)),
      );
    }
    note(`funded ${this.members.length} accounts with ${each} each`);
  }

  async close(): Promise<void> {
    await this.app.close();
    await dropDatabase(database);
  }
}

/** Fresh statistics after seeding, as a production database keeps them (autovacuum). */
async function analyze(ownerUrl: string): Promise<void> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('ANALYZE');
  } finally {
    await owner.end();
  }
}

/** Seeding only: member leaves opened set-based as the owner; every posting goes through the ledger. */
async function openMemberAccounts(
  ownerUrl: string,
  cooperativeId: string,
  count: number,
): Promise<{ members: string[]; vault: string }> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    // One statement grows the chart from 80 accounts to 100,000: plans cached for the foreign-key
    // checks while the table was small would scan it for every row.
    await owner.query('SET plan_cache_mode = force_custom_plan');
    const { rows } = await owner.query<{ id: string }>(
      `WITH heading AS (SELECT id FROM account WHERE cooperative_id = $1 AND code = '2-1'),
       opened AS (
         INSERT INTO account (cooperative_id, id, code, name, class, normal_side, parent_id, is_leaf, currency, holder)
         SELECT $1, gen_random_uuid(), '2-1-' || lpad(g::text, 7, '0'), 'Tabungan ' || g, 'liability', 'credit',
                heading.id, true, 'IDR', 'member'
           FROM generate_series(1, $2::int) g, heading
         RETURNING id),
       balances AS (
         INSERT INTO ledger_balance (cooperative_id, account_id, currency, normal_sign, floor)
         SELECT $1, id, 'IDR', -1, 0 FROM opened)
       SELECT id FROM opened`,
      [cooperativeId, count],
    );
    const vault = await owner.query<{ id: string }>(
      `SELECT id FROM account WHERE cooperative_id = $1 AND code = '1-1101'`,
      [cooperativeId],
    );
    return { members: rows.map((r) => r.id), vault: vault.rows[0].id };
  } finally {
    await owner.end();
  }
}
