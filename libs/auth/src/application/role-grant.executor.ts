import { AuditLog, platformScope } from '@lumbung/audit';
import {
  ApprovalRegistry,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { Clock, ForbiddenError, InvalidInputError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { type GrantRequest, parseGrantRequest } from '../domain/grant-request';
import { checkGrantable, insertGrant } from './role-grant.store';

export const roleGrantType = 'auth.role.grant';

/**
 * A role takes effect only once a second person confirms it (DESIGN.md section 1): another
 * admin, or a manager of that cooperative. The grantee can neither ask nor confirm.
 */
@Injectable()
export class RoleGrantExecutor extends RegisteredExecutor {
  readonly type = roleGrantType;
  readonly defaultRule = { requiredApprovals: 1, approverRoles: ['admin', 'manager'] };

  constructor(
    registry: ApprovalRegistry,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; makerId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const request = parseGrantRequest(input.payload, this.clock.now());
    if (request.userId === input.makerId) {
      throw new ForbiddenError(
        'self-grant',
        'Self-grant refused',
        'No one grants themselves a role',
      );
    }
    if ((request.role === 'admin') !== (input.cooperativeId === platformScope)) {
      throw new InvalidInputError('admin is a platform role; the others belong to a cooperative', [
        { field: 'role', message: 'admin without a cooperative, other roles with one' },
      ]);
    }
    await checkGrantable(tx, input.cooperativeId, request, this.clock.now());
    const [user] = await tx.query<{ username: string }>(
      `SELECT username FROM app_user WHERE id = $1`,
      [request.userId],
    );
    const until = request.validUntil ? ` until ${request.validUntil}` : '';
    return {
      payload: request,
      summary: `Grant ${request.role} to ${user.username}${until}`,
      excludedApprovers: [request.userId],
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const request = record.payload as GrantRequest;
    const now = this.clock.now();
    await checkGrantable(tx, record.cooperativeId, request, now);
    const approvals = record.decisions.filter((d) => d.decision === 'approve');
    const grant = await insertGrant(
      tx,
      record.cooperativeId,
      request,
      {
        requestedBy: record.makerId,
        confirmedBy: approvals[approvals.length - 1]?.approverId ?? null,
        approvalId: record.id,
      },
      now,
    );
    await this.audit.record(tx, {
      cooperativeId: record.cooperativeId,
      action: 'auth.role.grant',
      targetType: 'role_grant',
      targetId: grant.id,
      after: grant,
      reason: record.reason ?? undefined,
    });
    return grant;
  }
}
