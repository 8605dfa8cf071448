import { ConflictError, NotFoundError, RuleViolationError, uuidv7 } from '@lumbung/core';
import { sqlState, sqlStates, type Tx } from '@lumbung/database';
import type { GrantRequest } from '../domain/grant-request';

export interface GrantRecord {
  readonly cooperativeId: string;
  readonly id: string;
  readonly userId: string;
  readonly role: string;
  readonly validUntil: string | null;
  readonly grantedAt: string;
}

/**
 * Refuses a grant that cannot take effect: unknown or disabled user, unknown cooperative, a role
 * already in force. A grant past its end does not count: an auditor's next engagement is a new
 * grant.
 */
export async function checkGrantable(
  tx: Tx,
  cooperativeId: string,
  request: GrantRequest,
  now: Date,
) {
  const [user] = await tx.query<{ disabled: boolean }>(
    `SELECT disabled FROM app_user WHERE id = $1`,
    [request.userId],
  );
  if (!user) throw new NotFoundError('user', request.userId);
  if (user.disabled) {
    throw new RuleViolationError('user-disabled', 'User disabled', `${request.userId} is disabled`);
  }
  if (request.role !== 'admin') {
    const [cooperative] = await tx.query(`SELECT 1 FROM cooperative WHERE id = $1`, [
      cooperativeId,
    ]);
    if (!cooperative) throw new NotFoundError('cooperative', cooperativeId);
  }
  const [live] = await tx.query(
    `SELECT 1 FROM role_grant
      WHERE cooperative_id = $1 AND user_id = $2 AND role = $3 AND revoked_at IS NULL
        AND (valid_until IS NULL OR valid_until > $4)`,
    [cooperativeId, request.userId, request.role, now],
  );
  if (live) throw roleAlreadyGranted(request);
}

function roleAlreadyGranted(request: GrantRequest) {
  return new ConflictError(
    'role-already-granted',
    'Role already granted',
    `${request.userId} already holds ${request.role} here`,
  );
}

export async function insertGrant(
  tx: Tx,
  cooperativeId: string,
  request: GrantRequest,
  provenance: { requestedBy: string | null; confirmedBy: string | null; approvalId: string | null },
  now: Date,
): Promise<GrantRecord> {
  // An ended grant is closed at its end, so the one-live-grant index makes room for the new one.
  await tx.query(
    `UPDATE role_grant SET revoked_at = valid_until
      WHERE cooperative_id = $1 AND user_id = $2 AND role = $3 AND revoked_at IS NULL
        AND valid_until <= $4`,
    [cooperativeId, request.userId, request.role, now],
  );
  try {
    const [row] = await tx.query<{ id: string; granted_at: Date }>(
      `INSERT INTO role_grant (cooperative_id, id, user_id, role, valid_until, requested_by,
                               confirmed_by, approval_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, granted_at`,
      [
        cooperativeId,
        uuidv7(),
        request.userId,
        request.role,
        request.validUntil,
        provenance.requestedBy,
        provenance.confirmedBy,
        provenance.approvalId,
      ],
    );
    return {
      cooperativeId,
      id: row.id,
      userId: request.userId,
      role: request.role,
      validUntil: request.validUntil,
      grantedAt: row.granted_at.toISOString(),
    };
  } catch (error) {
    if (sqlState(error) === sqlStates.uniqueViolation) throw roleAlreadyGranted(request);
    throw error;
  }
}
