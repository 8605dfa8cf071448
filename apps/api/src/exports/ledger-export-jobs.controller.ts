import { type Principal } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { type ExportJob, LedgerExportJobs } from '@lumbung/exports';
import { Body, Controller, Get, HttpCode, Logger, Param, Post, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentPrincipal } from '../auth/access';
import { drained } from '../http/drained';
import { LedgerExportQueue } from './ledger-export-queue';
import { LedgerExportJobRequest } from './ledger-export.dto';

const readOnly = { readOnly: true } as const;

/**
 * Ledger exports too large for one response, as worker jobs (libs/exports LedgerExportJobs): 202
 * with the job, its state and progress while the worker writes the file into PostgreSQL, then
 * the file from whichever api process is asked, a chunk at a time.
 */
@ApiTags('exports')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/ledger-exports')
export class LedgerExportJobsController {
  private readonly logger = new Logger('LedgerExportJobs');

  constructor(
    private readonly scope: TransactionScope,
    private readonly jobs: LedgerExportJobs,
    private readonly queue: LedgerExportQueue,
  ) {}

  /**
   * Moves no money, so no Idempotency-Key: asking twice makes two exports. The worker is told
   * once the export is committed (the reconciler would find it too, only later).
   */
  @Post()
  @HttpCode(202)
  @Allow('manager', 'supervisor', 'auditor')
  async request(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: LedgerExportJobRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    const job = await this.scope.run((tx) =>
      this.jobs.request(tx, cooperativeId, principal.userId, body),
    );
    await this.queue.enqueueFirstAttempt(cooperativeId, job.id);
    return present(cooperativeId, job);
  }

  @Get(':exportId')
  @Allow('manager', 'supervisor', 'auditor')
  async view(@Param('cooperativeId') cooperativeId: string, @Param('exportId') exportId: string) {
    const job = await this.scope.run((tx) => this.jobs.view(tx, cooperativeId, exportId), readOnly);
    return present(cooperativeId, job);
  }

  /** 409 before the export is complete; the file is sent a stored chunk at a time. */
  @Get(':exportId/file')
  @Allow('manager', 'supervisor', 'auditor')
  async file(
    @Param('cooperativeId') cooperativeId: string,
    @Param('exportId') exportId: string,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.scope.run(
      (tx) => this.jobs.file(tx, cooperativeId, exportId),
      readOnly,
    );
    response.status(200);
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    response.setHeader('Content-Length', String(file.bytes));
    response.setHeader('Cache-Control', 'no-store');
    try {
      for (let seq = 0; seq < file.chunks; seq++) {
        const chunk = await this.jobs.chunk(cooperativeId, exportId, file, seq);
        if (!response.write(chunk)) await drained(response);
      }
      response.end();
    } catch (error) {
      this.logger.error(`ledger export ${exportId}: download cut short: ${String(error)}`);
      response.destroy();
    }
  }
}

function present(cooperativeId: string, job: ExportJob) {
  const path = `/cooperatives/${cooperativeId}/ledger-exports/${job.id}`;
  return { ...job, self: path, file: job.state === 'complete' ? `${path}/file` : null };
}
