import {
  type Actor,
  type ApprovalExecutor,
  type ApprovalRequestRecord,
  ApprovalRegistry,
  ApprovalRuleService,
  ApprovalsModule,
  ApprovalService,
  type PreparedAction,
  ruleSetType,
  type RuleTier,
} from '@lumbung/approvals';
import { AuditModule } from '@lumbung/audit';
import { Money, uuidv7 } from '@lumbung/core';
import { DatabaseModule, TransactionScope, type Tx } from '@lumbung/database';
import { type Cooperative, CooperativeService, LedgerModule } from '@lumbung/ledger';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Client } from 'pg';
import { kspNamed } from '../support/cooperatives';
import { connectAs, createTestDatabase, type TestDatabase } from '../support/postgres';

/**
 * A money-moving action for tests: its effect is a row in `test_transfer_done`, so a rolled-back
 * execution leaves none, and `calls` counts every execution attempted.
 */
export class TransferExecutor implements ApprovalExecutor {
  readonly type = 'test.transfer';
  readonly movesMoney = true;
  readonly defaultRule = {
    requiredApprovals: 2,
    approverRoles: ['manager', 'supervisor', 'admin'],
  };
  readonly calls: string[] = [];
  failNext = false;

  async prepare(_tx: Tx, input: { payload: unknown }): Promise<PreparedAction> {
    const payload = input.payload as { amount: string; beneficiaryId?: string };
    const amount = Money.parse(payload.amount, 'IDR');
    return {
      payload: { amount: amount.toString(), beneficiaryId: payload.beneficiaryId ?? null },
      summary: `Transfer ${amount.toString()} IDR`,
      amount: amount.toJSON(),
      functionalEquivalent: amount.toString(),
      excludedApprovers: payload.beneficiaryId ? [payload.beneficiaryId] : [],
    };
  }

  async execute(tx: Tx, request: ApprovalRequestRecord): Promise<unknown> {
    this.calls.push(request.id);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the transfer failed');
    }
    await tx.query(`INSERT INTO test_transfer_done (cooperative_id, request_id) VALUES ($1, $2)`, [
      request.cooperativeId,
      request.id,
    ]);
    return { transferred: request.amount };
  }
}

/** An action without money, approvable by admins. */
export class NoteExecutor implements ApprovalExecutor {
  readonly type = 'test.note';
  readonly defaultRule = { requiredApprovals: 1, approverRoles: ['manager', 'admin'] };

  async prepare(_tx: Tx, input: { payload: unknown }): Promise<PreparedAction> {
    return { payload: input.payload, summary: 'Note' };
  }

  async execute(): Promise<unknown> {
    return { noted: true };
  }
}

export const person = (...roles: string[]): Actor => ({ id: uuidv7(), roles });

/** The approvals engine wired as an app wires it, on the suite's own database, as the app role. */
export class ApprovalsContext {
  readonly transfers = new TransferExecutor();

  private constructor(
    readonly db: TestDatabase,
    readonly module: TestingModule,
  ) {}

  static async start(): Promise<ApprovalsContext> {
    const db = await createTestDatabase();
    await connectAs(db.ownerUrl, (owner) =>
      owner.query(`
        CREATE TABLE test_transfer_done (cooperative_id uuid, request_id uuid,
                                         PRIMARY KEY (cooperative_id, request_id));
        GRANT SELECT, INSERT ON test_transfer_done TO lumbung_application`),
    );
    const module = await Test.createTestingModule({
      imports: [
        DatabaseModule.forRoot({ url: db.appUrl, applicationName: 'lumbung-test', poolSize: 20 }),
        AuditModule,
        LedgerModule,
        ApprovalsModule,
      ],
    }).compile();
    await module.init();
    const ctx = new ApprovalsContext(db, module);
    ctx.registry.register(ctx.transfers);
    ctx.registry.register(new NoteExecutor());
    return ctx;
  }

  get scope(): TransactionScope {
    return this.module.get(TransactionScope);
  }
  get approvals(): ApprovalService {
    return this.module.get(ApprovalService);
  }
  get rules(): ApprovalRuleService {
    return this.module.get(ApprovalRuleService);
  }
  get registry(): ApprovalRegistry {
    return this.module.get(ApprovalRegistry);
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.scope.run(work);
  }

  async cooperative(code: string): Promise<Cooperative> {
    return this.run((tx) => this.module.get(CooperativeService).create(tx, kspNamed(code)));
  }

  /** Changes a cooperative's rule the only way there is: a request a manager approves. */
  async setRule(cooperativeId: string, type: string, tiers: readonly RuleTier[]): Promise<void> {
    const request = await this.run((tx) =>
      this.approvals.submit(tx, {
        cooperativeId,
        type: ruleSetType,
        payload: { type, tiers },
        maker: person('manager'),
      }),
    );
    await this.run((tx) =>
      this.approvals.approve(tx, {
        cooperativeId,
        requestId: request.id,
        approver: person('manager'),
      }),
    );
  }

  async transfersDone(requestId: string): Promise<number> {
    const rows = await this.owner((o) =>
      o.query('SELECT count(*)::int AS n FROM test_transfer_done WHERE request_id = $1', [
        requestId,
      ]),
    );
    return rows.rows[0].n;
  }

  owner<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return connectAs(this.db.ownerUrl, work);
  }

  app<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return connectAs(this.db.appUrl, work);
  }

  async close(): Promise<void> {
    await this.module.close();
    await this.db.drop();
  }
}
