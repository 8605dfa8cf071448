import { Module } from '@nestjs/common';
import { LedgerExportService } from './application/ledger-export.service';

/**
 * Exports that other tools verify (issue 11): the general ledger as CSV, JSON Lines, an hledger
 * journal and a Beancount file, streamed from one snapshot. Needs DatabaseModule registered by
 * the application; reads the ledger's tables, writes nothing.
 */
@Module({
  providers: [LedgerExportService],
  exports: [LedgerExportService],
})
export class ExportsModule {}
