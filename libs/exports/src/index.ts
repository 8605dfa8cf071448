export * from './standalone';
export { ExportsModule } from './exports.module';
export { LedgerExportService } from './application/ledger-export.service';
export { listingWorkbook } from './application/listing-workbook';
export { listingAboutSheetName } from './domain/xlsx-listing';
export {
  FinancialStatementsService,
  type StatementsFile,
} from './application/financial-statements.service';
export { type PresentedStatements } from './domain/statement-document';
export { statementFormats } from './domain/statement-request';
export {
  type AttemptOutcome,
  LedgerExportJobs,
  type StoredFile,
} from './application/ledger-export-jobs';
export { EXPORT_CHUNK_BYTES } from './application/export-chunk-bytes';
export { type ExportJob, type ExportJobState, exportJobMaxAttempts } from './domain/export-job';
