import { readerRoles } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { type LoanStatement, LoanStatementService } from '@lumbung/loans';
import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access';
import { statementFile } from '../savings/statement-file';
import { LoanStatementQuery } from './loan-statement.dto';

/**
 * A loan's statement (terms, schedule with paid and unpaid amounts, repayments, principal
 * account): JSON by default, `format=csv` to download, or `format=pdf` to print. Every part is
 * read from one snapshot.
 */
@ApiTags('loans')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/loans')
export class LoanStatementController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly statements: LoanStatementService,
  ) {}

  @Get(':loanId/statement')
  @Allow(...readerRoles)
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  async statement(
    @Param('cooperativeId') cooperativeId: string,
    @Param('loanId') loanId: string,
    @Query() query: LoanStatementQuery,
  ): Promise<LoanStatement | StreamableFile> {
    const statement = await this.scope.run(
      (tx) =>
        this.statements.statement(tx, cooperativeId, loanId, {
          from: query.from,
          to: query.to,
          lang: query.lang ?? 'id',
        }),
      { isolation: 'REPEATABLE READ', readOnly: true },
    );
    const format = query.format ?? 'json';
    return format === 'json'
      ? statement
      : statementFile(this.statements.document(statement, format));
  }
}
