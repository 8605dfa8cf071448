import type { Principal } from '@lumbung/auth';
import { businessDate } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { EndOfDayService } from '@lumbung/end-of-day';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access';
import { EndOfDayRunRequest } from './end-of-day.dto';

/**
 * A manager closes a day by hand (the worker does it after midnight anyway); the run itself is
 * the worker's: its reconciler finds the open run in PostgreSQL and enqueues the chunks.
 */
@ApiTags('end of day')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/end-of-day-runs')
export class EndOfDayController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly endOfDay: EndOfDayService,
  ) {}

  /** 202: opened (or already open, or complete: the same run); progress at GET .../{date}. */
  @Post()
  @HttpCode(202)
  @Allow('manager')
  open(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: EndOfDayRunRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    const date = body.date === undefined ? undefined : businessDate(body.date, 'date');
    return this.scope.run((tx) =>
      this.endOfDay.open(tx, cooperativeId, { date, actorId: principal.userId }),
    );
  }

  @Get(':date')
  @ApiParam({ name: 'date', example: '2026-11-20' })
  @Allow('manager', 'supervisor', 'auditor')
  progress(@Param('cooperativeId') cooperativeId: string, @Param('date') date: string) {
    const day = businessDate(date, 'date');
    return this.scope.run((tx) => this.endOfDay.view(tx, cooperativeId, day), { readOnly: true });
  }
}
