import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type JobState, Queue } from 'bullmq';
import { Redis } from 'ioredis';
// The worker owns the queue names; a file of constants, so the api takes them from there.
import { workerQueues } from '../../../worker/src/queues';
import { withTimeout } from './redis-probe';

/** Job states as BullMQ counts them, in the order metrics list them. */
export const jobStates = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
] as const satisfies readonly JobState[];

export interface QueueFigures {
  readonly queue: string;
  /** Workers connected to the queue now (Redis CLIENT LIST): 0 means nothing takes its jobs. */
  readonly workers: number;
  readonly jobs: Record<(typeof jobStates)[number], number>;
  /** Since the queue's metrics began (the workers record them); counters for Prometheus. */
  readonly completedTotal: number;
  readonly failedTotal: number;
}

const statsTimeoutMillis = 2_000;

/**
 * The worker's health and job figures as the api sees them in Redis: which queues have workers,
 * how many jobs wait or failed, how many completed. Reading only: no queue meta is written.
 */
@Injectable()
export class QueueStats implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly queues: Queue[];

  constructor(redisUrl: string, prefix: string) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 1_000 });
    this.redis.on('error', () => undefined);
    this.queues = workerQueues.map((name) => {
      const queue = new Queue(name, { connection: this.redis, prefix, skipMetasUpdate: true });
      queue.on('error', () => undefined);
      return queue;
    });
  }

  /** Every queue's figures, or null when Redis does not answer in time. */
  async read(): Promise<QueueFigures[] | null> {
    try {
      return await withTimeout(
        Promise.all(this.queues.map((queue) => figuresOf(queue))),
        statsTimeoutMillis,
      );
    } catch {
      return null;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    this.redis.disconnect();
  }
}

async function figuresOf(queue: Queue): Promise<QueueFigures> {
  const [counts, workers, completed, failed] = await Promise.all([
    queue.getJobCounts(...jobStates),
    queue.getWorkersCount(),
    queue.getMetrics('completed', 0, 0),
    queue.getMetrics('failed', 0, 0),
  ]);
  const jobs = Object.fromEntries(jobStates.map((state) => [state, counts[state] ?? 0]));
  return {
    queue: queue.name,
    workers,
    jobs: jobs as QueueFigures['jobs'],
    completedTotal: completed.meta.count,
    failedTotal: failed.meta.count,
  };
}
