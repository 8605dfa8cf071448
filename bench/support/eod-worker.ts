import { randomBytes } from 'node:crypto';
import { Clock, type Environment, SettableClock } from '@lumbung/core';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { EndOfDayReconciler } from '../../apps/worker/src/end-of-day/end-of-day.reconciler';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * The worker as main.ts starts it (WorkerModule, BullMQ, two chunk jobs at a time), on its own
 * Redis key prefix, with its clock pinned so its own midnight rollover never moves the date.
 */
export class EodWorker {
  private constructor(
    private readonly module: TestingModule,
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {}

  static async start(env: Environment, pinnedAt: string): Promise<EodWorker> {
    const prefix = `lumbung-bench-${randomBytes(4).toString('hex')}`;
    // Quiet while a second data source registers under the default name (one per Nest app).
    Logger.overrideLogger(['error']);
    const module = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(env, { queuePrefix: prefix })],
    })
      .overrideProvider(Clock)
      .useValue(new SettableClock(pinnedAt))
      // Warnings shown (a chunk failing, a run not opened), not the log of every chunk enqueued.
      .setLogger(new ConsoleLogger('worker', { logLevels: ['error', 'warn'] }))
      .compile();
    await module.init();
    Logger.overrideLogger(['error', 'warn']);
    return new EodWorker(module, env.redisUrl, prefix);
  }

  /** What a completed run does to open the next day: reconcile now, not at the next tick. */
  reconcileNow(): Promise<void> {
    return this.module.get(EndOfDayReconciler).soon();
  }

  get<T>(token: new (...args: never[]) => T): T {
    return this.module.get(token, { strict: false });
  }

  async stop(): Promise<void> {
    await this.module.close();
    const redis = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    try {
      for await (const keys of redis.scanStream({ match: `${this.prefix}:*`, count: 1000 })) {
        if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
      }
    } finally {
      redis.disconnect();
    }
  }
}
