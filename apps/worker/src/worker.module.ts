import { AuditModule } from '@lumbung/audit';
import type { Environment } from '@lumbung/core';
import { DatabaseModule } from '@lumbung/database';
import { LedgerModule } from '@lumbung/ledger';
import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { BusinessDateProcessor } from './business-date/business-date.processor';
import { BusinessDateScheduler } from './business-date/business-date.scheduler';
import { JournalSealingProcessor } from './journal-sealing/journal-sealing.processor';
import { JournalSealingScheduler } from './journal-sealing/journal-sealing.scheduler';
import { businessDateQueue, journalSealingQueue } from './queues';

export interface WorkerOptions {
  /** Redis key prefix of every queue (default "lumbung"). */
  readonly queuePrefix?: string;
}

@Module({})
export class WorkerModule {
  static forRoot(env: Environment, options: WorkerOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        DatabaseModule.forRoot({ url: env.databaseUrl, applicationName: 'lumbung-worker' }),
        AuditModule,
        LedgerModule,
        BullModule.forRoot({
          // BullMQ blocks on Redis: retries forever rather than failing a job mid-flight.
          connection: { url: env.redisUrl, maxRetriesPerRequest: null },
          prefix: options.queuePrefix ?? 'lumbung',
        }),
        BullModule.registerQueue({ name: businessDateQueue }, { name: journalSealingQueue }),
      ],
      providers: [
        BusinessDateProcessor,
        BusinessDateScheduler,
        JournalSealingProcessor,
        JournalSealingScheduler,
      ],
    };
  }
}
