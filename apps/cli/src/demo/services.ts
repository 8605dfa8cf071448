import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createApiApplication } from '../../../api/src/bootstrap';
import { startWorker } from '../../../worker/src/bootstrap';
import type { DemoContext, DemoStep } from './context';
import { ensureRedis } from './redis';

async function listen(app: INestApplication, port: number): Promise<number> {
  try {
    await app.listen(port, '127.0.0.1');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    await app.listen(0, '127.0.0.1');
  }
  return (app.getHttpServer().address() as { port: number }).port;
}

/** The api and the worker on the demo's database, and a first walk through what they serve. */
export const servicesStep: DemoStep = {
  title: 'Starting the api and the worker',
  async run(ctx: DemoContext) {
    const env = ctx.environment;
    const redisProblem = await ensureRedis(
      env.redisUrl,
      process.env.REDIS_URL !== undefined,
      ctx.io,
    );
    if (redisProblem) {
      ctx.io.err(redisProblem);
      ctx.report('Api and worker', 'not started: Redis is missing (see above)');
      ctx.exitCode = 1;
      return;
    }
    const worker: INestApplicationContext = await startWorker({ ...env, logLevel: 'error' });
    ctx.onShutdown(() => worker.close());
    const api = await createApiApplication({ ...env, logLevel: 'error' });
    ctx.onShutdown(() => api.close());
    const port = await listen(api, env.port);
    const base = `http://127.0.0.1:${port}`;
    ctx.serving = base;

    const health = await (await fetch(`${base}/health`)).json();
    ctx.io.out(`  GET /health -> ${JSON.stringify(health)}`);
    const cooperatives = await ctx.ledger.read((tx) => ctx.ledger.cooperatives.all(tx));
    for (const cooperative of cooperatives) {
      const path = `/cooperatives/${cooperative.id}/trial-balance`;
      const tb = (await (await fetch(`${base}${path}`)).json()) as {
        balanced: boolean;
        functionalCurrency: string;
      };
      ctx.io.out(
        `  GET ${path} -> ${cooperative.code}: balanced ${tb.balanced} (${tb.functionalCurrency})`,
      );
    }
    ctx.report(
      'Api',
      `${base}  (Swagger UI ${base}/docs, OpenAPI ${base}/docs-json, health ${base}/health)`,
    );
    ctx.report(
      'Worker',
      "rolling business dates at each cooperative's local midnight (BullMQ on Redis)",
    );
    ctx.report(
      'Logins',
      'none yet: roles and logins arrive with the auth issue; until then the api is for this machine only',
    );
  },
};
