import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { parseLimitFractions } from '../domain/lending-limits';
import { lendingLimitsOf, saveLendingLimits } from '../infrastructure/settings-store';

export const lendingLimitsChangeType = 'loans.limits.set';

/** Lending limits (BMPP) change with a second manager's approval. */
@Injectable()
export class LendingLimitsChangeExecutor extends RegisteredExecutor {
  readonly type = lendingLimitsChangeType;
  readonly defaultRule = oneManagerApproves;

  constructor(
    registry: ApprovalRegistry,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(_tx: Tx, input: { payload: unknown }): Promise<PreparedAction> {
    const limits = parseLimitFractions(input.payload);
    return {
      payload: limits,
      summary: `Lending limits: related parties ${limits.relatedPartyLimit}, one borrower ${limits.singleBorrowerLimit ?? 'none'} of own capital`,
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const limits = parseLimitFractions(record.payload);
    const before = await lendingLimitsOf(tx, record.cooperativeId);
    await saveLendingLimits(tx, record.cooperativeId, limits);
    await this.audit.record(tx, {
      cooperativeId: record.cooperativeId,
      action: lendingLimitsChangeType,
      targetType: 'loan_settings',
      targetId: record.cooperativeId,
      before,
      after: limits,
      reason: record.reason ?? undefined,
    });
    return limits;
  }
}
