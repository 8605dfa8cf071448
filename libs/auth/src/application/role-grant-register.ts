import { AuditLog } from '@lumbung/audit';
import { Clock, ConflictError, ForbiddenError, isUuid, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';

export type GrantStatus = 'live' | 'ended' | 'revoked';

export interface GrantEntry {
  readonly id: string;
  readonly userId: string;
  readonly username: string;
  readonly role: string;
  readonly status: GrantStatus;
  readonly validUntil: string | null;
  readonly grantedAt: string;
  readonly requestedBy: string | null;
  readonly confirmedBy: string | null;
  readonly approvalId: string | null;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
}

interface GrantRow {
  id: string;
  user_id: string;
  username: string;
  role: string;
  valid_until: Date | null;
  granted_at: Date;
  requested_by: string | null;
  confirmed_by: string | null;
  approval_id: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

/**
 * Who holds which role in a cooperative, and taking a role away. Revoking needs no second
 * person: it only ever reduces what someone may do, and it must work at once. It does need
 * another person than the holder, so no one locks the last admin out by a slip.
 */
@Injectable()
export class RoleGrantRegister {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(tx: Tx, cooperativeId: string): Promise<GrantEntry[]> {
    const rows = await tx.query<GrantRow>(
      `SELECT g.id, g.user_id, u.username, g.role, g.valid_until, g.granted_at, g.requested_by,
              g.confirmed_by, g.approval_id, g.revoked_at, g.revoked_by
         FROM role_grant g JOIN app_user u ON u.id = g.user_id
        WHERE g.cooperative_id = $1
        ORDER BY g.revoked_at IS NOT NULL, u.username, g.role, g.id`,
      [cooperativeId],
    );
    return rows.map((row) => this.entry(row));
  }

  async revoke(
    tx: Tx,
    cooperativeId: string,
    grantId: string,
    revoker: { userId: string; reason: string },
  ): Promise<GrantEntry> {
    if (!isUuid(grantId)) throw new NotFoundError('role grant', grantId);
    const [before] = await tx.query<GrantRow>(
      `SELECT g.id, g.user_id, u.username, g.role, g.valid_until, g.granted_at, g.requested_by,
              g.confirmed_by, g.approval_id, g.revoked_at, g.revoked_by
         FROM role_grant g JOIN app_user u ON u.id = g.user_id
        WHERE g.cooperative_id = $1 AND g.id = $2
        FOR UPDATE OF g`,
      [cooperativeId, grantId],
    );
    if (!before) throw new NotFoundError('role grant', grantId);
    if (before.user_id === revoker.userId) {
      throw new ForbiddenError('self-revoke', 'Own role', 'Someone else revokes your role');
    }
    if (before.revoked_at !== null) {
      throw new ConflictError('grant-revoked', 'Grant already revoked', `${grantId} is revoked`);
    }
    const [changed] = await tx.query<{ revoked_at: Date }>(
      `WITH revoked AS (
         UPDATE role_grant SET revoked_at = clock_timestamp(), revoked_by = $3
          WHERE cooperative_id = $1 AND id = $2 RETURNING revoked_at)
       SELECT revoked_at FROM revoked`,
      [cooperativeId, grantId, revoker.userId],
    );
    const after = this.entry({
      ...before,
      revoked_at: changed.revoked_at,
      revoked_by: revoker.userId,
    });
    await this.audit.record(tx, {
      cooperativeId,
      action: 'auth.role.revoke',
      targetType: 'role_grant',
      targetId: grantId,
      before: this.entry(before),
      after,
      reason: revoker.reason,
    });
    return after;
  }

  private entry(row: GrantRow): GrantEntry {
    const ended = row.valid_until !== null && row.valid_until <= this.clock.now();
    return {
      id: row.id,
      userId: row.user_id,
      username: row.username,
      role: row.role,
      status: row.revoked_at !== null ? 'revoked' : ended ? 'ended' : 'live',
      validUntil: iso(row.valid_until),
      grantedAt: row.granted_at.toISOString(),
      requestedBy: row.requested_by,
      confirmedBy: row.confirmed_by,
      approvalId: row.approval_id,
      revokedAt: iso(row.revoked_at),
      revokedBy: row.revoked_by,
    };
  }
}
