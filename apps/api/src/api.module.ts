import { AuditModule } from '@lumbung/audit';
import type { Environment } from '@lumbung/core';
import { DatabaseModule } from '@lumbung/database';
import { LedgerModule } from '@lumbung/ledger';
import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { RedisProbe } from './health/redis-probe';
import { bindRequestContext } from './http/request-context.middleware';
import { ChainController } from './ledger/chain.controller';
import { CooperativeScopeGuard } from './ledger/cooperative-scope.guard';
import { LedgerController } from './ledger/ledger.controller';

@Module({})
export class ApiModule implements NestModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        DatabaseModule.forRoot({ url: env.databaseUrl, applicationName: 'lumbung-api' }),
        AuditModule,
        LedgerModule,
      ],
      controllers: [HealthController, MetricsController, LedgerController, ChainController],
      providers: [
        { provide: RedisProbe, useFactory: () => new RedisProbe(env.redisUrl) },
        CooperativeScopeGuard,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(bindRequestContext).forRoutes('*');
  }
}
