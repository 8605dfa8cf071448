import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import type { LiveGrant, Principal } from '../domain/principal';

interface PrincipalRow {
  username: string;
  display_name: string;
  grants: Array<{ cooperativeId: string; role: LiveGrant['role']; validUntil: string | null }>;
}

/**
 * Roles are read on every request, not baked into the token: a revoked grant, a disabled user,
 * an auditor's ended engagement or a logged-out session stop working at once.
 */
@Injectable()
export class PrincipalLoader {
  async load(
    tx: Tx,
    session: { userId: string; sessionId: string },
    now: Date,
  ): Promise<Principal | undefined> {
    const [row] = await tx.query<PrincipalRow>(
      `SELECT u.username, u.display_name,
              COALESCE(json_agg(json_build_object('cooperativeId', g.cooperative_id,
                                                  'role', g.role, 'validUntil', g.valid_until)
                                ORDER BY g.cooperative_id, g.role)
                         FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
         FROM auth_session s
         JOIN app_user u ON u.id = s.user_id
         LEFT JOIN role_grant g ON g.user_id = u.id AND g.revoked_at IS NULL
                               AND (g.valid_until IS NULL OR g.valid_until > $3)
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3
          AND NOT u.disabled
        GROUP BY u.id`,
      [session.sessionId, session.userId, now],
    );
    if (!row) return undefined;
    return {
      userId: session.userId,
      sessionId: session.sessionId,
      username: row.username,
      displayName: row.display_name,
      grants: row.grants,
    };
  }
}
