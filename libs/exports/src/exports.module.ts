import { LedgerModule } from '@lumbung/ledger';
import { Module } from '@nestjs/common';
import { FinancialStatementsService } from './application/financial-statements.service';
import { LedgerExportService } from './application/ledger-export.service';

/**
 * Exports that other tools verify (issue 11): the general ledger as CSV, JSON Lines, an hledger
 * journal and a Beancount file, streamed from one snapshot, and a period's financial statements.
 * Needs DatabaseModule registered by the application; reads the books, writes nothing.
 */
@Module({
  imports: [LedgerModule],
  providers: [LedgerExportService, FinancialStatementsService],
  exports: [LedgerExportService, FinancialStatementsService],
})
export class ExportsModule {}
