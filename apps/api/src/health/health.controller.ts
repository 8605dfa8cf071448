import { ServiceUnavailableError } from '@lumbung/core';
import { JournalSealingService, type SealingLag } from '@lumbung/ledger';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access';
import { RedisProbe } from './redis-probe';

interface Health {
  status: 'ok';
  checks: { postgres: 'up'; redis: 'up' };
  /** How far the worker's sealing is behind; null if it could not be read. Never fails health. */
  sealing: SealingLag | null;
}

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisProbe,
    private readonly sealing: JournalSealingService,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'PostgreSQL and Redis both answer' })
  async health(): Promise<Health> {
    const [postgres, redis] = await Promise.all([this.postgresUp(), this.redis.ping()]);
    if (!postgres || !redis) {
      const down = [!postgres && 'postgres', !redis && 'redis'].filter(Boolean).join(' and ');
      throw new ServiceUnavailableError(`Not ready: ${down} did not answer`);
    }
    const sealing = await this.sealing.lag().catch(() => null);
    return { status: 'ok', checks: { postgres: 'up', redis: 'up' }, sealing };
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
