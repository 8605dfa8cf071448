import { ApprovalService } from '@lumbung/approvals';
import { platformScope } from '@lumbung/audit';
import type { Principal } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PlatformAdmin } from '../auth/access';
import { actorIn } from './actor';
import { ApprovalListQuery, DecisionRequest, RejectionRequest } from './approvals.dto';

/**
 * The platform's own four-eyes queue (granting the admin role). Grants in a cooperative are
 * confirmed in that cooperative's queue.
 */
@ApiTags('approvals')
@Controller()
export class PlatformApprovalsController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly approvals: ApprovalService,
  ) {}

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
