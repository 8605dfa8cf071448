import { ApprovalService } from '@lumbung/approvals';
import { type Principal, readerRoles } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { collectibilityChangeType, gradeLiftType, LoanCollectibility } from '@lumbung/loans';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { actorIn } from '../approvals/actor';
import { Allow, CurrentPrincipal } from '../auth/access';
import { ReasonRequest } from '../auth/users.controller';
import { AsOfQuery } from '../ledger/ledger-queries.dto';
import { CollectibilityChangeRequest, DowngradeRequestBody } from './loan-quality.dto';
import { submitRequest } from '../approvals/submit-request';

/**
 * Loan quality: the collectibility setting (changed with a second manager), a manager's
 * downgrade of a loan (worse, never better, with a reason) and the approved lifting of one.
 * Grades and provisions are booked by the end of day and shown with the loan.
 */
@ApiTags('loans')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId')
export class LoanQualityController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly collectibility: LoanCollectibility,
    private readonly approvals: ApprovalService,
  ) {}

  @Get('loan-collectibility')
  @Allow(...readerRoles)
  settings(@Param('cooperativeId') cooperativeId: string) {
    return this.scope.run((tx) => this.collectibility.settings(tx, cooperativeId), {
      readOnly: true,
    });
  }

  /** 202: the preset and rates take effect when a second manager approves. */
  @Post('loan-collectibility')
  @HttpCode(202)
  @Allow('manager')
  changeSettings(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: CollectibilityChangeRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { reason, ...settings } = body;
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: collectibilityChangeType,
      payload: settings,
      reason,
    });
  }

  /**
   * Running loans by grade (count, principal, collateral credit, allowance required) and each
   * product's allowance required and booked, as the end of day booked them through `asOf`.
   */
  @Get('loan-provisions')
  @Allow('manager', 'supervisor', 'auditor')
  provisions(@Param('cooperativeId') cooperativeId: string, @Query() query: AsOfQuery) {
    return this.scope.run(
      (tx) => this.collectibility.provisionSummary(tx, cooperativeId, query.asOf),
      { isolation: 'REPEATABLE READ', readOnly: true },
    );
  }

  /** Grades a running loan worse than it stands today; the day's end of day books it. */
  @Post('loans/:loanId/grade-downgrades')
  @Allow('manager')
  downgrade(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Body() body: DowngradeRequestBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) =>
      this.collectibility.downgrade(tx, cooperativeId, actorIn(principal, cooperativeId), loanId, {
        grade: body.grade,
        reason: body.reason,
      }),
    );
  }

  /** 202: the standing downgrade ends when a second manager approves (`loans.grade.lift`). */
  @Post('loans/:loanId/grade-downgrades/lifting')
  @HttpCode(202)
  @Allow('manager')
  lift(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Body() body: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: gradeLiftType,
      payload: { loanId },
      reason: body.reason,
    });
  }
}
