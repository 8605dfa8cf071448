import { Clock, readEnvironment, SettableClock } from '@lumbung/core';
import { Test, type TestingModule, type TestingModuleBuilder } from '@nestjs/testing';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import type { ApiContext } from './api-context';

/**
 * The worker as main.ts starts it, in this process, on the suite's database and the given Redis
 * key prefix (so suites never take each other's jobs), with its clock set to `now`; `override`
 * replaces further providers (e.g. the export jobs' chunk size).
 */
export async function startInProcessWorker(
  api: ApiContext,
  queuePrefix: string,
  now: string,
  override: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<TestingModule> {
  const env = readEnvironment({
    DATABASE_URL: api.db.appUrl,
    DATABASE_OWNER_URL: api.db.ownerUrl,
    REDIS_URL: api.env.redisUrl,
    LOG_LEVEL: 'silent',
  });
  const worker = await override(
    Test.createTestingModule({
      imports: [WorkerModule.forRoot(env, { queuePrefix })],
    })
      .overrideProvider(Clock)
      .useValue(new SettableClock(now)),
  ).compile();
  await worker.init();
  return worker;
}

/** Reads until `done` holds or `millis` pass; returns the last value read, for the test to check. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  millis = 45_000,
): Promise<T> {
  const deadline = Date.now() + millis;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}
