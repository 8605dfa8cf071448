import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { journalSealingQueue, sealJournalsJob } from '../queues';

/** How often the journal is sealed: the window in which an entry is not yet tamper-evident. */
export const sealingEveryMillis = 5_000;

@Injectable()
export class JournalSealingScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(journalSealingQueue) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      sealJournalsJob,
      { every: sealingEveryMillis },
      { name: sealJournalsJob, opts: { removeOnComplete: 100, removeOnFail: 1_000 } },
    );
  }
}
