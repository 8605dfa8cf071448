import { Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';

/**
 * A job scheduler kept in Redis for as long as the process runs: upserted at start, and looked
 * for every `everyMillis` after. A Redis restarted without persistence takes every scheduler with
 * it and nothing else would bring one back before the process restarts (the business date would
 * stop rolling, the journal stop being sealed): one found missing is put back, which is harmless
 * when it is there after all (upserting the same id).
 */
export class KeptScheduler {
  private readonly logger = new Logger(KeptScheduler.name);
  private timer?: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly queue: Queue,
    /** The scheduler's id and the name of the jobs it makes. */
    private readonly job: string,
    private readonly everyMillis: number,
    private readonly opts: JobsOptions,
  ) {}

  async start(): Promise<void> {
    await this.upsert();
    this.timer = setInterval(() => void this.check(), this.everyMillis);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One check at a time: with Redis away, a check waits for it rather than piling up. */
  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      if (!(await this.queue.getJobScheduler(this.job))) {
        await this.upsert();
        this.logger.warn(`${this.queue.name}: scheduler ${this.job} was gone from Redis, put back`);
      }
    } catch (error) {
      this.logger.warn(`${this.queue.name}: scheduler ${this.job} not checked: ${String(error)}`);
    } finally {
      this.checking = false;
    }
  }

  private async upsert(): Promise<void> {
    await this.queue.upsertJobScheduler(
      this.job,
      { every: this.everyMillis },
      { name: this.job, opts: this.opts },
    );
  }
}
