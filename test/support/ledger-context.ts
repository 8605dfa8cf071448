import { AuditModule } from '@lumbung/audit';
import { Clock, Money, SettableClock } from '@lumbung/core';
import { DatabaseModule, TransactionScope, type Tx } from '@lumbung/database';
import {
  ChartService,
  type Cooperative,
  CooperativeService,
  type EntryDraft,
  LedgerModule,
  LedgerQueryService,
  PeriodService,
  PostingService,
  ReversalService,
  BusinessDayService,
} from '@lumbung/ledger';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Client } from 'pg';
import { kspNamed } from './cooperatives';
import { connectAs, createTestDatabase, type TestDatabase } from './postgres';

/** A ledger wired as the api wires it, on the suite's own database, as the application role. */
export class LedgerContext {
  private constructor(
    readonly db: TestDatabase,
    readonly module: TestingModule,
    readonly clock: SettableClock,
  ) {}

  static async start(now = '2026-11-20T02:00:00Z'): Promise<LedgerContext> {
    const db = await createTestDatabase();
    const clock = new SettableClock(now);
    const module = await Test.createTestingModule({
      imports: [
        DatabaseModule.forRoot({ url: db.appUrl, applicationName: 'lumbung-test', poolSize: 20 }),
        AuditModule,
        LedgerModule,
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    await module.init();
    return new LedgerContext(db, module, clock);
  }

  get scope(): TransactionScope {
    return this.module.get(TransactionScope);
  }
  get posting(): PostingService {
    return this.module.get(PostingService);
  }
  get reversals(): ReversalService {
    return this.module.get(ReversalService);
  }
  get queries(): LedgerQueryService {
    return this.module.get(LedgerQueryService);
  }
  get charts(): ChartService {
    return this.module.get(ChartService);
  }
  get periods(): PeriodService {
    return this.module.get(PeriodService);
  }
  get days(): BusinessDayService {
    return this.module.get(BusinessDayService);
  }
  get cooperatives(): CooperativeService {
    return this.module.get(CooperativeService);
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.scope.run(work);
  }

  async cooperative(
    code: string,
    overrides: Partial<Parameters<CooperativeService['create']>[1]> = {},
  ): Promise<Cooperative> {
    return this.run((tx) => this.cooperatives.create(tx, kspNamed(code, overrides)));
  }

  async accountId(cooperativeId: string, code: string): Promise<string> {
    return (await this.run((tx) => this.charts.accountByCode(tx, cooperativeId, code))).id;
  }

  /** A member's voluntary savings leaf (floor zero) under the Simpanan Sukarela heading. */
  async savingsAccount(
    cooperativeId: string,
    code: string,
    floor = '0',
    currency = 'IDR',
  ): Promise<string> {
    const parentId = await this.accountId(cooperativeId, '2-1');
    const leaf = await this.run((tx) =>
      this.charts.openLeaf(tx, cooperativeId, {
        parentId,
        code,
        name: `Tabungan ${code}`,
        currency,
        floor,
        holder: 'member',
      }),
    );
    return leaf.id;
  }

  transfer(
    debit: string,
    credit: string,
    amount: string,
    extra: Partial<EntryDraft> = {},
    currency = 'IDR',
  ): EntryDraft {
    return {
      description: `transfer ${amount}`,
      source: { type: 'test' },
      postings: [
        { accountId: debit, amount: Money.parse(amount, currency) },
        { accountId: credit, amount: Money.parse(amount, currency).negated() },
      ],
      ...extra,
    };
  }

  async balanceOf(cooperativeId: string, accountId: string): Promise<string> {
    const result = await this.run((tx) => this.queries.balance(tx, cooperativeId, accountId));
    return result.balances[0]?.balance ?? '0.00';
  }

  async owner<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return connectAs(this.db.ownerUrl, work);
  }

  async app<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return connectAs(this.db.appUrl, work);
  }

  async close(): Promise<void> {
    await this.module.close();
    await this.db.drop();
  }
}
