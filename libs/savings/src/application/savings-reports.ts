import type { Tx } from '@lumbung/database';
import { BusinessDayService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { type SavingsSettings, settingsOf } from '../infrastructure/settings-store';

export interface CashThresholdFlag {
  readonly memberId: string;
  readonly businessDate: string;
  readonly currency: string;
  readonly total: string;
  readonly threshold: string;
  readonly flaggedAt: string;
}

/** The settings in force and the cash days flagged for reporting. */
@Injectable()
export class SavingsReports {
  constructor(private readonly days: BusinessDayService) {}

  async settings(tx: Tx, cooperativeId: string): Promise<SavingsSettings> {
    const { functionalCurrency } = await this.days.enter(tx, cooperativeId, 'shared');
    return settingsOf(tx, cooperativeId, functionalCurrency);
  }

  async cashFlags(
    tx: Tx,
    cooperativeId: string,
    range: { from?: string; to?: string },
  ): Promise<CashThresholdFlag[]> {
    const rows = await tx.query<{
      member_id: string;
      business_date: string;
      currency: string;
      total: string;
      threshold: string;
      flagged_at: Date;
    }>(
      `SELECT member_id, business_date, currency, total::text, threshold::text, flagged_at
         FROM cash_threshold_flag
        WHERE cooperative_id = $1 AND ($2::date IS NULL OR business_date >= $2)
          AND ($3::date IS NULL OR business_date <= $3)
        ORDER BY business_date, member_id`,
      [cooperativeId, range.from ?? null, range.to ?? null],
    );
    return rows.map((row) => ({
      memberId: row.member_id,
      businessDate: row.business_date,
      currency: row.currency,
      total: row.total,
      threshold: row.threshold,
      flaggedAt: row.flagged_at.toISOString(),
    }));
  }
}
