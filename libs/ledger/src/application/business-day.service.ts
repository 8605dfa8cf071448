import { type BusinessDate, localDate, NotFoundError, isUuid } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { businessDayLockSpace } from '../infrastructure/posting-store';

export interface CooperativeDay {
  readonly cooperativeId: string;
  readonly businessDate: BusinessDate;
  readonly functionalCurrency: string;
  readonly timeZone: string;
}

export interface DateRoll {
  readonly cooperativeId: string;
  readonly from: BusinessDate;
  readonly to: BusinessDate;
}

/**
 * The business date and its lock (DESIGN.md section 3, Dates and periods). Every posting
 * transaction holds the lock shared; the midnight rollover holds it exclusively, so once the
 * date has moved no transaction of the old date is still in flight.
 */
@Injectable()
export class BusinessDayService {
  private readonly lockKeys = new Map<string, number>();

  /** Takes the lock in `mode` and then reads the date: a new statement, so a fresh snapshot. */
  async enter(
    tx: Tx,
    cooperativeId: string,
    mode: 'shared' | 'exclusive' = 'shared',
  ): Promise<CooperativeDay> {
    const lockKey = await this.lockKey(tx, cooperativeId);
    const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    await tx.query(`SELECT ${lock}($1, $2)`, [businessDayLockSpace, lockKey]);
    const [row] = await tx.query<{
      business_date: BusinessDate;
      functional_currency: string;
      time_zone: string;
    }>(`SELECT business_date, functional_currency, time_zone FROM cooperative WHERE id = $1`, [
      cooperativeId,
    ]);
    return {
      cooperativeId,
      businessDate: row.business_date,
      functionalCurrency: row.functional_currency,
      timeZone: row.time_zone,
    };
  }

  /** Moves the date to the local date at `now`, never backwards; null when it is current. */
  async roll(tx: Tx, cooperativeId: string, now: Date): Promise<DateRoll | null> {
    const day = await this.enter(tx, cooperativeId, 'exclusive');
    const today = localDate(now, day.timeZone);
    if (today <= day.businessDate) return null;
    await tx.query(`UPDATE cooperative SET business_date = $2 WHERE id = $1`, [
      cooperativeId,
      today,
    ]);
    return { cooperativeId, from: day.businessDate, to: today };
  }

  private async lockKey(tx: Tx, cooperativeId: string): Promise<number> {
    const cached = this.lockKeys.get(cooperativeId);
    if (cached !== undefined) return cached;
    const rows = isUuid(cooperativeId)
      ? await tx.query<{ lock_key: number }>(`SELECT lock_key FROM cooperative WHERE id = $1`, [
          cooperativeId,
        ])
      : [];
    if (rows.length === 0) throw new NotFoundError('Cooperative', cooperativeId);
    this.lockKeys.set(cooperativeId, rows[0].lock_key);
    return rows[0].lock_key;
  }
}
