import { ServiceUnavailableError } from '@lumbung/core';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RedisProbe } from './redis-probe';

interface Health {
  status: 'ok';
  checks: { postgres: 'up'; redis: 'up' };
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisProbe,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'PostgreSQL and Redis both answer' })
  async health(): Promise<Health> {
    const [postgres, redis] = await Promise.all([this.postgresUp(), this.redis.ping()]);
    if (!postgres || !redis) {
      const down = [!postgres && 'postgres', !redis && 'redis'].filter(Boolean).join(' and ');
      throw new ServiceUnavailableError(`Not ready: ${down} did not answer`);
    }
    return { status: 'ok', checks: { postgres: 'up', redis: 'up' } };
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
