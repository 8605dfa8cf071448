import { ApprovalRegistry, SettingsChangeExecutor } from '@lumbung/approvals';
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
export class SavingsSettingsChangeExecutor extends SettingsChangeExecutor<SavingsSettings> {
  readonly type = settingsChangeType;
  protected readonly targetType = 'savings_settings';

  constructor(
    registry: ApprovalRegistry,
    private readonly days: BusinessDayService,
    audit: AuditLog,
  ) {
    super(registry, audit);
  }

  protected async parse(tx: Tx, cooperativeId: string, payload: unknown) {
    const raw = (payload ?? {}) as Record<string, unknown>;
    const currency = await this.currencyOf(tx, cooperativeId);
    const problems: FieldProblem[] = [];
    const settings: SavingsSettings = {
      tellerLimit: limitOf(raw.tellerLimit ?? null, 'tellerLimit', currency, problems),
      cashReportThreshold: limitOf(
        raw.cashReportThreshold ?? null,
        'cashReportThreshold',
        currency,
        problems,
      ),
      cashRoundingUnit: limitOf(
        raw.cashRoundingUnit ?? null,
        'cashRoundingUnit',
        currency,
        problems,
      ),
    };
    if (problems.length > 0) throw new InvalidInputError('The settings are not valid', problems);
    return {
      settings,
      summary: `Teller limit ${settings.tellerLimit ?? 'none'}, cash threshold ${settings.cashReportThreshold ?? 'none'}, cash unit ${settings.cashRoundingUnit ?? 'none'} ${currency}`,
    };
  }

  protected async current(tx: Tx, cooperativeId: string): Promise<unknown> {
    return settingsOf(tx, cooperativeId, await this.currencyOf(tx, cooperativeId));
  }

  protected save(tx: Tx, cooperativeId: string, settings: SavingsSettings): Promise<void> {
    return saveSettings(tx, cooperativeId, settings);
  }

  private async currencyOf(tx: Tx, cooperativeId: string): Promise<string> {
    return (await this.days.enter(tx, cooperativeId, 'shared')).functionalCurrency;
  }
}
