import {
  type BusinessDate,
  ConflictError,
  InvalidInputError,
  monthEnd,
  RuleViolationError,
} from '@lumbung/core';
import { AuditLog } from '@lumbung/audit';
import { type Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { BusinessDayService } from './business-day.service';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface ClosedPeriod {
  readonly month: string;
  readonly status: 'closed';
  readonly closedAt: string;
}

export interface ReopenedPeriod {
  readonly month: string;
  readonly status: 'open';
  readonly reopenedAt: string;
}

export function checkMonth(month: unknown): string {
  if (typeof month !== 'string' || !monthPattern.test(month)) {
    throw new InvalidInputError('month must be YYYY-MM', [
      { field: 'month', message: 'must be YYYY-MM' },
    ]);
  }
  return month;
}

/**
 * Accounting periods are months. A closed month refuses any value date inside it; closing takes
 * the business-day lock exclusively, so no posting into the month is in flight as it closes.
 */
@Injectable()
export class PeriodService {
  constructor(
    private readonly days: BusinessDayService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Closes a month whose days have all ended. The end-of-day run (a later issue) will add its
   * own condition: the month's last end of day has completed.
   */
  async closeMonth(
    tx: Tx,
    cooperativeId: string,
    month: string,
    actorId?: string,
  ): Promise<ClosedPeriod> {
    checkMonth(month);
    const day = await this.days.enter(tx, cooperativeId, 'exclusive');
    const last = monthEnd(`${month}-01` as BusinessDate);
    if (last >= day.businessDate) {
      throw new RuleViolationError(
        'period-not-ended',
        'Period has not ended',
        `${month} cannot close before its last day ${last} has ended (business date ${day.businessDate})`,
      );
    }
    const [row] = await tx.query<{ status: string; changed_at: Date }>(
      `INSERT INTO accounting_period (cooperative_id, month, status, changed_by)
       VALUES ($1, $2, 'closed', $3)
       ON CONFLICT (cooperative_id, month) DO UPDATE
         SET status = 'closed', changed_at = now(), changed_by = EXCLUDED.changed_by
         WHERE accounting_period.status <> 'closed'
       RETURNING status, changed_at`,
      [cooperativeId, `${month}-01`, actorId ?? null],
    );
    if (!row) {
      throw new ConflictError(
        'period-already-closed',
        'Period already closed',
        `${month} is already closed`,
      );
    }
    await this.audit.record(tx, {
      cooperativeId,
      action: 'ledger.period.close',
      targetType: 'accounting_period',
      targetId: month,
      before: { status: 'open' },
      after: { status: 'closed' },
      actorId,
    });
    return { month, status: 'closed', closedAt: row.changed_at.toISOString() };
  }

  /** Whether a month is closed now: reopening asks for approval only for a closed month. */
  async isClosed(tx: Tx, cooperativeId: string, month: string): Promise<boolean> {
    const [row] = await tx.query(
      `SELECT 1 FROM accounting_period
        WHERE cooperative_id = $1 AND month = $2 AND status = 'closed'`,
      [cooperativeId, `${checkMonth(month)}-01`],
    );
    return row !== undefined;
  }

  /**
   * Reopens a closed month; only the approvals engine calls this, once a second manager agreed.
   * Takes the business-day lock exclusively like closing, so the change of status is one
   * instant for every posting.
   */
  async reopenMonth(
    tx: Tx,
    cooperativeId: string,
    month: string,
    change: { confirmedBy: string | null; reason?: string },
  ): Promise<ReopenedPeriod> {
    checkMonth(month);
    await this.days.enter(tx, cooperativeId, 'exclusive');
    const [row] = await tx.query<{ changed_at: Date }>(
      `WITH reopened AS (
         UPDATE accounting_period SET status = 'open', changed_at = now(), changed_by = $3
          WHERE cooperative_id = $1 AND month = $2 AND status = 'closed'
          RETURNING changed_at)
       SELECT changed_at FROM reopened`,
      [cooperativeId, `${month}-01`, change.confirmedBy],
    );
    if (!row) {
      throw new ConflictError('period-not-closed', 'Period not closed', `${month} is not closed`);
    }
    await this.audit.record(tx, {
      cooperativeId,
      action: 'ledger.period.reopen',
      targetType: 'accounting_period',
      targetId: month,
      before: { status: 'closed' },
      after: { status: 'open' },
      reason: change.reason,
    });
    return { month, status: 'open', reopenedAt: row.changed_at.toISOString() };
  }
}
