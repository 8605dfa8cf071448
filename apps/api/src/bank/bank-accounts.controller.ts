import { type Principal, readerRoles } from '@lumbung/auth';
import { InvalidInputError } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { BankAccountService, BankStatementService, statementColumns } from '@lumbung/ledger';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentPrincipal } from '../auth/access';
import { csvTextOf } from '../http/csv-body';
import { OpenBankAccountBody, ReconciliationQuery, ToleranceQuery } from './bank.dto';

/**
 * The cooperative's bank accounts (leaves under 1-12), their statements imported from CSV and
 * matched with the bank leaf's postings, and the reconciliation that lists what is left.
 */
@ApiTags('bank accounts')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/bank-accounts')
export class BankAccountsController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly banks: BankAccountService,
    private readonly statements: BankStatementService,
  ) {}

  @Post()
  @Allow('manager')
  open(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: OpenBankAccountBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) => this.banks.open(tx, cooperativeId, principal.userId, body));
  }

  @Get()
  @Allow(...readerRoles)
  list(@Param('cooperativeId') cooperativeId: string) {
    return this.scope.run((tx) => this.banks.list(tx, cooperativeId), { readOnly: true });
  }

  /**
   * A statement file (`text/csv`, or JSON `{ "csv": "..." }`): header with date, description,
   * amount and optionally reference, balance. A bad line refuses the file with every line's
   * problems (400); lines imported before are skipped; then the unmatched lines are matched.
   */
  @Post(':bankAccountId/statements')
  @Allow('teller', 'manager')
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    schema: {
      type: 'string',
      example: `${statementColumns.join(',')}\n2026-11-18,BIAYA ADM,-6500.00,,1243500.00\n`,
    },
  })
  async importStatement(
    @Param('cooperativeId') cooperativeId: string,
    @Param('bankAccountId') bankAccountId: string,
    @Query() query: ToleranceQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CurrentPrincipal() principal: Principal,
  ) {
    const csv = await csvTextOf(request, response);
    if (csv === undefined) {
      throw new InvalidInputError('A statement file is needed', [
        { field: 'body', message: 'text/csv, or JSON { "csv": "..." }' },
      ]);
    }
    return this.scope.run((tx) =>
      this.statements.import(tx, cooperativeId, bankAccountId, {
        csv,
        importedBy: principal.userId,
        toleranceDays: query.toleranceDays,
      }),
    );
  }

  @Post(':bankAccountId/matching')
  @HttpCode(200)
  @Allow('teller', 'manager')
  match(
    @Param('cooperativeId') cooperativeId: string,
    @Param('bankAccountId') bankAccountId: string,
    @Query() query: ToleranceQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) =>
      this.statements.match(tx, cooperativeId, bankAccountId, {
        actorId: principal.userId,
        toleranceDays: query.toleranceDays,
      }),
    );
  }

  @Get(':bankAccountId/reconciliation')
  @Allow(...readerRoles)
  reconciliation(
    @Param('cooperativeId') cooperativeId: string,
    @Param('bankAccountId') bankAccountId: string,
    @Query() query: ReconciliationQuery,
  ) {
    return this.scope.run(
      (tx) => this.statements.reconciliation(tx, cooperativeId, bankAccountId, query),
      { readOnly: true },
    );
  }
}
