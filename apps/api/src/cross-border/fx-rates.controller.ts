import { ApprovalService } from '@lumbung/approvals';
import { type Principal, readerRoles } from '@lumbung/auth';
import { businessDate, InvalidInputError } from '@lumbung/core';
import { CooperativeService } from '@lumbung/ledger';
import { fxCsvColumns, FxRates, fxRatesChangeType, parseFxCsv } from '@lumbung/cross-border';
import { TransactionScope } from '@lumbung/database';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorIn } from '../approvals/actor';
import { Allow, CurrentPrincipal } from '../auth/access';
import { FxRateListQuery, FxRatesRequest } from './cross-border.dto';
import { csvTextOf } from '../http/csv-body';
import { submitRequest } from '../approvals/submit-request';

/**
 * FX rates per pair and day, with their source. Entered or imported, they take effect together
 * when a second manager approves (`cross-border.fx-rates.set`); a rate is never changed.
 */
@ApiTags('cross-border')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/fx-rates')
export class FxRatesController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly rates: FxRates,
    private readonly cooperatives: CooperativeService,
    private readonly approvals: ApprovalService,
  ) {}

  @Get()
  @Allow(...readerRoles)
  list(@Param('cooperativeId') cooperativeId: string, @Query() query: FxRateListQuery) {
    const date = query.date === undefined ? undefined : businessDate(query.date, 'date');
    return this.scope.run(
      (tx) =>
        this.rates.list(tx, cooperativeId, {
          date,
          currency: query.currency,
          after: query.after,
          limit: query.limit ?? 50,
        }),
      { readOnly: true },
    );
  }

  /** 202: the rates are set when a second manager approves. */
  @Post()
  @HttpCode(202)
  @Allow('manager')
  enter(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: FxRatesRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { reason, ...rates } = body;
    return submitRequest(this.scope, this.approvals, principal, {
      cooperativeId,
      type: fxRatesChangeType,
      payload: rates,
      reason,
    });
  }

  /**
   * 202: a rate file (`text/csv`, or JSON `{ "csv": "..." }`) with the header
   * date,base,quote,rate,source. Every line is checked first: any bad line refuses the whole
   * file with each line's problems (400); a good file becomes one approval request.
   */
  @Post('import')
  @HttpCode(202)
  @Allow('manager')
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    schema: {
      type: 'string',
      example: `${fxCsvColumns.join(',')}\n2026-11-20,USD,IDR,16250.5,Bank Indonesia JISDOR\n`,
    },
  })
  async import(
    @Param('cooperativeId') cooperativeId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CurrentPrincipal() principal: Principal,
  ) {
    const text = await csvTextOf(request, response);
    if (text === undefined) {
      throw new InvalidInputError('A rate file is needed', [
        { field: 'body', message: 'text/csv, or JSON { "csv": "..." }' },
      ]);
    }
    return this.scope.run(async (tx) => {
      const { businessDate: today } = await this.cooperatives.byId(tx, cooperativeId);
      const rates = parseFxCsv(text, today);
      return this.approvals.submit(tx, {
        cooperativeId,
        type: fxRatesChangeType,
        payload: { rates },
        maker: actorIn(principal, cooperativeId),
        reason: `Imported from a rate file of ${rates.length} line${rates.length === 1 ? '' : 's'}`,
      });
    });
  }
}
