import { type Principal, readerRoles } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { type PassbookPrintout, PassbookService } from '@lumbung/savings';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  type StreamableFile,
} from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access';
import { PassbookPrintQuery, PassbookReprintRequest } from './passbook.dto';
import { statementFile } from './statement-file';

/**
 * The buku tabungan of one account. Printing moves no money, so it takes no Idempotency-Key;
 * a repeated print finds nothing new to print. It answers 200 with the lines printed (or, with
 * `format=pdf`, the passbook pages to put in the printer).
 */
@ApiTags('savings')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/savings-accounts/:accountId/passbook')
export class PassbookController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly passbooks: PassbookService,
  ) {}

  @Get()
  @Allow(...readerRoles)
  position(@Param('cooperativeId') cooperativeId: string, @Param('accountId') accountId: string) {
    return this.scope.run((tx) => this.passbooks.position(tx, cooperativeId, accountId), {
      isolation: 'REPEATABLE READ',
      readOnly: true,
    });
  }

  @Post('print')
  @Allow('teller')
  @HttpCode(200)
  @ApiProduces('application/json', 'application/pdf')
  async print(
    @Param('cooperativeId') cooperativeId: string,
    @Param('accountId') accountId: string,
    @Query() query: PassbookPrintQuery,
    @CurrentPrincipal() teller: Principal,
  ): Promise<PassbookPrintout | StreamableFile> {
    const printout = await this.scope.run((tx) =>
      this.passbooks.print(tx, cooperativeId, teller.userId, accountId, query.lang ?? 'id'),
    );
    return this.answer(printout, query);
  }

  /** A replacement passbook from `fromLine`, with the reason in the audit log. */
  @Post('reprint')
  @Allow('teller')
  @HttpCode(200)
  @ApiProduces('application/json', 'application/pdf')
  async reprint(
    @Param('cooperativeId') cooperativeId: string,
    @Param('accountId') accountId: string,
    @Query() query: PassbookPrintQuery,
    @Body() body: PassbookReprintRequest,
    @CurrentPrincipal() teller: Principal,
  ): Promise<PassbookPrintout | StreamableFile> {
    const printout = await this.scope.run((tx) =>
      this.passbooks.reprint(tx, cooperativeId, teller.userId, accountId, body, query.lang ?? 'id'),
    );
    return this.answer(printout, query);
  }

  private answer(printout: PassbookPrintout, query: PassbookPrintQuery) {
    return query.format === 'pdf' ? statementFile(this.passbooks.document(printout)) : printout;
  }
}
