import { AuditLog } from '@lumbung/audit';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import type { ApprovalRequestRecord } from '../domain/approval-request';
import type { ApprovalRule } from '../domain/approval-rule';
import type { PreparedAction } from '../domain/prepared-action';
import { parseRuleSetPayload, type RuleSetPayload, ruleSetType } from '../domain/rule-set-payload';
import { readTiers, replaceTiers } from '../infrastructure/rule-store';
import type { ApprovalExecutor } from './approval-executor';
import { ApprovalRegistry } from './approval-registry';
import { oneManagerApproves } from './registered-executor';

/** Changes a cooperative's approval tiers for one action type, once a manager approved it. */
@Injectable()
export class RuleSetExecutor implements ApprovalExecutor {
  readonly type = ruleSetType;
  readonly defaultRule: ApprovalRule = oneManagerApproves;

  constructor(
    private readonly registry: ApprovalRegistry,
    private readonly audit: AuditLog,
  ) {}

  async prepare(_tx: Tx, input: { payload: unknown }): Promise<PreparedAction> {
    const change = this.parse(input.payload);
    return { payload: change, summary: summarise(change) };
  }

  async execute(tx: Tx, request: ApprovalRequestRecord): Promise<RuleSetPayload> {
    // Checked again: the governed type's executor may have changed since submission.
    const change = this.parse(request.payload);
    const before = await readTiers(tx, request.cooperativeId, change.type);
    await replaceTiers(tx, request.cooperativeId, change.type, change.tiers);
    await this.audit.record(tx, {
      cooperativeId: request.cooperativeId,
      action: 'approvals.rule.set',
      targetType: 'approval_rule',
      targetId: change.type,
      before: { tiers: before.get(change.type) ?? [] },
      after: { tiers: change.tiers },
      actorId: request.decisions.at(-1)?.approverId,
    });
    return change;
  }

  private parse(payload: unknown): RuleSetPayload {
    return parseRuleSetPayload(payload, (type) => {
      const executor = this.registry.find(type);
      return executor && { movesMoney: executor.movesMoney ?? false };
    });
  }
}

function summarise(change: RuleSetPayload): string {
  if (change.tiers.length === 0) return `Reset the approval rule of ${change.type} to its default`;
  const tiers = change.tiers.map(
    (t) => `from ${t.minEquivalent}: ${t.requiredApprovals} of ${t.approverRoles.join('/')}`,
  );
  return `Set the approval rule of ${change.type}: ${tiers.join('; ')}`;
}
