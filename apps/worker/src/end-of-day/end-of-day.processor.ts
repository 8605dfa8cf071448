import { TransactionScope } from '@lumbung/database';
import { EndOfDayService, type EodRunView } from '@lumbung/end-of-day';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { endOfDayQueue, eodChunkJob, eodRunJob, jobMetrics, reconcileEndOfDayJob } from '../queues';
import { type ChunkJobData, chunkLockMillis, type RunKey } from './end-of-day.jobs';
import { EndOfDayReconciler } from './end-of-day.reconciler';

/**
 * BullMQ is at-least-once and that is safe here: a chunk runs in its own transaction and a done
 * chunk returns at once, so a repeated or concurrent job changes nothing.
 */
@Processor(endOfDayQueue, { concurrency: 2, lockDuration: chunkLockMillis, metrics: jobMetrics })
export class EndOfDayProcessor extends WorkerHost {
  private readonly logger = new Logger(EndOfDayProcessor.name);

  constructor(
    private readonly endOfDay: EndOfDayService,
    private readonly reconciler: EndOfDayReconciler,
    private readonly scope: TransactionScope,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case eodChunkJob:
        return this.runChunk(job.data as ChunkJobData);
      case eodRunJob:
        return this.view(job.data as RunKey);
      case reconcileEndOfDayJob:
        return this.reconciler.reconcile();
      default:
        throw new Error(`Unknown job ${job.name}`);
    }
  }

  private async runChunk(chunk: ChunkJobData): Promise<{ runComplete: boolean }> {
    const { cooperativeId, businessDate, chunkNo } = chunk;
    try {
      const outcome = await this.endOfDay.runChunk(cooperativeId, businessDate, chunkNo);
      if (outcome.runComplete) {
        this.logger.log(`cooperative ${cooperativeId}: end of day ${businessDate} complete`);
        // Completing a run opens the next missed day: enqueue its chunks without waiting for
        // the next tick. Only a shortcut; the scheduled reconciliation would find them anyway.
        await this.reconciler
          .soon()
          .catch((error: unknown) => this.logger.warn(`no early reconciliation: ${String(error)}`));
      }
      return outcome;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The failure is kept on the chunk row, where the run's progress shows it; if even that
      // fails (PostgreSQL down), BullMQ's retry and the reconciler still bring the chunk back.
      await this.endOfDay
        .recordFailure(cooperativeId, businessDate, chunkNo, message)
        .catch((recordError: unknown) =>
          this.logger.warn(
            `cooperative ${cooperativeId}: end of day ${businessDate} chunk ${chunkNo}: failure not recorded: ${String(recordError)}`,
          ),
        );
      throw error;
    }
  }

  /**
   * Redis errors of the worker itself (a job's keys gone with a Redis restart, say): logged, not
   * thrown, since what a lost job was doing is still in PostgreSQL for the reconciler.
   */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`end-of-day worker: ${error.message}`);
  }

  /** The parent of a run's chunks: reports what PostgreSQL says, decides nothing. */
  private view(run: RunKey): Promise<EodRunView> {
    return this.scope.run((tx) => this.endOfDay.view(tx, run.cooperativeId, run.businessDate), {
      readOnly: true,
    });
  }
}
