import { MetricsTime } from 'bullmq';

/** Queue names; tests give each suite its own Redis key prefix so workers never share jobs. */
export const defaultQueuePrefix = 'lumbung';
export const businessDateQueue = 'business-date';
export const rollBusinessDatesJob = 'roll-business-dates';
export const journalSealingQueue = 'journal-sealing';
export const sealJournalsJob = 'seal-journals';
export const endOfDayQueue = 'end-of-day';
export const eodChunkJob = 'eod-chunk';
export const eodRunJob = 'eod-run';
export const reconcileEndOfDayJob = 'eod-reconcile';
export const ledgerExportQueue = 'ledger-exports';
export const ledgerExportJob = 'ledger-export';
export const reconcileLedgerExportsJob = 'ledger-export-reconcile';
/** Every queue above, as the api's read-only board lists them. */
export const workerQueues = [
  businessDateQueue,
  journalSealingQueue,
  endOfDayQueue,
  ledgerExportQueue,
] as const;
/** Completed and failed counts per minute for a week, which the api's /metrics reads. */
export const jobMetrics = { maxDataPoints: MetricsTime.ONE_WEEK };
