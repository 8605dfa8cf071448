import { AuditLog, platformScope } from '@lumbung/audit';
import { ApprovalService, type ApprovalRequestView } from '@lumbung/approvals';
import { Clock, ForbiddenError, InvalidInputError, isUuid } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { parseGrantRequest } from '../domain/grant-request';
import { isAdmin, type Principal, rolesIn } from '../domain/principal';
import { roleGrantType } from './role-grant.executor';
import { checkGrantable, type GrantRecord, insertGrant } from './role-grant.store';

export interface GrantAsk {
  /** Omitted for the platform `admin` role. */
  readonly cooperativeId?: string;
  readonly userId: string;
  readonly role: string;
  readonly validUntil?: string;
  readonly reason?: string;
}

/** Asking for role grants (four eyes), and the operator's direct path. */
@Injectable()
export class RoleGrantService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly approvals: ApprovalService,
  ) {}

  /**
   * Admins ask for any role; a cooperative's managers ask for its roles. The grant waits for a
   * second person (RoleGrantExecutor).
   */
  async request(tx: Tx, maker: Principal, ask: GrantAsk): Promise<ApprovalRequestView> {
    const scope = ask.role === 'admin' ? platformScope : ask.cooperativeId;
    if (!isUuid(scope)) {
      throw new InvalidInputError('A cooperative role needs its cooperative', [
        { field: 'cooperativeId', message: 'must be a cooperative id (uuid)' },
      ]);
    }
    const makerRoles = rolesIn(maker, scope);
    if (!isAdmin(maker) && !makerRoles.includes('manager')) {
      throw new ForbiddenError(
        'grant-maker-role-required',
        'Not allowed to ask for grants',
        'Only admins, and managers of the cooperative, ask for role grants',
      );
    }
    return this.approvals.submit(tx, {
      cooperativeId: scope,
      type: roleGrantType,
      payload: { userId: ask.userId, role: ask.role, validUntil: ask.validUntil },
      maker: { id: maker.userId, roles: isAdmin(maker) ? [...makerRoles, 'admin'] : makerRoles },
      reason: ask.reason,
    });
  }

  /**
   * For bootstrapping (the first admins) and operators with database credentials: they could
   * write the row themselves, so four eyes would only be theatre here. Recorded as such.
   */
  async grantByOperator(
    tx: Tx,
    cooperativeId: string | null,
    input: { userId: string; role: string; validUntil?: string | null },
  ): Promise<GrantRecord> {
    const request = parseGrantRequest(input, this.clock.now());
    if (request.role !== 'admin' && !isUuid(cooperativeId)) {
      throw new InvalidInputError('A cooperative role needs its cooperative', [
        { field: 'cooperativeId', message: 'must be a cooperative id (uuid)' },
      ]);
    }
    const scope = request.role === 'admin' ? platformScope : (cooperativeId as string);
    const now = this.clock.now();
    await checkGrantable(tx, scope, request, now);
    const grant = await insertGrant(
      tx,
      scope,
      request,
      { requestedBy: null, confirmedBy: null, approvalId: null },
      now,
    );
    await this.audit.record(tx, {
      cooperativeId: scope,
      action: 'auth.role.grant',
      targetType: 'role_grant',
      targetId: grant.id,
      after: grant,
      reason: 'granted by an operator with the cli',
    });
    return grant;
  }
}
