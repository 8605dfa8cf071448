import { InvalidInputError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import type { AuditRecord } from '../domain/audit-listing';

export type { AuditRecord };

export interface AuditFilter {
  /** Exact action, or a prefix ending in `.` (`auth.` finds every auth event). */
  readonly action?: string;
  readonly actorId?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly from?: Date;
  readonly to?: Date;
  /** Cursor: the `next` of the previous page (newest first). */
  readonly after?: string;
  readonly limit: number;
}

interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  request_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** What auditors read: one cooperative's record, newest first, filtered. */
@Injectable()
export class AuditQuery {
  async search(
    tx: Tx,
    cooperativeId: string,
    filter: AuditFilter,
  ): Promise<{ items: AuditRecord[]; next: string | null }> {
    if (filter.from && filter.to && filter.from > filter.to) {
      throw new InvalidInputError('from lies after to', [
        { field: 'from', message: 'must not lie after to' },
      ]);
    }
    const action = filter.action ?? null;
    const rows = await tx.query<AuditRow>(
      `SELECT id, occurred_at, actor_id, request_id, action, target_type, target_id, before,
              after, reason
         FROM audit_log
        WHERE cooperative_id = $1
          AND ($2::text IS NULL OR action = $2 OR (right($2, 1) = '.' AND starts_with(action, $2)))
          AND ($3::uuid IS NULL OR actor_id = $3)
          AND ($4::text IS NULL OR target_type = $4)
          AND ($5::text IS NULL OR target_id = $5)
          AND ($6::timestamptz IS NULL OR occurred_at >= $6)
          AND ($7::timestamptz IS NULL OR occurred_at < $7)
          AND ($8::uuid IS NULL OR id < $8)
        ORDER BY id DESC
        LIMIT $9`,
      [
        cooperativeId,
        action,
        filter.actorId ?? null,
        filter.targetType ?? null,
        filter.targetId ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.after ?? null,
        filter.limit,
      ],
    );
    const items = rows.map(toRecord);
    return { items, next: items.length === filter.limit ? items[items.length - 1].id : null };
  }

  /**
   * The cooperative's record for a period of its business dates (midnight to midnight in its
   * time zone, both days included), oldest first as a listing reads; a page starts after the
   * cursor `after` and holds `limit` events at most (all of the period without one).
   */
  async inPeriod(
    tx: Tx,
    cooperativeId: string,
    period: { readonly from: string; readonly to: string; readonly timeZone: string },
    page: { readonly after?: string; readonly limit?: number } = {},
  ): Promise<{ items: AuditRecord[]; next: string | null }> {
    const rows = await tx.query<AuditRow>(
      `SELECT id, occurred_at, actor_id, request_id, action, target_type, target_id, before,
              after, reason
         FROM audit_log
        WHERE cooperative_id = $1
          AND occurred_at >= ($2::date::timestamp AT TIME ZONE $4)
          AND occurred_at < (($3::date + 1)::timestamp AT TIME ZONE $4)
          AND ($5::uuid IS NULL OR id > $5)
        ORDER BY id
        LIMIT $6`,
      [
        cooperativeId,
        period.from,
        period.to,
        period.timeZone,
        page.after ?? null,
        page.limit ?? null,
      ],
    );
    const items = rows.map(toRecord);
    return { items, next: items.length === page.limit ? items[items.length - 1].id : null };
  }
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    requestId: row.request_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    before: row.before,
    after: row.after,
    reason: row.reason,
  };
}
