/**
 * The ledger export without Nest or TypeORM, for a process that must stay small (the CLI's
 * `export ledger`, held to 128 MB): streamLedgerExport over a session of its own connection, and
 * the offline check of a whole-blocks export (`verify-chain --export`), which needs no database.
 * index.ts re-exports all of it beside the Nest module.
 */
export {
  exportBatchSize,
  exportSessionSettings,
  type LedgerExportOptions,
  type LedgerExportRequest,
  type LedgerExportSink,
  type LedgerExportStart,
  type LedgerExportSummary,
  streamLedgerExport,
} from './application/ledger-export';
export {
  isLedgerExportFormat,
  type LedgerExportFormat,
  ledgerExportFileName,
  ledgerExportFormats,
  ledgerExportMedia,
} from './domain/export-format';
export {
  ledgerExportRange,
  type LedgerExportRange,
  openingDate,
  wholeBlocksFormats,
} from './domain/export-request';
export {
  ExportChainVerifier,
  type ExportFinding,
  type ExportFindingKind,
  type ExportVerification,
  NotWholeBlocksExportError,
} from './application/export-verification';
export { wholeBlocksFileName } from './application/whole-blocks-export';
export { verifyExportFile } from './infrastructure/export-file-verification';
export { type ExportChainHead, type ExportHeader } from './domain/export-records';
export { csvLedgerColumns } from './domain/csv-ledger';
export { ledgerColumns, numberColumns } from './domain/ledger-rows';
export { exportSheetName, ledgerSheetName, maxSheetRows } from './domain/xlsx-ledger';
export { journalComponent, journalRoots } from './domain/journal-account-names';
export { type ExportSession } from './infrastructure/export-session';
export {
  ExportConnectError,
  type ExportConnection,
  withExportSnapshot,
} from './infrastructure/pg-snapshot';
