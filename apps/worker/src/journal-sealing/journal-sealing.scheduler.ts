import { InjectQueue } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import { KeptScheduler } from '../kept-scheduler';
import { journalSealingQueue, sealJournalsJob } from '../queues';

/** How often the journal is sealed: the window in which an entry is not yet tamper-evident. */
export const sealingEveryMillis = 5_000;

@Injectable()
export class JournalSealingScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly scheduler: KeptScheduler;

  constructor(@InjectQueue(journalSealingQueue) queue: Queue) {
    this.scheduler = new KeptScheduler(queue, sealJournalsJob, sealingEveryMillis, {
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
