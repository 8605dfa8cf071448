import { ApprovalService } from '@lumbung/approvals';
import { type Principal, readerRoles } from '@lumbung/auth';
import {
  CrossBorderFacilities,
  CrossBorderLimits,
  crossBorderSettingsChangeType,
  exposureLimitChangeType,
  CrossBorderSettlements,
  FacilityMoney,
  FxRevaluation,
} from '@lumbung/cross-border';
import { IdempotentRequests, TransactionScope } from '@lumbung/database';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { actorIn } from '../approvals/actor';
import { Allow, CurrentPrincipal } from '../auth/access';
import { IdempotencyKey, type IdempotencyInput, MovesMoney } from '../http/idempotency';
import {
  CrossBorderSettingsRequest,
  DrawdownBody,
  ExposureLimitRequest,
  FacilityListQuery,
  FacilityRepaymentBody,
  FacilityRequestBody,
  ReconciliationQuery,
  RevaluationQuery,
  SettlementBody,
} from './cross-border.dto';
import { submitRequest } from '../approvals/submit-request';

const readOnly = { isolation: 'REPEATABLE READ', readOnly: true } as const;

/**
 * Facilities to partner cooperatives: requested by a manager, approved by two other managers
 * (a supervisor too for a related partner or above the threshold) through
 * `cross-border.facility.approve`; exposure limits and the threshold change with four eyes.
 * Drawdowns and repayments are a manager's (a bank transfer abroad, never a teller's cash) and
 * move money: they need an Idempotency-Key, and a retry replays the first answer.
 */
@ApiTags('cross-border')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId')
export class FacilitiesController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly facilities: CrossBorderFacilities,
    private readonly limits: CrossBorderLimits,
    private readonly approvals: ApprovalService,
    private readonly money: FacilityMoney,
    private readonly revaluations: FxRevaluation,
    private readonly settlements: CrossBorderSettlements,
    private readonly idempotent: IdempotentRequests,
  ) {}

  /** 201 with the facility, `requested`, and its approval request. Moves no money yet. */
  @Post('facilities')
  @Allow('manager')
  request(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: FacilityRequestBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) =>
      this.facilities.request(tx, cooperativeId, actorIn(principal, cooperativeId), body),
    );
  }

  @Get('facilities')
  @Allow(...readerRoles)
  list(@Param('cooperativeId') cooperativeId: string, @Query() query: FacilityListQuery) {
    return this.scope.run((tx) => this.facilities.list(tx, cooperativeId, query), readOnly);
  }

  @Get('facilities/:facilityId')
  @Allow(...readerRoles)
  facility(@Param('cooperativeId') cooperativeId: string, @Param('facilityId') facilityId: string) {
    return this.scope.run((tx) => this.facilities.view(tx, cooperativeId, facilityId), readOnly);
  }

  /** 201: paid out of the operating bank account, within the limit and the exposure limits. */
  @Post('facilities/:facilityId/drawdowns')
  @Allow('manager')
  @MovesMoney()
  drawdown(
    @Param('cooperativeId') cooperativeId: string,
    @Param('facilityId') facilityId: string,
    @Body() body: DrawdownBody,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => ({
        status: 201,
        body: await this.money.drawdown(
          tx,
          cooperativeId,
          actorIn(principal, cooperativeId),
          facilityId,
          body,
        ),
      })),
    );
  }

  @Get('facilities/:facilityId/drawdowns')
  @Allow(...readerRoles)
  drawdowns(
    @Param('cooperativeId') cooperativeId: string,
    @Param('facilityId') facilityId: string,
  ) {
    return this.scope.run(
      async (tx) => ({ items: await this.money.drawdowns(tx, cooperativeId, facilityId) }),
      readOnly,
    );
  }

  /** 201: received into the operating bank account; realised FX on the principal. */
  @Post('facilities/:facilityId/repayments')
  @Allow('manager')
  @MovesMoney()
  repay(
    @Param('cooperativeId') cooperativeId: string,
    @Param('facilityId') facilityId: string,
    @Body() body: FacilityRepaymentBody,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => ({
        status: 201,
        body: await this.money.repay(
          tx,
          cooperativeId,
          actorIn(principal, cooperativeId),
          facilityId,
          body,
        ),
      })),
    );
  }

  @Get('facilities/:facilityId/repayments')
  @Allow(...readerRoles)
  repayments(
    @Param('cooperativeId') cooperativeId: string,
    @Param('facilityId') facilityId: string,
  ) {
    return this.scope.run(
      async (tx) => ({ items: await this.money.repayments(tx, cooperativeId, facilityId) }),
      readOnly,
    );
  }

  /** The month-end revaluation of a month, per currency (the end of day posts it). */
  @Get('fx-revaluations')
  @Allow(...readerRoles)
  fxRevaluations(@Param('cooperativeId') cooperativeId: string, @Query() query: RevaluationQuery) {
    return this.scope.run(
      async (tx) => ({ items: await this.revaluations.ofMonth(tx, cooperativeId, query.month) }),
      readOnly,
    );
  }

  /**
   * 201: the borrower books its side of a settlement its lender on Lumbung booked (the settlement
   * id from the lender's drawdown or repayment), in this book only.
   */
  @Post('settlements')
  @Allow('manager')
  @MovesMoney()
  recordSettlement(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: SettlementBody,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => ({
        status: 201,
        body: await this.settlements.record(
          tx,
          cooperativeId,
          actorIn(principal, cooperativeId),
          body,
        ),
      })),
    );
  }

  /** Matched, unmatched and mismatched settlements with a partner that is on Lumbung too. */
  @Get('settlements/reconciliation')
  @Allow('manager', 'supervisor', 'auditor')
  reconciliation(
    @Param('cooperativeId') cooperativeId: string,
    @Query() query: ReconciliationQuery,
  ) {
    return this.scope.run(
      (tx) => this.settlements.reconciliation(tx, cooperativeId, query.partnerId),
      readOnly,
    );
  }

  @Get('exposure-limits')
  @Allow(...readerRoles)
  exposureLimits(@Param('cooperativeId') cooperativeId: string) {
    return this.scope.run((tx) => this.limits.view(tx, cooperativeId), readOnly);
  }

  /** 202: the limit takes effect when a second manager approves. */
  @Post('exposure-limits')
  @HttpCode(202)
  @Allow('manager')
  setExposureLimit(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: ExposureLimitRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { reason, ...limit } = body;
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: exposureLimitChangeType,
      payload: limit,
      reason,
    });
  }

  /** 202: the supervisor threshold changes when a second manager approves. */
  @Post('cross-border-settings')
  @HttpCode(202)
  @Allow('manager')
  changeSettings(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: CrossBorderSettingsRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { reason, ...settings } = body;
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: crossBorderSettingsChangeType,
      payload: settings,
      reason,
    });
  }
}
