import { createLogger, type Environment, PinoNestLogger } from '@lumbung/core';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule, type WorkerOptions } from './worker.module';

/** The queue worker as a Nest application context (no HTTP): main.ts, the demo and tests share it. */
export async function startWorker(
  env: Environment,
  options: WorkerOptions = {},
): Promise<INestApplicationContext> {
  const logger = createLogger(env.logLevel, 'lumbung-worker');
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(env, options), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  worker.enableShutdownHooks();
  await worker.init();
  return worker;
}
