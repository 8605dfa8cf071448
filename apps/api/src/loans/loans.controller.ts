import { type Principal, readerRoles } from '@lumbung/auth';
import { IdempotentRequests, TransactionScope } from '@lumbung/database';
import {
  LoanApplicationService,
  LoanCollectibility,
  LoanDisbursementService,
  LoanPayoffService,
  LoanRepaymentService,
  LoanViews,
  repaymentReversalType,
} from '@lumbung/loans';
import { ApprovalService } from '@lumbung/approvals';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { actorIn } from '../approvals/actor';
import { Allow, CurrentPrincipal } from '../auth/access';
import { ReasonRequest } from '../auth/users.controller';
import { IdempotencyKey, type IdempotencyInput, MovesMoney } from '../http/idempotency';
import {
  DateQuery,
  LoanApplicationRequest,
  LoanListQuery,
  MoneyChannelRequest,
  PayoffRequestBody,
  RepaymentRequestBody,
} from './loans.dto';
import { submitRequest } from '../approvals/submit-request';

const readOnly = { isolation: 'REPEATABLE READ', readOnly: true } as const;

/**
 * A loan from application to payoff. Applications go to the managers through approvals
 * (`loans.application.approve`); disbursement, repayments and payoff move money and need an
 * Idempotency-Key, a retry replays the first receipt.
 */
@ApiTags('loans')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/loans')
export class LoansController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly idempotent: IdempotentRequests,
    private readonly applications: LoanApplicationService,
    private readonly disbursements: LoanDisbursementService,
    private readonly repayments: LoanRepaymentService,
    private readonly payoffs: LoanPayoffService,
    private readonly views: LoanViews,
    private readonly collectibility: LoanCollectibility,
    private readonly approvals: ApprovalService,
  ) {}

  @Post()
  @Allow('teller')
  apply(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: LoanApplicationRequest,
    @CurrentPrincipal() teller: Principal,
  ) {
    return this.scope.run((tx) =>
      this.applications.apply(tx, cooperativeId, actorIn(teller, cooperativeId), body),
    );
  }

  @Get()
  @Allow(...readerRoles)
  list(@Param('cooperativeId') cooperativeId: string, @Query() query: LoanListQuery) {
    return this.scope.run(
      (tx) => this.views.list(tx, cooperativeId, { ...query, limit: query.limit ?? 50 }),
      readOnly,
    );
  }

  /** The loan with its schedule, position and collectibility (grade and provision). */
  @Get(':loanId')
  @Allow(...readerRoles)
  loan(@Param('cooperativeId') cooperativeId: string, @Param('loanId') loanId: string) {
    return this.scope.run(
      (tx) => this.collectibility.loanView(tx, cooperativeId, loanId),
      readOnly,
    );
  }

  /** What is due on a date (today by default) and what is overdue. */
  @Get(':loanId/due')
  @Allow(...readerRoles)
  due(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Query() query: DateQuery,
  ) {
    return this.scope.run((tx) => this.views.due(tx, cooperativeId, loanId, query.date), readOnly);
  }

  @Post(':loanId/rejection')
  @HttpCode(200)
  @Allow('manager', 'supervisor')
  reject(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Body() body: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) =>
      this.applications.reject(
        tx,
        cooperativeId,
        actorIn(principal, cooperativeId),
        loanId,
        body.reason,
      ),
    );
  }

  @Post(':loanId/cancellation')
  @HttpCode(200)
  @Allow('teller')
  cancel(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @CurrentPrincipal() teller: Principal,
  ) {
    return this.scope.run((tx) =>
      this.applications.cancel(tx, cooperativeId, actorIn(teller, cooperativeId), loanId),
    );
  }

  @Post(':loanId/disbursement')
  @Allow('teller')
  @MovesMoney()
  disburse(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Body() body: MoneyChannelRequest,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => ({
        status: 201,
        body: await this.disbursements.disburse(
          tx,
          cooperativeId,
          actorIn(teller, cooperativeId),
          loanId,
          body,
        ),
      })),
    );
  }

  @Post(':loanId/repayments')
  @Allow('teller')
  @MovesMoney()
  repay(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Body() body: RepaymentRequestBody,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => ({
        status: 201,
        body: await this.repayments.repay(
          tx,
          cooperativeId,
          actorIn(teller, cooperativeId),
          loanId,
          body,
        ),
      })),
    );
  }

  /** 202: the repayment is reversed, and later ones applied again, when a manager approves. */
  @Post(':loanId/repayments/:repaymentId/reversal')
  @HttpCode(202)
  @Allow('teller', 'manager')
  requestReversal(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Param('repaymentId') repaymentId: string,
    @Body() body: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: repaymentReversalType,
      payload: { loanId, repaymentId },
      reason: body.reason,
    });
  }

  @Get(':loanId/payoff-quote')
  @Allow(...readerRoles)
  quote(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Query() query: DateQuery,
  ) {
    return this.scope.run(
      (tx) => this.payoffs.quote(tx, cooperativeId, loanId, query.date),
      readOnly,
    );
  }

  @Post(':loanId/payoff')
  @Allow('teller')
  @MovesMoney()
  payOff(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Body() body: PayoffRequestBody,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => ({
        status: 201,
        body: await this.payoffs.payOff(
          tx,
          cooperativeId,
          actorIn(teller, cooperativeId),
          loanId,
          body,
        ),
      })),
    );
  }
}
