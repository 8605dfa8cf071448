import { ServiceUnavailableError } from '@lumbung/core';
import { EndOfDayBacklog, type EndOfDayHealth } from '@lumbung/end-of-day';
import { JournalSealingService, type SealingLag } from '@lumbung/ledger';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access';
import { QueueStats } from './queue-stats';
import { RedisProbe } from './redis-probe';

interface WorkerHealth {
  /** Workers connected per queue; a queue with none has its jobs waiting for a worker to start. */
  readonly queues: { readonly queue: string; readonly workers: number; readonly failed: number }[];
  /** True when every queue has a worker. */
  readonly running: boolean;
}

interface Health {
  status: 'ok';
  checks: { postgres: 'up'; redis: 'up' };
  // The sections below never fail health (the api serves without a worker); null if unreadable.
  /** How far the worker's sealing is behind. */
  sealing: SealingLag | null;
  worker: WorkerHealth | null;
  endOfDay: EndOfDayHealth | null;
}

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisProbe,
    private readonly sealing: JournalSealingService,
    private readonly queues: QueueStats,
    private readonly endOfDay: EndOfDayBacklog,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'PostgreSQL and Redis both answer' })
  async health(): Promise<Health> {
    const [postgres, redis] = await Promise.all([this.postgresUp(), this.redis.ping()]);
    if (!postgres || !redis) {
      const down = [!postgres && 'postgres', !redis && 'redis'].filter(Boolean).join(' and ');
      throw new ServiceUnavailableError(`Not ready: ${down} did not answer`);
    }
    const [sealing, figures, endOfDay] = await Promise.all([
      this.sealing.lag().catch(() => null),
      this.queues.read(),
      this.endOfDay.read().catch(() => null),
    ]);
    const worker = figures && {
      queues: figures.map(({ queue, workers, jobs }) => ({ queue, workers, failed: jobs.failed })),
      running: figures.every(({ workers }) => workers > 0),
    };
    return { status: 'ok', checks: { postgres: 'up', redis: 'up' }, sealing, worker, endOfDay };
  }

  private async postgresUp(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
