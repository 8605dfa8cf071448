import { ApprovalService } from '@lumbung/approvals';
import { type Principal, readerRoles } from '@lumbung/auth';
import {
  CrossBorderFacilities,
  CrossBorderLimits,
  crossBorderSettingsChangeType,
  exposureLimitChangeType,
} from '@lumbung/cross-border';
import { TransactionScope } from '@lumbung/database';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { actorIn } from '../approvals/actor';
import { Allow, CurrentPrincipal } from '../auth/access';
import {
  CrossBorderSettingsRequest,
  ExposureLimitRequest,
  FacilityListQuery,
  FacilityRequestBody,
} from './cross-border.dto';

const readOnly = { isolation: 'REPEATABLE READ', readOnly: true } as const;

/**
 * Facilities to partner cooperatives: requested by a manager, approved by two other managers
 * (a supervisor too for a related partner or above the threshold) through
 * `cross-border.facility.approve`; exposure limits and the threshold change with four eyes.
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
    return this.scope.run((tx) =>
      this.approvals.submit(tx, {
        cooperativeId,
        type: exposureLimitChangeType,
        payload: limit,
        maker: actorIn(principal, cooperativeId),
        reason,
      }),
    );
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
    return this.scope.run((tx) =>
      this.approvals.submit(tx, {
        cooperativeId,
        type: crossBorderSettingsChangeType,
        payload: settings,
        maker: actorIn(principal, cooperativeId),
        reason,
      }),
    );
  }
}
