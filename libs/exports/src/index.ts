export * from './standalone';
export { ExportsModule } from './exports.module';
export { LedgerExportService } from './application/ledger-export.service';
