import { ApprovalService } from '@lumbung/approvals';
import type { Principal } from '@lumbung/auth';
import { IdempotentRequests, TransactionScope } from '@lumbung/database';
import { LoanRecoveryService, loanWriteOffType, recoveryReversalType } from '@lumbung/loans';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { actorIn } from '../approvals/actor';
import { Allow, CurrentPrincipal } from '../auth/access';
import { ReasonRequest } from '../auth/users.controller';
import { IdempotencyKey, type IdempotencyInput, MovesMoney } from '../http/idempotency';
import { RepaymentRequestBody } from './loans.dto';
import { submitRequest } from '../approvals/submit-request';

/**
 * Writing a loan off (hapus buku) and what is recovered after: a manager asks, two other managers
 * approve (`loans.write-off`); a teller receives recoveries with an Idempotency-Key, and a
 * recovery is reversed when a manager approves (`loans.recovery.reverse`). The loan's
 * accrual status, write-off and recoveries show with the loan (`GET .../loans/{id}`).
 */
@ApiTags('loans')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/loans/:loanId')
export class LoanWriteOffController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly idempotent: IdempotentRequests,
    private readonly approvals: ApprovalService,
    private readonly recoveries: LoanRecoveryService,
  ) {}

  /** 202: the loan is written off when two managers other than the one asking approve. */
  @Post('write-off')
  @HttpCode(202)
  @Allow('manager')
  requestWriteOff(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Body() body: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: loanWriteOffType,
      payload: { loanId },
      reason: body.reason,
    });
  }

  /** Cash (or savings) received for a written-off loan: recovery income, never above the claim. */
  @Post('recoveries')
  @Allow('teller')
  @MovesMoney()
  recover(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Body() body: RepaymentRequestBody,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => ({
        status: 201,
        body: await this.recoveries.recover(
          tx,
          cooperativeId,
          actorIn(teller, cooperativeId),
          loanId,
          body,
        ),
      })),
    );
  }

  /** 202: the recovery's entry is reversed and its claim restored when a manager approves. */
  @Post('recoveries/:recoveryId/reversal')
  @HttpCode(202)
  @Allow('teller', 'manager')
  requestRecoveryReversal(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Param('recoveryId') recoveryId: string,
    @Body() body: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: recoveryReversalType,
      payload: { loanId, recoveryId },
      reason: body.reason,
    });
  }
}
