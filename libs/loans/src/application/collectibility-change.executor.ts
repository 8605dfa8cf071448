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
import { parseCollectibility } from '../domain/collectibility';
import { collectibilityOf, saveCollectibility } from '../infrastructure/quality-store';

export const collectibilityChangeType = 'loans.collectibility.set';

/**
 * The collectibility preset, the provision rates and the collateral credit change with a second
 * manager's approval; the next end of day grades and provisions every running loan by them.
 */
@Injectable()
export class CollectibilityChangeExecutor extends RegisteredExecutor {
  readonly type = collectibilityChangeType;
  readonly defaultRule = oneManagerApproves;

  constructor(
    registry: ApprovalRegistry,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(_tx: Tx, input: { payload: unknown }): Promise<PreparedAction> {
    const settings = parseCollectibility(input.payload);
    const rates = Object.entries(settings.provisionRates)
      .map(([grade, rate]) => `${grade} ${rate}`)
      .join(', ');
    return { payload: settings, summary: `Collectibility: ${settings.preset} preset (${rates})` };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const settings = parseCollectibility(record.payload);
    const before = await collectibilityOf(tx, record.cooperativeId);
    await saveCollectibility(tx, record.cooperativeId, settings);
    await this.audit.record(tx, {
      cooperativeId: record.cooperativeId,
      action: collectibilityChangeType,
      targetType: 'loan_collectibility_settings',
      targetId: record.cooperativeId,
      before,
      after: settings,
      reason: record.reason ?? undefined,
    });
    return settings;
  }
}
