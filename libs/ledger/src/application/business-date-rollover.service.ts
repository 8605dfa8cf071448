import { type BusinessDate, Clock, localDate } from '@lumbung/core';
import { AuditLog } from '@lumbung/audit';
import { TransactionScope } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { BusinessDayService, type DateRoll } from './business-day.service';

/**
 * Moves every cooperative whose local midnight has passed to its new business date, each in its
 * own short transaction under the exclusive business-day lock. Run often by the worker; rolling
 * never depends on the end of day, which runs for the old date afterwards.
 */
@Injectable()
export class BusinessDateRollover {
  constructor(
    private readonly scope: TransactionScope,
    private readonly days: BusinessDayService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async rollDue(): Promise<DateRoll[]> {
    const now = this.clock.now();
    const cooperatives = await this.scope.run((tx) =>
      tx.query<{ id: string; time_zone: string; business_date: BusinessDate }>(
        `SELECT id, time_zone, business_date FROM cooperative ORDER BY code`,
      ),
    );
    const rolled: DateRoll[] = [];
    for (const cooperative of cooperatives) {
      if (localDate(now, cooperative.time_zone) <= cooperative.business_date) continue;
      const roll = await this.scope.run(async (tx) => {
        const done = await this.days.roll(tx, cooperative.id, now);
        if (done) {
          await this.audit.record(tx, {
            cooperativeId: cooperative.id,
            action: 'ledger.business-date.roll',
            targetType: 'cooperative',
            targetId: cooperative.id,
            before: { businessDate: done.from },
            after: { businessDate: done.to },
          });
        }
        return done;
      });
      if (roll) rolled.push(roll);
    }
    return rolled;
  }
}
