import { type Principal, readerRoles } from '@lumbung/auth';
import { addDays, businessDate } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { CooperativeService, HolidayCalendar } from '@lumbung/ledger';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { Allow, CurrentPrincipal } from '../auth/access';
import { ReasonRequest } from '../auth/users.controller';

export class HolidayRequest {
  @ApiProperty({ example: '2026-12-25' })
  @IsString()
  date!: string;

  @ApiProperty({ example: 'Hari Raya Natal' })
  @IsString()
  name!: string;
}

export class HolidayRangeQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Default: today' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Default: a year after from' })
  @IsOptional()
  @IsString()
  to?: string;
}

/** The days a cooperative's office is closed besides Sundays; a manager keeps the calendar. */
@ApiTags('ledger')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/holidays')
export class HolidaysController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly calendar: HolidayCalendar,
    private readonly cooperatives: CooperativeService,
  ) {}

  @Get()
  @Allow(...readerRoles)
  list(@Param('cooperativeId') cooperativeId: string, @Query() query: HolidayRangeQuery) {
    return this.scope.run(
      async (tx) => {
        const from =
          query.from === undefined
            ? (await this.cooperatives.byId(tx, cooperativeId)).businessDate
            : businessDate(query.from, 'from');
        const to = query.to === undefined ? addDays(from, 365) : businessDate(query.to, 'to');
        return this.calendar.between(tx, cooperativeId, from, to);
      },
      { readOnly: true },
    );
  }

  @Post()
  @Allow('manager')
  declare(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: HolidayRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) => this.calendar.declare(tx, cooperativeId, principal.userId, body));
  }

  @Post(':date/withdrawal')
  @HttpCode(200)
  @Allow('manager')
  withdraw(
    @Param('cooperativeId') cooperativeId: string,
    @Param('date') date: string,
    @Body() body: ReasonRequest,
  ) {
    return this.scope.run(async (tx) => {
      await this.calendar.withdraw(tx, cooperativeId, date, body.reason);
      return { date, withdrawn: true };
    });
  }
}
