import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { businessDateQueue, rollBusinessDatesJob } from '../queues';

/** How often the worker looks for cooperatives past their local midnight. */
export const rolloverEveryMillis = 10_000;

@Injectable()
export class BusinessDateScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(businessDateQueue) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      rollBusinessDatesJob,
      { every: rolloverEveryMillis },
      { name: rollBusinessDatesJob, opts: { removeOnComplete: 100, removeOnFail: 1_000 } },
    );
  }
}
