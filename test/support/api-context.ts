import { type Environment, readEnvironment } from '@lumbung/core';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import type { Server } from 'node:http';
import { createApiApplication } from '../../apps/api/src/bootstrap';
import { createTestDatabase, type TestDatabase } from './postgres';

/** The real api on the suite's own database, as the application role, listening on a free port. */
export class ApiContext {
  private constructor(
    readonly db: TestDatabase,
    readonly app: INestApplication,
    readonly env: Environment,
  ) {}

  static async start(
    options: {
      extraModules?: Array<Type | DynamicModule>;
      databaseUrl?: (db: TestDatabase) => string;
    } = {},
  ): Promise<ApiContext> {
    const db = await createTestDatabase();
    const env = readEnvironment({
      DATABASE_URL: options.databaseUrl ? options.databaseUrl(db) : db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'silent',
    });
    const app = await createApiApplication(env, { extraModules: options.extraModules });
    await app.listen(0, '127.0.0.1');
    return new ApiContext(db, app, env);
  }

  get server(): Server {
    return this.app.getHttpServer() as Server;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.db.drop();
  }
}
