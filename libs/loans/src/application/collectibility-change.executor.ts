import { ApprovalRegistry, SettingsChangeExecutor } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { type CollectibilitySettings, parseCollectibility } from '../domain/collectibility';
import { collectibilityOf, saveCollectibility } from '../infrastructure/quality-store';

export const collectibilityChangeType = 'loans.collectibility.set';

/**
 * The collectibility preset, the provision rates and the collateral credit change with a second
 * manager's approval; the next end of day grades and provisions every running loan by them.
 */
@Injectable()
export class CollectibilityChangeExecutor extends SettingsChangeExecutor<CollectibilitySettings> {
  readonly type = collectibilityChangeType;
  protected readonly targetType = 'loan_collectibility_settings';

  constructor(registry: ApprovalRegistry, audit: AuditLog) {
    super(registry, audit);
  }

  protected async parse(_tx: Tx, _cooperativeId: string, payload: unknown) {
    const settings = parseCollectibility(payload);
    const rates = Object.entries(settings.provisionRates)
      .map(([grade, rate]) => `${grade} ${rate}`)
      .join(', ');
    return { settings, summary: `Collectibility: ${settings.preset} preset (${rates})` };
  }

  protected current(tx: Tx, cooperativeId: string): Promise<unknown> {
    return collectibilityOf(tx, cooperativeId);
  }

  protected save(tx: Tx, cooperativeId: string, settings: CollectibilitySettings): Promise<void> {
    return saveCollectibility(tx, cooperativeId, settings);
  }
}
