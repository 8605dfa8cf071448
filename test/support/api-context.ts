import { RoleGrantService, type Role, UserService } from '@lumbung/auth';
import { type Environment, readEnvironment, uuidv7 } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import request from 'supertest';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import type { Server } from 'node:http';
import { createApiApplication } from '../../apps/api/src/bootstrap';
import { createTestDatabase, type TestDatabase } from './postgres';

export const testJwtSecret = 'test-secret-that-is-long-enough-0123456789';
export const testPassword = 'correct horse battery staple';

/** Someone logged in through POST /auth/login, holding the roles they were given. */
export interface Person {
  readonly userId: string;
  readonly username: string;
  readonly token: string;
  readonly auth: { Authorization: string };
}

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
      /** The worker's Redis key prefix the api's queue board and figures read. */
      queuePrefix?: string;
    } = {},
  ): Promise<ApiContext> {
    const db = await createTestDatabase();
    const env = readEnvironment({
      DATABASE_URL: options.databaseUrl ? options.databaseUrl(db) : db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      LOG_LEVEL: process.env.LUMBUNG_TEST_LOG_LEVEL ?? 'silent',
      JWT_SECRET: testJwtSecret,
    });
    const app = await createApiApplication(env, {
      extraModules: options.extraModules,
      queuePrefix: options.queuePrefix,
    });
    await app.listen(0, '127.0.0.1');
    return new ApiContext(db, app, env);
  }

  get server(): Server {
    return this.app.getHttpServer() as Server;
  }

  /** A new user, granted `roles` by the operator path (not four eyes), logged in over HTTP. */
  async person(
    grants: ReadonlyArray<{ role: Role; cooperativeId?: string; validUntil?: string }>,
  ): Promise<Person> {
    const username = `u${uuidv7().replace(/-/g, '').slice(-16)}`;
    const user = await this.app.get(TransactionScope).run(async (tx) => {
      const created = await this.app
        .get(UserService)
        .create(tx, { username, displayName: username, password: testPassword });
      for (const grant of grants) {
        await this.app.get(RoleGrantService).grantByOperator(tx, grant.cooperativeId ?? null, {
          userId: created.id,
          role: grant.role,
          validUntil: grant.validUntil,
        });
      }
      return created;
    });
    const res = await request(this.server)
      .post('/auth/login')
      .send({ username, password: testPassword })
      .expect(200);
    const token = (res.body as { accessToken: string }).accessToken;
    return { userId: user.id, username, token, auth: { Authorization: `Bearer ${token}` } };
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.db.drop();
  }
}
