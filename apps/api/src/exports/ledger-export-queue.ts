import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
// The worker owns its queues and job ids; files of constants, so the api takes them from there.
import {
  attemptJobOptions,
  type ExportAttemptJob,
  exportAttemptJobId,
} from '../../../worker/src/ledger-exports/export-attempt-job';
import { ledgerExportJob, ledgerExportQueue } from '../../../worker/src/queues';
import { withTimeout } from '../health/redis-probe';

/** How long a request waits on a connected Redis before leaving its export to the reconciler. */
const enqueueTimeoutMillis = 1_000;

/**
 * Hands a new export's first attempt to the worker when it is asked for, so it starts at once
 * instead of at the reconciler's next pass (every 5 s). Only after the export is committed, and
 * best effort: PostgreSQL owns the export, and the worker's reconciler enqueues any attempt no
 * job holds, so a Redis that does not answer costs the export a few seconds, never the request.
 * The job id is the reconciler's, so Redis holds the attempt once whoever adds it first, and an
 * attempt already run is not run again (the worker claims only the attempt after the last).
 */
@Injectable()
export class LedgerExportQueue implements OnModuleDestroy {
  private readonly logger = new Logger(LedgerExportQueue.name);
  private readonly redis: Redis;
  private readonly queue: Queue;

  constructor(redisUrl: string, prefix: string) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 1_000 });
    this.redis.on('error', () => undefined);
    // skipMetasUpdate: the worker sets its queue's meta, the api only adds jobs.
    this.queue = new Queue(ledgerExportQueue, {
      connection: this.redis,
      prefix,
      skipMetasUpdate: true,
    });
    this.queue.on('error', () => undefined);
  }

  async enqueueFirstAttempt(cooperativeId: string, exportId: string): Promise<void> {
    // Not connected (Redis away, or the api just started): no waiting on a connection.
    if (this.redis.status !== 'ready') {
      this.logger.warn(
        `ledger export ${exportId}: left to the worker's reconciler: Redis not ready`,
      );
      return;
    }
    const data: ExportAttemptJob = { cooperativeId, exportId, attempt: 1 };
    const options = { ...attemptJobOptions, jobId: exportAttemptJobId(exportId, 1) };
    try {
      await withTimeout(this.queue.add(ledgerExportJob, data, options), enqueueTimeoutMillis);
    } catch (error) {
      this.logger.warn(`ledger export ${exportId}: left to the worker's reconciler: ${error}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
  }
}
