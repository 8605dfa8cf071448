import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { RuleViolationError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { checkMonth, PeriodService } from './period.service';

export const periodReopenType = 'ledger.period.reopen';

/** Reopening a closed month changes books others rely on: a second manager must agree. */
@Injectable()
export class PeriodReopenExecutor extends RegisteredExecutor {
  readonly type = periodReopenType;
  readonly defaultRule = oneManagerApproves;

  constructor(
    registry: ApprovalRegistry,
    private readonly periods: PeriodService,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const month = checkMonth((input.payload as { month?: unknown } | null)?.month);
    if (!(await this.periods.isClosed(tx, input.cooperativeId, month))) {
      throw new RuleViolationError(
        'period-not-closed',
        'Period not closed',
        `${month} is not closed`,
      );
    }
    return { payload: { month }, summary: `Reopen ${month}` };
  }

  execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const approvals = record.decisions.filter((d) => d.decision === 'approve');
    return this.periods.reopenMonth(
      tx,
      record.cooperativeId,
      (record.payload as { month: string }).month,
      {
        confirmedBy: approvals[approvals.length - 1]?.approverId ?? null,
        reason: record.reason ?? undefined,
      },
    );
  }
}
