import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  SettingsChangeExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import { InvalidInputError, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { type ExposureLimitChange, parseExposureLimit } from '../domain/exposure';
import { type CrossBorderSettings, parseSettings } from '../domain/settings';
import { limitOf, saveLimit, saveSettings, settingsOf } from '../infrastructure/limits-store';
import { partnerById } from '../infrastructure/partner-store';

export const exposureLimitChangeType = 'cross-border.exposure-limit.set';
export const crossBorderSettingsChangeType = 'cross-border.settings.set';

/** An exposure limit per partner or per country takes effect when a second manager approves. */
@Injectable()
export class ExposureLimitChangeExecutor extends RegisteredExecutor {
  readonly type = exposureLimitChangeType;
  readonly defaultRule = oneManagerApproves;

  constructor(
    registry: ApprovalRegistry,
    private readonly cooperatives: CooperativeService,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const { change, currency } = await this.parse(tx, input.cooperativeId, input.payload);
    const target = change.scope === 'partner' ? `partner ${change.partnerId}` : change.country;
    return {
      payload: change,
      summary: `Exposure limit for ${target}: ${change.amount} ${currency}`,
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const { cooperativeId } = record;
    const { change, currency } = await this.parse(tx, cooperativeId, record.payload);
    const before = await limitOf(tx, cooperativeId, change);
    await saveLimit(tx, cooperativeId, {
      ...change,
      id: uuidv7(),
      currency,
      approvalRequestId: record.id,
    });
    const after = await limitOf(tx, cooperativeId, change);
    await this.audit.record(tx, {
      cooperativeId,
      action: exposureLimitChangeType,
      targetType: 'exposure_limit',
      targetId: after!.id,
      before,
      after,
      reason: record.reason ?? undefined,
    });
    return after;
  }

  private async parse(
    tx: Tx,
    cooperativeId: string,
    payload: unknown,
  ): Promise<{ change: ExposureLimitChange; currency: string }> {
    const { functionalCurrency } = await this.cooperatives.byId(tx, cooperativeId);
    const change = parseExposureLimit(payload, functionalCurrency);
    if (change.scope === 'partner' && !(await partnerById(tx, cooperativeId, change.partnerId))) {
      throw new InvalidInputError('The exposure limit is not valid', [
        { field: 'partnerId', message: 'a partner cooperative of this cooperative' },
      ]);
    }
    return { change, currency: functionalCurrency };
  }
}

/** The supervisor threshold for facilities changes when a second manager approves. */
@Injectable()
export class CrossBorderSettingsChangeExecutor extends SettingsChangeExecutor<CrossBorderSettings> {
  readonly type = crossBorderSettingsChangeType;
  protected readonly targetType = 'cross_border_settings';

  constructor(
    registry: ApprovalRegistry,
    private readonly cooperatives: CooperativeService,
    audit: AuditLog,
  ) {
    super(registry, audit);
  }

  protected async parse(tx: Tx, cooperativeId: string, payload: unknown) {
    const { functionalCurrency } = await this.cooperatives.byId(tx, cooperativeId);
    const settings = parseSettings(payload, functionalCurrency);
    return {
      settings,
      summary: `Cross-border facilities above ${settings.supervisorThreshold} ${functionalCurrency} also need a supervisor`,
    };
  }

  protected current(tx: Tx, cooperativeId: string): Promise<unknown> {
    return settingsOf(tx, cooperativeId);
  }

  protected save(tx: Tx, cooperativeId: string, settings: CrossBorderSettings): Promise<void> {
    return saveSettings(tx, cooperativeId, settings);
  }

  protected override async result(tx: Tx, cooperativeId: string, settings: CrossBorderSettings) {
    const { functionalCurrency } = await this.cooperatives.byId(tx, cooperativeId);
    return { ...settings, currency: functionalCurrency };
  }
}
