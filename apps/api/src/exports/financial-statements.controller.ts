import { TransactionScope } from '@lumbung/database';
import { FinancialStatementsService, type PresentedStatements } from '@lumbung/exports';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access';
import { FinancialStatementsQuery } from './financial-statements.dto';

const readOnly = { isolation: 'REPEATABLE READ', readOnly: true } as const;

/**
 * A period's financial statements under SAK EP headings for managers, supervisors and auditors:
 * trial balance, financial position, results (member and non-member income apart), changes in
 * equity and cash flows, read in one snapshot. JSON by default; `format=csv|xlsx|pdf` downloads.
 */
@ApiTags('exports')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId')
export class FinancialStatementsController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly statements: FinancialStatementsService,
  ) {}

  @Get('financial-statements')
  @Allow('manager', 'supervisor', 'auditor')
  @ApiProduces(
    'application/json',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/pdf',
  )
  async financialStatements(
    @Param('cooperativeId') cooperativeId: string,
    @Query() query: FinancialStatementsQuery,
  ): Promise<PresentedStatements | StreamableFile> {
    const { format, statements } = await this.scope.run(
      (tx) => this.statements.read(tx, cooperativeId, query),
      readOnly,
    );
    if (format === 'json') return statements;
    const file = await this.statements.file(statements, format);
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.body.length,
    });
  }
}
