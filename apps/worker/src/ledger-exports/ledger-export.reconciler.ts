import { exportJobMaxAttempts, LedgerExportJobs } from '@lumbung/exports';
import { InjectQueue } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { JobState, Queue } from 'bullmq';
import { KeptScheduler } from '../kept-scheduler';
import { ledgerExportJob, ledgerExportQueue, reconcileLedgerExportsJob } from '../queues';
import { attemptJobOptions, type ExportAttemptJob, exportAttemptJobId } from './export-attempt-job';

/** How often PostgreSQL's unfinished exports are held against Redis. */
export const reconcileExportsEveryMillis = 5_000;

/** A job in one of these states will still run: its attempt is in hand. */
const inHand = new Set<JobState | 'unknown'>(['waiting', 'active', 'delayed', 'prioritized']);

const reconcileRetention = { removeOnComplete: 100, removeOnFail: 1_000 };

/**
 * PostgreSQL, not Redis, knows which exports are unfinished (as for the end of day, DESIGN.md
 * section 5): at start and every few seconds, each export queued or running whose attempt no job
 * holds gets its next attempt enqueued; one whose last attempt ended without an outcome (its
 * worker died) is failed.
 */
@Injectable()
export class LedgerExportReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LedgerExportReconciler.name);
  private readonly scheduler: KeptScheduler;
  private previous: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectQueue(ledgerExportQueue) private readonly queue: Queue,
    private readonly jobs: LedgerExportJobs,
  ) {
    this.scheduler = new KeptScheduler(
      queue,
      reconcileLedgerExportsJob,
      reconcileExportsEveryMillis,
      reconcileRetention,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.scheduler.start();
    await this.queue.add(reconcileLedgerExportsJob, {}, reconcileRetention);
  }

  beforeApplicationShutdown(): void {
    this.scheduler.stop();
  }

  /** One pass at a time in this process: two could enqueue the same attempt side by side. */
  reconcile(): Promise<{ enqueued: number }> {
    const pass = this.previous.catch(() => undefined).then(() => this.pass());
    this.previous = pass;
    return pass;
  }

  private async pass(): Promise<{ enqueued: number }> {
    let enqueued = 0;
    for (const { cooperativeId, id, attempts } of await this.jobs.unfinished()) {
      if (attempts > 0 && inHand.has(await this.state(id, attempts))) continue;
      const attempt = attempts + 1;
      if (attempt > exportJobMaxAttempts) {
        await this.jobs.abandon(cooperativeId, id, attempts);
        this.logger.warn(`ledger export ${id}: attempt ${attempts}, the last, never ended`);
        continue;
      }
      if (inHand.has(await this.state(id, attempt))) continue;
      const data: ExportAttemptJob = { cooperativeId, exportId: id, attempt };
      await this.queue.add(ledgerExportJob, data, {
        ...attemptJobOptions,
        jobId: exportAttemptJobId(id, attempt),
      });
      enqueued++;
    }
    return { enqueued };
  }

  private state(exportId: string, attempt: number): Promise<JobState | 'unknown'> {
    return this.queue.getJobState(exportAttemptJobId(exportId, attempt));
  }
}
