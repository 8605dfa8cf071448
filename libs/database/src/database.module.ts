import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { postgresOptions } from './postgres-options';
import { IdempotentRequests } from './idempotency';
import { TransactionScope } from './transaction-scope';

export interface DatabaseModuleOptions {
  /** DATABASE_URL: the application role, never the owner. */
  readonly url: string;
  readonly applicationName: string;
  readonly poolSize?: number;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...postgresOptions(options),
          autoLoadEntities: true,
          retryAttempts: 3,
          retryDelay: 1_000,
        }),
      ],
      providers: [TransactionScope, IdempotentRequests],
      exports: [TransactionScope, IdempotentRequests],
    };
  }
}
