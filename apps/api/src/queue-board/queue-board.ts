import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Express } from 'express';
import { Redis } from 'ioredis';
// The worker owns the queue names; a file of constants, so the api takes them from there.
import { workerQueues } from '../../../worker/src/queues';

export const queueBoardPath = '/admin/queues';

export interface QueueBoardOptions {
  readonly redisUrl: string;
  /** The worker's Redis key prefix: another prefix would show other (or no) queues. */
  readonly prefix: string;
}

/**
 * Bull Board over the worker's queues, read-only: a retry or a removal there would change the
 * end of day without an audit record, and PostgreSQL, not Redis, decides what is left to do.
 */
@Injectable()
export class QueueBoard implements OnModuleDestroy {
  /** The board's Express app, mounted behind its gate by `mountQueueBoard`. */
  readonly app: Express;
  private readonly redis: Redis;
  private readonly queues: Queue[];

  constructor(options: QueueBoardOptions) {
    // One connection for all queues; a broken Redis shows as an error on the board and in /health.
    this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
    this.queues = workerQueues.map((name) => {
      // skipMetasUpdate: looking must not write to Redis, not even the queue's meta hash.
      const queue = new Queue(name, {
        connection: this.redis,
        prefix: options.prefix,
        skipMetasUpdate: true,
      });
      queue.on('error', () => undefined);
      return queue;
    });
    const server = new ExpressAdapter();
    server.setBasePath(queueBoardPath);
    createBullBoard({
      queues: this.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
      serverAdapter: server,
      options: { uiConfig: { boardTitle: 'Lumbung queues' } },
    });
    this.app = server.getRouter() as Express;
    // Helmet removed it from the api's answers; the board's own Express app would add it back.
    this.app.disable('x-powered-by');
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    this.redis.disconnect();
  }
}
