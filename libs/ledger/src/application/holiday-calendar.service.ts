import { AuditLog } from '@lumbung/audit';
import { type BusinessDate, businessDate, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { isClosedDay, parseHoliday } from '../domain/holidays';

export interface Holiday {
  readonly date: BusinessDate;
  readonly name: string;
  readonly declaredAt: string;
}

/** A cooperative's closed days, which move due dates where a product says so. */
@Injectable()
export class HolidayCalendar {
  constructor(private readonly audit: AuditLog) {}

  async declare(
    tx: Tx,
    cooperativeId: string,
    actorId: string,
    input: { date?: unknown; name?: unknown },
  ): Promise<Holiday> {
    const holiday = parseHoliday(input);
    await tx.query(
      `INSERT INTO cooperative_holiday (cooperative_id, holiday, name, declared_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (cooperative_id, holiday) DO UPDATE
         SET name = EXCLUDED.name, declared_by = EXCLUDED.declared_by,
             declared_at = clock_timestamp(), withdrawn_at = NULL`,
      [cooperativeId, holiday.date, holiday.name, actorId],
    );
    await this.audit.record(tx, {
      cooperativeId,
      action: 'ledger.holiday.declare',
      targetType: 'cooperative_holiday',
      targetId: holiday.date,
      after: holiday,
    });
    return (await this.between(tx, cooperativeId, holiday.date, holiday.date))[0];
  }

  async withdraw(tx: Tx, cooperativeId: string, date: string, reason: string): Promise<void> {
    const day = businessDate(date, 'date');
    const rows = await tx.query(
      `WITH w AS (UPDATE cooperative_holiday SET withdrawn_at = clock_timestamp()
                   WHERE cooperative_id = $1 AND holiday = $2 AND withdrawn_at IS NULL
                   RETURNING name)
       SELECT name FROM w`,
      [cooperativeId, day],
    );
    if (rows.length === 0) throw new NotFoundError('holiday', day);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'ledger.holiday.withdraw',
      targetType: 'cooperative_holiday',
      targetId: day,
      before: { date: day, name: (rows[0] as { name: string }).name },
      reason,
    });
  }

  async between(
    tx: Tx,
    cooperativeId: string,
    from: BusinessDate,
    to: BusinessDate,
  ): Promise<Holiday[]> {
    const rows = await tx.query<{ holiday: BusinessDate; name: string; declared_at: Date }>(
      `SELECT holiday::text, name, declared_at FROM cooperative_holiday
        WHERE cooperative_id = $1 AND holiday BETWEEN $2 AND $3 AND withdrawn_at IS NULL
        ORDER BY holiday`,
      [cooperativeId, from, to],
    );
    return rows.map((r) => ({
      date: r.holiday,
      name: r.name,
      declaredAt: r.declared_at.toISOString(),
    }));
  }

  /** Whether a day in [from, to] is closed: a Sunday or a declared holiday. */
  async closedDays(
    tx: Tx,
    cooperativeId: string,
    from: BusinessDate,
    to: BusinessDate,
  ): Promise<(date: BusinessDate) => boolean> {
    const declared = new Set((await this.between(tx, cooperativeId, from, to)).map((h) => h.date));
    return (date) => isClosedDay(date, declared);
  }
}
