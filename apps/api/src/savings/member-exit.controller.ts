import { type ApprovalRequestView, ApprovalService } from '@lumbung/approvals';
import type { Principal } from '@lumbung/auth';
import { IdempotentRequests, TransactionScope } from '@lumbung/database';
import { memberExitType } from '@lumbung/savings';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { actorIn } from '../approvals/actor';
import { Allow, CurrentPrincipal } from '../auth/access';
import { IdempotencyKey, type IdempotencyInput, MovesMoney } from '../http/idempotency';
import { MemberExitBody } from './member-exit.dto';

/**
 * A member's exit or death: the teller who will pay out submits it (202 with the approval
 * request, its settlement computed); a manager's approval pays it out from that teller's till
 * and answers with the settlement receipt as the request's `result`.
 */
@ApiTags('savings')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@ApiParam({ name: 'memberId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/members/:memberId')
export class MemberExitController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly idempotent: IdempotentRequests,
    private readonly approvals: ApprovalService,
  ) {}

  @Post('exit')
  @Allow('teller')
  @MovesMoney()
  exit(
    @Param('cooperativeId') cooperativeId: string,
    @Param('memberId') memberId: string,
    @Body() body: MemberExitBody,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run<ApprovalRequestView>(tx, { cooperativeId, ...key }, async () => ({
        status: 202,
        body: await this.approvals.submit(tx, {
          cooperativeId,
          type: memberExitType,
          payload: { ...body, memberId },
          maker: actorIn(teller, cooperativeId),
        }),
      })),
    );
  }
}
