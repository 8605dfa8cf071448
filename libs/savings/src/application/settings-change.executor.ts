import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import { type FieldProblem, InvalidInputError, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { BusinessDayService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { type SavingsSettings, saveSettings, settingsOf } from '../infrastructure/settings-store';

export const settingsChangeType = 'savings.settings.set';

function limitOf(value: unknown, field: string, currency: string, problems: FieldProblem[]) {
  if (value === null) return null;
  try {
    const money = Money.parse(value, currency, field);
    if (money.isPositive()) return money.toString();
    problems.push({ field, message: 'above zero, or null for none' });
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    problems.push(...error.errors);
  }
  return null;
}

/** The teller limit and the cash reporting threshold: a second manager agrees to a change. */
@Injectable()
export class SettingsChangeExecutor extends RegisteredExecutor {
  readonly type = settingsChangeType;
  readonly defaultRule = oneManagerApproves;

  constructor(
    registry: ApprovalRegistry,
    private readonly days: BusinessDayService,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const raw = (input.payload ?? {}) as Record<string, unknown>;
    const { functionalCurrency } = await this.days.enter(tx, input.cooperativeId, 'shared');
    const problems: FieldProblem[] = [];
    const settings: SavingsSettings = {
      tellerLimit: limitOf(raw.tellerLimit ?? null, 'tellerLimit', functionalCurrency, problems),
      cashReportThreshold: limitOf(
        raw.cashReportThreshold ?? null,
        'cashReportThreshold',
        functionalCurrency,
        problems,
      ),
      cashRoundingUnit: limitOf(
        raw.cashRoundingUnit ?? null,
        'cashRoundingUnit',
        functionalCurrency,
        problems,
      ),
    };
    if (problems.length > 0) throw new InvalidInputError('The settings are not valid', problems);
    return {
      payload: settings,
      summary: `Teller limit ${settings.tellerLimit ?? 'none'}, cash threshold ${settings.cashReportThreshold ?? 'none'}, cash unit ${settings.cashRoundingUnit ?? 'none'} ${functionalCurrency}`,
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const { functionalCurrency } = await this.days.enter(tx, record.cooperativeId, 'shared');
    const before = await settingsOf(tx, record.cooperativeId, functionalCurrency);
    const after = record.payload as SavingsSettings;
    await saveSettings(tx, record.cooperativeId, after);
    await this.audit.record(tx, {
      cooperativeId: record.cooperativeId,
      action: 'savings.settings.set',
      targetType: 'savings_settings',
      targetId: record.cooperativeId,
      before,
      after,
      reason: record.reason ?? undefined,
    });
    return after;
  }
}
