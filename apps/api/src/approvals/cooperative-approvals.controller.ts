import { ApprovalService, type ApprovalRequestView } from '@lumbung/approvals';
import { type Principal, readerRoles, roleGrantType, rolesIn } from '@lumbung/auth';
import { NotFoundError } from '@lumbung/core';
import { TransactionScope, type Tx } from '@lumbung/database';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access';
import { actorIn } from './actor';
import { ApprovalListQuery, DecisionRequest, RejectionRequest } from './approvals.dto';

const deciders = ['teller', 'manager', 'supervisor', 'admin'] as const;

/**
 * A cooperative's four-eyes queue. The engine checks each decision against the request's rule;
 * the guard only keeps auditors (who change nothing) and outsiders away. Platform admins see
 * only the role grants they may confirm.
 */
@ApiTags('approvals')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/approvals')
export class CooperativeApprovalsController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly approvals: ApprovalService,
  ) {}

  @Get()
  @Allow(...readerRoles, 'admin')
  list(
    @Param('cooperativeId') cooperativeId: string,
    @Query() query: ApprovalListQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    const adminOnly = this.adminOnly(principal, cooperativeId);
    if (adminOnly && query.type !== undefined && query.type !== roleGrantType) {
      return { items: [], next: null };
    }
    return this.scope.run(
      (tx) =>
        this.approvals.list(tx, cooperativeId, {
          ...query,
          type: adminOnly ? roleGrantType : query.type,
        }),
      { readOnly: true },
    );
  }

  @Get(':requestId')
  @Allow(...readerRoles, 'admin')
  request(
    @Param('cooperativeId') cooperativeId: string,
    @Param('requestId') requestId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) => this.visible(tx, principal, cooperativeId, requestId), {
      readOnly: true,
    });
  }

  @Post(':requestId/approve')
  @HttpCode(200)
  @Allow(...deciders)
  approve(
    @Param('cooperativeId') cooperativeId: string,
    @Param('requestId') requestId: string,
    @Body() body: DecisionRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run(async (tx) => {
      await this.visible(tx, principal, cooperativeId, requestId);
      return this.approvals.approve(tx, {
        cooperativeId,
        requestId,
        approver: actorIn(principal, cooperativeId),
        reason: body.reason,
      });
    });
  }

  @Post(':requestId/reject')
  @HttpCode(200)
  @Allow(...deciders)
  reject(
    @Param('cooperativeId') cooperativeId: string,
    @Param('requestId') requestId: string,
    @Body() body: RejectionRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run(async (tx) => {
      await this.visible(tx, principal, cooperativeId, requestId);
      return this.approvals.reject(tx, {
        cooperativeId,
        requestId,
        approver: actorIn(principal, cooperativeId),
        reason: body.reason,
      });
    });
  }

  @Post(':requestId/cancel')
  @HttpCode(200)
  @Allow(...deciders)
  cancel(
    @Param('cooperativeId') cooperativeId: string,
    @Param('requestId') requestId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run(async (tx) => {
      await this.visible(tx, principal, cooperativeId, requestId);
      return this.approvals.cancel(tx, {
        cooperativeId,
        requestId,
        actor: actorIn(principal, cooperativeId),
      });
    });
  }

  private adminOnly(principal: Principal, cooperativeId: string): boolean {
    return rolesIn(principal, cooperativeId).length === 0;
  }

  private async visible(
    tx: Tx,
    principal: Principal,
    cooperativeId: string,
    requestId: string,
  ): Promise<ApprovalRequestView> {
    const request = await this.approvals.get(tx, cooperativeId, requestId);
    if (this.adminOnly(principal, cooperativeId) && request.type !== roleGrantType) {
      throw new NotFoundError('approval request', requestId);
    }
    return request;
  }
}
