import { type BusinessDate, businessDate } from '@lumbung/core';
import { TransactionScope, type Tx } from '@lumbung/database';
import {
  ChartService,
  type Cooperative,
  LedgerQueryService,
  PeriodService,
  periodReopenType,
} from '@lumbung/ledger';
import { ApprovalService } from '@lumbung/approvals';
import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { type Principal, readerRoles } from '@lumbung/auth';
import { submitRequest } from '../approvals/submit-request';
import { Allow, CurrentPrincipal } from '../auth/access';
import { CooperativeScopeGuard, ScopedCooperative } from './cooperative-scope.guard';
import { ReopenRequest } from '../approvals/approvals.dto';
import { AsOfQuery, PageQuery } from './ledger-queries.dto';
import { presentTrialBalance } from './trial-balance.presenter';

/** Reads of a cooperative's books, plus month close. Postings are made by domain routes only. */
@ApiTags('ledger')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Allow(...readerRoles)
@UseGuards(CooperativeScopeGuard)
@Controller('cooperatives/:cooperativeId')
export class LedgerController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly charts: ChartService,
    private readonly queries: LedgerQueryService,
    private readonly periods: PeriodService,
    private readonly approvals: ApprovalService,
  ) {}

  @Get()
  cooperative(@ScopedCooperative() cooperative: Cooperative): Cooperative {
    return cooperative;
  }

  @Get('accounts')
  async accounts(@ScopedCooperative() cooperative: Cooperative, @Query() page: PageQuery) {
    const limit = page.limit ?? 100;
    const items = await this.read((tx) =>
      this.charts.chartPage(tx, cooperative.id, { after: page.after, limit }),
    );
    return { items, next: items.length === limit ? items[items.length - 1].code : null };
  }

  @Get('accounts/:accountId')
  balance(
    @ScopedCooperative() cooperative: Cooperative,
    @Param('accountId') accountId: string,
    @Query() query: AsOfQuery,
  ) {
    const asOf = query.asOf === undefined ? undefined : businessDate(query.asOf, 'asOf');
    return this.read((tx) => this.queries.balance(tx, cooperative.id, accountId, asOf));
  }

  @Get('accounts/:accountId/statement')
  async statement(
    @ScopedCooperative() cooperative: Cooperative,
    @Param('accountId') accountId: string,
    @Query() page: PageQuery,
  ) {
    const result = await this.read((tx) =>
      this.queries.statement(tx, cooperative.id, accountId, {
        after: page.after,
        limit: page.limit,
      }),
    );
    return { account: result.account, items: result.lines, next: result.nextCursor };
  }

  @Get('entries/:entryId')
  entry(@ScopedCooperative() cooperative: Cooperative, @Param('entryId') entryId: string) {
    return this.read((tx) => this.queries.entry(tx, cooperative.id, entryId));
  }

  @Get('trial-balance')
  async trialBalance(@ScopedCooperative() cooperative: Cooperative, @Query() query: AsOfQuery) {
    const asOf: BusinessDate =
      query.asOf === undefined ? cooperative.businessDate : businessDate(query.asOf, 'asOf');
    const tb = await this.read((tx) => this.queries.trialBalance(tx, cooperative.id, asOf));
    return presentTrialBalance(cooperative.code, tb);
  }

  @Post('periods/:month/close')
  @HttpCode(200)
  @Allow('manager')
  @ApiParam({ name: 'month', example: '2026-10' })
  closeMonth(
    @ScopedCooperative() cooperative: Cooperative,
    @Param('month') month: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) =>
      this.periods.closeMonth(tx, cooperative.id, month, principal.userId),
    );
  }

  /** A closed month reopens only once a second manager approves (202: the request waits). */
  @Post('periods/:month/reopen')
  @HttpCode(202)
  @Allow('manager')
  @ApiParam({ name: 'month', example: '2026-10' })
  reopenMonth(
    @ScopedCooperative() cooperative: Cooperative,
    @Param('month') month: string,
    @Body() body: ReopenRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId: cooperative.id,
      type: periodReopenType,
      payload: { month },
      reason: body.reason,
    });
  }

  /** Reports read one consistent snapshot. */
  private read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.scope.run(work, { isolation: 'REPEATABLE READ', readOnly: true });
  }
}
