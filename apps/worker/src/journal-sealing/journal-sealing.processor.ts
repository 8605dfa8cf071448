import { JournalSealingService } from '@lumbung/ledger';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { jobMetrics, journalSealingQueue, sealJournalsJob } from '../queues';

/**
 * At-least-once is safe here: a run seals only what lies between the last block's horizon and
 * the current one, under each cooperative's sealing lock, so a repeated or concurrent run finds
 * nothing left to seal.
 */
@Processor(journalSealingQueue, { concurrency: 1, lockDuration: 60_000, metrics: jobMetrics })
export class JournalSealingProcessor extends WorkerHost {
  private readonly logger = new Logger(JournalSealingProcessor.name);

  constructor(private readonly sealing: JournalSealingService) {
    super();
  }

  async process(job: Job): Promise<{ blocks: number; entries: number }> {
    if (job.name !== sealJournalsJob) throw new Error(`Unknown job ${job.name}`);
    let blocks = 0;
    let entries = 0;
    for (const outcome of await this.sealing.sealAll()) {
      for (const block of outcome.blocks) {
        blocks++;
        entries += block.entryCount;
        this.logger.debug(
          `cooperative ${outcome.cooperativeId}: block ${block.sequence} seals ${block.entryCount} entries up to horizon ${block.horizon}`,
        );
      }
    }
    return { blocks, entries };
  }
}
