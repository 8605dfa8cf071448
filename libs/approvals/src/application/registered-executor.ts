import type { Tx } from '@lumbung/database';
import type { OnModuleInit } from '@nestjs/common';
import type { ApprovalRequestRecord } from '../domain/approval-request';
import type { ApprovalRule } from '../domain/approval-rule';
import type { PreparedAction } from '../domain/prepared-action';
import type { ApprovalExecutor } from './approval-executor';
import type { ApprovalRegistry } from './approval-registry';

/** The usual rule: one approval by a manager other than the maker. */
export const oneManagerApproves: ApprovalRule = {
  requiredApprovals: 1,
  approverRoles: ['manager'],
};

/**
 * An executor that hands itself to the registry when its domain module starts: a domain extends
 * it, names its type and rule, and writes prepare and execute.
 */
export abstract class RegisteredExecutor implements ApprovalExecutor, OnModuleInit {
  abstract readonly type: string;
  abstract readonly defaultRule: ApprovalRule;

  protected constructor(private readonly registry: ApprovalRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  abstract prepare(
    tx: Tx,
    input: { readonly cooperativeId: string; readonly makerId: string; readonly payload: unknown },
  ): Promise<PreparedAction>;

  abstract execute(tx: Tx, request: ApprovalRequestRecord): Promise<unknown>;
}
