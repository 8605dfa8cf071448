import { ApprovalRegistry, SettingsChangeExecutor } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { type LimitFractions, parseLimitFractions } from '../domain/lending-limits';
import { lendingLimitsOf, saveLendingLimits } from '../infrastructure/settings-store';

export const lendingLimitsChangeType = 'loans.limits.set';

/** Lending limits (BMPP) change with a second manager's approval. */
@Injectable()
export class LendingLimitsChangeExecutor extends SettingsChangeExecutor<LimitFractions> {
  readonly type = lendingLimitsChangeType;
  protected readonly targetType = 'loan_settings';

  constructor(registry: ApprovalRegistry, audit: AuditLog) {
    super(registry, audit);
  }

  protected async parse(_tx: Tx, _cooperativeId: string, payload: unknown) {
    const settings = parseLimitFractions(payload);
    return {
      settings,
      summary: `Lending limits: related parties ${settings.relatedPartyLimit}, one borrower ${settings.singleBorrowerLimit ?? 'none'} of own capital`,
    };
  }

  protected current(tx: Tx, cooperativeId: string): Promise<unknown> {
    return lendingLimitsOf(tx, cooperativeId);
  }

  protected save(tx: Tx, cooperativeId: string, settings: LimitFractions): Promise<void> {
    return saveLendingLimits(tx, cooperativeId, settings);
  }
}
