import { ApprovalService } from '@lumbung/approvals';
import { type Principal, readerRoles } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { lendingLimitsChangeType, loanProductChangeType, LoanProducts } from '@lumbung/loans';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access';
import { LendingLimitsRequest, LoanProductChangeRequest } from './loans.dto';
import { submitRequest } from '../approvals/submit-request';

/** Loan products and lending limits: read by all staff, changed with a second manager. */
@ApiTags('loans')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId')
export class LoanSetupController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly products: LoanProducts,
    private readonly approvals: ApprovalService,
  ) {}

  @Get('loan-products')
  @Allow(...readerRoles)
  list(@Param('cooperativeId') cooperativeId: string) {
    return this.scope.run((tx) => this.products.list(tx, cooperativeId), { readOnly: true });
  }

  /** 202: the product (or its new terms) takes effect when a second manager approves. */
  @Post('loan-products')
  @HttpCode(202)
  @Allow('manager')
  change(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: LoanProductChangeRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { reason, ...product } = body;
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: loanProductChangeType,
      payload: product,
      reason,
    });
  }

  @Get('lending-limits')
  @Allow(...readerRoles)
  limits(@Param('cooperativeId') cooperativeId: string) {
    return this.scope.run((tx) => this.products.limits(tx, cooperativeId), { readOnly: true });
  }

  @Post('lending-limits')
  @HttpCode(202)
  @Allow('manager')
  changeLimits(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: LendingLimitsRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { reason, ...limits } = body;
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: lendingLimitsChangeType,
      payload: limits,
      reason,
    });
  }
}
