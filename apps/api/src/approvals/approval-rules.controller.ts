import { ApprovalRuleService, ApprovalService, ruleSetType } from '@lumbung/approvals';
import { type Principal, readerRoles } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access';
import { RuleChangeRequest } from './approvals.dto';
import { submitRequest } from './submit-request';

/** Who must approve what, per action type and amount; changing it needs approval too. */
@ApiTags('approvals')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/approval-rules')
export class ApprovalRulesController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly rules: ApprovalRuleService,
    private readonly approvals: ApprovalService,
  ) {}

  @Get()
  @Allow(...readerRoles)
  list(@Param('cooperativeId') cooperativeId: string) {
    return this.scope.run((tx) => this.rules.rulesFor(tx, cooperativeId), { readOnly: true });
  }

  @Post(':type')
  @HttpCode(202)
  @Allow('manager')
  @ApiParam({ name: 'type', example: 'ledger.period.reopen' })
  change(
    @Param('cooperativeId') cooperativeId: string,
    @Param('type') type: string,
    @Body() body: RuleChangeRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: ruleSetType,
      payload: { type, tiers: body.tiers },
      reason: body.reason,
    });
  }
}
