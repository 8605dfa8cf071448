import { type Principal, readerRoles } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { LoanRestructurings } from '@lumbung/loans';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { actorIn } from '../approvals/actor';
import { Allow, CurrentPrincipal } from '../auth/access';
import { RestructuringRequestBody } from './loan-restructuring.dto';

const readOnly = { isolation: 'REPEATABLE READ', readOnly: true } as const;

/**
 * Restructuring a running loan: a manager asks for a new schedule of what remains
 * (`loans.restructuring`), two other managers approve, and the second approval restructures it
 * on that business date. Every restructuring and every schedule version stay readable.
 */
@ApiTags('loans')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@ApiParam({ name: 'loanId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/loans/:loanId')
export class LoanRestructuringController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly restructurings: LoanRestructurings,
  ) {}

  /** 202: the loan is restructured when the second of two other managers approves. */
  @Post('restructuring')
  @HttpCode(202)
  @Allow('manager')
  request(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Body() body: RestructuringRequestBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) =>
      this.restructurings.request(tx, cooperativeId, actorIn(principal, cooperativeId), loanId, {
        ...body,
      }),
    );
  }

  /** The loan's restructurings (before and after each) and the versions its schedule has had. */
  @Get('restructurings')
  @Allow(...readerRoles)
  history(@Param('cooperativeId') cooperativeId: string, @Param('loanId') loanId: string) {
    return this.scope.run((tx) => this.restructurings.history(tx, cooperativeId, loanId), readOnly);
  }

  /** One version of the loan's schedule as it was written. */
  @Get('schedule-versions/:version')
  @Allow(...readerRoles)
  scheduleVersion(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Param('version') version: string,
  ) {
    return this.scope.run(
      (tx) => this.restructurings.scheduleVersion(tx, cooperativeId, loanId, version),
      readOnly,
    );
  }
}
