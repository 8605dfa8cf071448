import { LedgerExportJobs } from '@lumbung/exports';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import {
  jobMetrics,
  ledgerExportJob,
  ledgerExportQueue,
  reconcileLedgerExportsJob,
} from '../queues';
import type { ExportAttemptJob } from './export-attempt-job';
import { LedgerExportReconciler } from './ledger-export.reconciler';

/**
 * Two at a time: an export takes minutes, and the reconciliation must not wait behind it. The
 * lock is renewed while the export runs; a worker that dies leaves its attempt to the reconciler.
 */
@Processor(ledgerExportQueue, { concurrency: 2, lockDuration: 60_000, metrics: jobMetrics })
export class LedgerExportProcessor extends WorkerHost {
  private readonly logger = new Logger(LedgerExportProcessor.name);

  constructor(
    private readonly jobs: LedgerExportJobs,
    private readonly reconciler: LedgerExportReconciler,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case ledgerExportJob: {
        const { cooperativeId, exportId, attempt } = job.data as ExportAttemptJob;
        const outcome = await this.jobs.runAttempt(cooperativeId, exportId, attempt);
        this.logger.log(`ledger export ${exportId}: attempt ${attempt}: ${outcome}`);
        return { outcome };
      }
      case reconcileLedgerExportsJob:
        return this.reconciler.reconcile();
      default:
        throw new Error(`Unknown job ${job.name}`);
    }
  }
}
