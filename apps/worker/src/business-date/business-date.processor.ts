import { BusinessDateRollover } from '@lumbung/ledger';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { businessDateQueue, jobMetrics, rollBusinessDatesJob } from '../queues';

/** At-least-once is safe here: a roll that already happened finds nothing to do. */
@Processor(businessDateQueue, { concurrency: 1, lockDuration: 60_000, metrics: jobMetrics })
export class BusinessDateProcessor extends WorkerHost {
  private readonly logger = new Logger(BusinessDateProcessor.name);

  constructor(private readonly rollover: BusinessDateRollover) {
    super();
  }

  async process(job: Job): Promise<{ rolled: number }> {
    if (job.name !== rollBusinessDatesJob) throw new Error(`Unknown job ${job.name}`);
    const rolled = await this.rollover.rollDue();
    for (const roll of rolled) {
      this.logger.log(
        `cooperative ${roll.cooperativeId}: business date ${roll.from} -> ${roll.to}`,
      );
    }
    return { rolled: rolled.length };
  }
}
