import { ledgerExportRange, LedgerExportService } from '@lumbung/exports';
import { Controller, Get, Logger, Param, Query, Res } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../auth/access';
import { drained } from '../http/drained';
import { LedgerExportQuery } from './ledger-export.dto';

/**
 * The general ledger for a range of value dates, streamed as a file from one snapshot (see
 * libs/exports). Everything that can be refused is refused before the first byte, as
 * problem+json; once the file has started, a failure can only cut the transfer short (the CSV
 * aside, every format ends with a line that says it is complete).
 */
@ApiTags('exports')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId')
export class LedgerExportController {
  private readonly logger = new Logger('LedgerExport');

  constructor(private readonly exports: LedgerExportService) {}

  @Get('ledger-export')
  @Allow('manager', 'supervisor', 'auditor')
  @ApiProduces(
    'text/csv',
    'application/jsonl',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/plain',
  )
  async ledgerExport(
    @Param('cooperativeId') cooperativeId: string,
    @Query() query: LedgerExportQuery,
    @Res() response: Response,
  ): Promise<void> {
    const range = ledgerExportRange(query);
    let started = false;
    try {
      await this.exports.export(
        { cooperativeId, ...range },
        {
          start: ({ fileName, contentType, header }) => {
            response.status(200);
            response.setHeader('Content-Type', contentType);
            response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
            response.setHeader('Cache-Control', 'no-store');
            response.setHeader(
              'Lumbung-Chain-Head',
              header.chainHead ? `${header.chainHead.sequence}:${header.chainHead.hash}` : 'none',
            );
            started = true;
          },
          write: (chunk) => {
            // A client that hung up stops the reading too, not only the sending.
            if (response.destroyed) throw new Error('the client went away');
            if (chunk !== '' && !response.write(chunk)) return drained(response);
          },
        },
      );
      response.end();
    } catch (error) {
      if (!started) throw error;
      this.logger.error(`ledger export of ${cooperativeId} cut short: ${String(error)}`);
      response.destroy();
    }
  }
}
