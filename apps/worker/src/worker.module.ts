import { AuditModule } from '@lumbung/audit';
import type { Environment } from '@lumbung/core';
import { DatabaseModule } from '@lumbung/database';
import { EndOfDayModule } from '@lumbung/end-of-day';
import { ExportsModule } from '@lumbung/exports';
import { LedgerModule } from '@lumbung/ledger';
import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { BusinessDateProcessor } from './business-date/business-date.processor';
import { BusinessDateScheduler } from './business-date/business-date.scheduler';
import { EndOfDayProcessor } from './end-of-day/end-of-day.processor';
import { EndOfDayReconciler, endOfDayFlows } from './end-of-day/end-of-day.reconciler';
import { LedgerExportProcessor } from './ledger-exports/ledger-export.processor';
import { LedgerExportReconciler } from './ledger-exports/ledger-export.reconciler';
import { JournalSealingProcessor } from './journal-sealing/journal-sealing.processor';
import { JournalSealingScheduler } from './journal-sealing/journal-sealing.scheduler';
import { businessDateQueue, defaultQueuePrefix, journalSealingQueue } from './queues';
import { endOfDayQueue, ledgerExportQueue } from './queues';

export interface WorkerOptions {
  /** Redis key prefix of every queue (default `defaultQueuePrefix`, "lumbung"). */
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
        EndOfDayModule,
        ExportsModule,
        BullModule.forRoot({
          // BullMQ blocks on Redis: retries forever rather than failing a job mid-flight.
          connection: { url: env.redisUrl, maxRetriesPerRequest: null },
          prefix: options.queuePrefix ?? defaultQueuePrefix,
        }),
        BullModule.registerQueue({ name: businessDateQueue }, { name: journalSealingQueue }),
        BullModule.registerQueue({ name: endOfDayQueue }, { name: ledgerExportQueue }),
        BullModule.registerFlowProducer({ name: endOfDayFlows }),
      ],
      providers: [
        BusinessDateProcessor,
        BusinessDateScheduler,
        JournalSealingProcessor,
        JournalSealingScheduler,
        EndOfDayProcessor,
        EndOfDayReconciler,
        LedgerExportProcessor,
        LedgerExportReconciler,
      ],
    };
  }
}
