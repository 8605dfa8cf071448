import { ApprovalService } from '@lumbung/approvals';
import { type Principal, readerRoles } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import {
  productChangeType,
  ProductService,
  SavingsReports,
  settingsChangeType,
} from '@lumbung/savings';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access';
import { DateRangeQuery, ProductChangeRequest, SettingsChangeRequest } from './savings.dto';
import { submitRequest } from '../approvals/submit-request';

/** Products, the teller limit and the cash threshold: read by all, changed with four eyes. */
@ApiTags('savings')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId')
export class SavingsSetupController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly products: ProductService,
    private readonly reports: SavingsReports,
    private readonly approvals: ApprovalService,
  ) {}

  @Get('savings-products')
  @Allow(...readerRoles)
  list(@Param('cooperativeId') cooperativeId: string) {
    return this.scope.run((tx) => this.products.list(tx, cooperativeId), { readOnly: true });
  }

  /** 202: the product (or its new rate) takes effect when a second manager approves. */
  @Post('savings-products')
  @HttpCode(202)
  @Allow('manager')
  change(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: ProductChangeRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { reason, ...product } = body;
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: productChangeType,
      payload: product,
      reason,
    });
  }

  @Get('savings-settings')
  @Allow(...readerRoles)
  settings(@Param('cooperativeId') cooperativeId: string) {
    return this.scope.run((tx) => this.reports.settings(tx, cooperativeId));
  }

  @Post('savings-settings')
  @HttpCode(202)
  @Allow('manager')
  changeSettings(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: SettingsChangeRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: settingsChangeType,
      payload: {
        tellerLimit: body.tellerLimit,
        cashReportThreshold: body.cashReportThreshold,
        cashRoundingUnit: body.cashRoundingUnit ?? null,
      },
      reason: body.reason,
    });
  }

  @Get('cash-threshold-flags')
  @Allow('manager', 'supervisor', 'auditor')
  flags(@Param('cooperativeId') cooperativeId: string, @Query() range: DateRangeQuery) {
    return this.scope.run((tx) => this.reports.cashFlags(tx, cooperativeId, range), {
      readOnly: true,
    });
  }
}
