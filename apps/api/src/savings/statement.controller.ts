import { readerRoles } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { type MemberStatement, StatementService } from '@lumbung/savings';
import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access';
import { statementFile } from './statement-file';
import { StatementQuery } from './statement.dto';

/**
 * A member's savings statement for a period: JSON by default, `format=csv` to download, or
 * `format=pdf` to print. Every account is read from one snapshot.
 */
@ApiTags('savings')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId')
export class StatementController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly statements: StatementService,
  ) {}

  @Get('members/:memberId/statement')
  @Allow(...readerRoles)
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  async statement(
    @Param('cooperativeId') cooperativeId: string,
    @Param('memberId') memberId: string,
    @Query() query: StatementQuery,
  ): Promise<MemberStatement | StreamableFile> {
    const statement = await this.scope.run(
      (tx) =>
        this.statements.memberStatement(tx, cooperativeId, memberId, {
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
