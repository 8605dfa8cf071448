import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import { ConflictError, uuidv7 } from '@lumbung/core';
import { sqlState, sqlStates, type Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { type FxRateInput, parseFxRates } from '../domain/fx-rate';
import { existingRates, insertRates } from '../infrastructure/fx-rate-store';

export const fxRatesChangeType = 'cross-border.fx-rates.set';

/**
 * FX rates, entered by hand or imported from a file, take effect together when a second
 * manager approves: all of them or none. A rate once set is never changed, since postings name
 * the rate they used; a pair already rated on a day is refused (409 `fx-rate-exists`).
 */
@Injectable()
export class FxRatesChangeExecutor extends RegisteredExecutor {
  readonly type = fxRatesChangeType;
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
    const rates = await this.parse(tx, input.cooperativeId, input.payload);
    const pairs = [...new Set(rates.map((r) => `${r.base}/${r.quote}`))].join(', ');
    const days = [...new Set(rates.map((r) => r.date))].sort();
    return {
      payload: { rates },
      summary:
        `FX rates: ${rates.length} rate${rates.length === 1 ? '' : 's'} (${pairs}) for ${days[0]}${days.length > 1 ? ` to ${days[days.length - 1]}` : ''}`.slice(
          0,
          500,
        ),
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const rates = (await this.parse(tx, record.cooperativeId, record.payload)).map((rate) => ({
      ...rate,
      id: uuidv7(),
    }));
    try {
      await insertRates(tx, record.cooperativeId, record.id, rates);
    } catch (error) {
      // Another request for the same pair and day was approved in between.
      if (sqlState(error) !== sqlStates.uniqueViolation) throw error;
      throw rateSetMeanwhile();
    }
    await this.audit.record(tx, {
      cooperativeId: record.cooperativeId,
      action: fxRatesChangeType,
      targetType: 'fx_rate',
      targetId: record.id,
      after: { rates },
      reason: record.reason ?? undefined,
    });
    return { rates };
  }

  private async parse(tx: Tx, cooperativeId: string, payload: unknown): Promise<FxRateInput[]> {
    const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
    const rates = parseFxRates(payload, businessDate);
    const existing = await existingRates(tx, cooperativeId, rates);
    if (existing.length > 0) {
      throw new ConflictError(
        'fx-rate-exists',
        'FX rate already set',
        `${existing.length} of these pairs already have a rate for that day; a rate is never changed`,
        {
          existing: existing.map(({ id, date, base, quote, rate }) => ({
            id,
            date,
            base,
            quote,
            rate,
          })),
        },
      );
    }
    return rates;
  }
}

function rateSetMeanwhile(): ConflictError {
  return new ConflictError(
    'fx-rate-exists',
    'FX rate already set',
    'A rate for one of these pairs and days was set meanwhile; a rate is never changed',
  );
}
