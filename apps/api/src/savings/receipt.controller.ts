import { readerRoles } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { ReceiptService, type ReceiptView } from '@lumbung/savings';
import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access';
import { ReceiptQuery } from './receipt.dto';
import { statementFile } from './statement-file';

/**
 * A receipt (kuitansi) by its gap-free number: JSON by default, `format=pdf` to print. Looking
 * one up changes nothing, so every answer is a copy (SALINAN / COPY) with the time printed.
 */
@ApiTags('savings')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/receipts')
export class ReceiptController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly receipts: ReceiptService,
  ) {}

  @Get(':receiptNumber')
  @Allow(...readerRoles)
  @ApiProduces('application/json', 'application/pdf')
  @ApiParam({ name: 'receiptNumber', example: '42' })
  async receipt(
    @Param('cooperativeId') cooperativeId: string,
    @Param('receiptNumber') receiptNumber: string,
    @Query() query: ReceiptQuery,
  ): Promise<ReceiptView | StreamableFile> {
    const receipt = await this.scope.run(
      (tx) => this.receipts.receipt(tx, cooperativeId, receiptNumber, query.lang ?? 'id'),
      { isolation: 'REPEATABLE READ', readOnly: true },
    );
    return query.format === 'pdf' ? statementFile(this.receipts.document(receipt)) : receipt;
  }
}
