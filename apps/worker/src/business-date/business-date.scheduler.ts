import { InjectQueue } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import { KeptScheduler } from '../kept-scheduler';
import { businessDateQueue, rollBusinessDatesJob } from '../queues';

/** How often the worker looks for cooperatives past their local midnight. */
export const rolloverEveryMillis = 10_000;

@Injectable()
export class BusinessDateScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly scheduler: KeptScheduler;

  constructor(@InjectQueue(businessDateQueue) queue: Queue) {
    this.scheduler = new KeptScheduler(queue, rollBusinessDatesJob, rolloverEveryMillis, {
      removeOnComplete: 100,
      removeOnFail: 1_000,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.scheduler.start();
  }

  beforeApplicationShutdown(): void {
    this.scheduler.stop();
  }
}
