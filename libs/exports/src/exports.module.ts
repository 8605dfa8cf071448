import { LedgerModule } from '@lumbung/ledger';
import { Module } from '@nestjs/common';
import { FinancialStatementsService } from './application/financial-statements.service';
import { EXPORT_CHUNK_BYTES } from './application/export-chunk-bytes';
import { LedgerExportJobs } from './application/ledger-export-jobs';
import { exportChunkBytes } from './domain/export-job';
import { LedgerExportService } from './application/ledger-export.service';

/**
 * Exports that other tools verify (issue 11): the general ledger as CSV, JSON Lines, an hledger
 * journal and a Beancount file, streamed from one snapshot or run as a worker job, and a period's
 * financial statements. Needs DatabaseModule (and AuditModule, for asking for an export job)
 * registered by the application; reads the books, and writes only export jobs and their files.
 */
@Module({
  imports: [LedgerModule],
  providers: [
    LedgerExportService,
    LedgerExportJobs,
    FinancialStatementsService,
    { provide: EXPORT_CHUNK_BYTES, useValue: exportChunkBytes },
  ],
  exports: [LedgerExportService, LedgerExportJobs, FinancialStatementsService],
})
export class ExportsModule {}
