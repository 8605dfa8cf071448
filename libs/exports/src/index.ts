export { ExportsModule } from './exports.module';
export {
  exportBatchSize,
  type LedgerExportRequest,
  LedgerExportService,
  type LedgerExportSink,
  type LedgerExportStart,
  type LedgerExportSummary,
} from './application/ledger-export.service';
export {
  isLedgerExportFormat,
  type LedgerExportFormat,
  ledgerExportFileName,
  ledgerExportFormats,
  ledgerExportMedia,
  plannedLedgerExportFormats,
} from './domain/export-format';
export { ledgerExportRange, type LedgerExportRange, openingDate } from './domain/export-request';
export { type ExportChainHead, type ExportHeader } from './domain/export-records';
export { csvLedgerColumns } from './domain/csv-ledger';
export { journalComponent, journalRoots } from './domain/journal-account-names';
