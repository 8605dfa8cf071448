import { ApprovalService } from '@lumbung/approvals';
import { platformScope } from '@lumbung/audit';
import { type Principal, RoleGrantService } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, PlatformAdmin } from '../auth/access';
import { actorIn } from './actor';
import {
  ApprovalListQuery,
  DecisionRequest,
  RejectionRequest,
  RoleGrantRequest,
} from './approvals.dto';

/**
 * Asking for role grants, and the platform's own four-eyes queue (granting the admin role).
 * Grants in a cooperative are confirmed in that cooperative's queue.
 */
@ApiTags('approvals')
@Controller()
export class PlatformApprovalsController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly approvals: ApprovalService,
    private readonly grants: RoleGrantService,
  ) {}

  /** Admins, and managers for their own cooperative; 202: the grant waits for a second person. */
  @Post('role-grants')
  @HttpCode(202)
  @Authenticated()
  requestGrant(@Body() body: RoleGrantRequest, @CurrentPrincipal() principal: Principal) {
    return this.scope.run((tx) => this.grants.request(tx, principal, body));
  }

  @Get('approvals')
  @PlatformAdmin()
  list(@Query() query: ApprovalListQuery) {
    return this.scope.run((tx) => this.approvals.list(tx, platformScope, query), {
      readOnly: true,
    });
  }

  @Get('approvals/:requestId')
  @PlatformAdmin()
  request(@Param('requestId') requestId: string) {
    return this.scope.run((tx) => this.approvals.get(tx, platformScope, requestId), {
      readOnly: true,
    });
  }

  @Post('approvals/:requestId/approve')
  @HttpCode(200)
  @PlatformAdmin()
  approve(
    @Param('requestId') requestId: string,
    @Body() body: DecisionRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) =>
      this.approvals.approve(tx, {
        cooperativeId: platformScope,
        requestId,
        approver: actorIn(principal, platformScope),
        reason: body.reason,
      }),
    );
  }

  @Post('approvals/:requestId/reject')
  @HttpCode(200)
  @PlatformAdmin()
  reject(
    @Param('requestId') requestId: string,
    @Body() body: RejectionRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) =>
      this.approvals.reject(tx, {
        cooperativeId: platformScope,
        requestId,
        approver: actorIn(principal, platformScope),
        reason: body.reason,
      }),
    );
  }

  @Post('approvals/:requestId/cancel')
  @HttpCode(200)
  @PlatformAdmin()
  cancel(@Param('requestId') requestId: string, @CurrentPrincipal() principal: Principal) {
    return this.scope.run((tx) =>
      this.approvals.cancel(tx, {
        cooperativeId: platformScope,
        requestId,
        actor: actorIn(principal, platformScope),
      }),
    );
  }
}
