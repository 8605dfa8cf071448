import { AuditLog } from '@lumbung/audit';
import { type BusinessDate, isUuid, NotFoundError, RuleViolationError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { BusinessDayService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { accountById } from '../infrastructure/account-store';

/**
 * Dormancy of voluntary accounts (issue 5 sets the rule; the end-of-day run of issue 7 applies
 * it daily). A dormant account refuses every movement until it is reactivated, with a reason.
 */
@Injectable()
export class DormancyService {
  constructor(
    private readonly days: BusinessDayService,
    private readonly audit: AuditLog,
  ) {}

  /** Marks every open voluntary account whose product's quiet period has passed on `today`. */
  async markDormant(tx: Tx, cooperativeId: string, today: BusinessDate): Promise<string[]> {
    const rows = await tx.query<{ id: string; last_activity_on: string }>(
      `WITH quiet AS (
         SELECT a.id, a.last_activity_on FROM savings_account a
           JOIN savings_product p ON p.cooperative_id = a.cooperative_id AND p.id = a.product_id
          WHERE a.cooperative_id = $1 AND a.kind = 'sukarela' AND a.status = 'open'
            AND a.last_activity_on + (p.terms->>'dormantAfterDays')::int <= $2::date
          -- In id order, as the savings accrual chunks lock them: no deadlock between the two.
          ORDER BY a.id
          FOR UPDATE OF a),
       marked AS (
         UPDATE savings_account s SET status = 'dormant' FROM quiet
          WHERE s.cooperative_id = $1 AND s.id = quiet.id
          RETURNING s.id, quiet.last_activity_on)
       SELECT id, last_activity_on FROM marked ORDER BY id`,
      [cooperativeId, today],
    );
    for (const row of rows) {
      await this.audit.record(tx, {
        cooperativeId,
        action: 'savings.account.dormant',
        targetType: 'savings_account',
        targetId: row.id,
        before: { status: 'open', lastActivityOn: row.last_activity_on },
        after: { status: 'dormant' },
      });
    }
    return rows.map((row) => row.id);
  }

  async reactivate(
    tx: Tx,
    cooperativeId: string,
    accountId: string,
    reason: string,
  ): Promise<{ id: string; status: 'open'; lastActivityOn: string }> {
    const account = isUuid(accountId)
      ? await accountById(tx, cooperativeId, accountId, true)
      : undefined;
    if (!account) throw new NotFoundError('savings account', accountId);
    if (account.status !== 'dormant') {
      throw new RuleViolationError(
        'account-not-dormant',
        'Account not dormant',
        `Account ${account.accountNumber} is ${account.status}`,
        { field: 'accountId' },
      );
    }
    const { businessDate } = await this.days.enter(tx, cooperativeId, 'shared');
    await tx.query(
      `UPDATE savings_account SET status = 'open', last_activity_on = $3
        WHERE cooperative_id = $1 AND id = $2`,
      [cooperativeId, account.id, businessDate],
    );
    await this.audit.record(tx, {
      cooperativeId,
      action: 'savings.account.reactivate',
      targetType: 'savings_account',
      targetId: account.id,
      before: { status: 'dormant' },
      after: { status: 'open', lastActivityOn: businessDate },
      reason,
    });
    return { id: account.id, status: 'open', lastActivityOn: businessDate };
  }
}
