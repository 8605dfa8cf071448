import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createApiApplication } from '../../../api/src/bootstrap';
import { startWorker } from '../../../worker/src/bootstrap';
import type { DemoContext, DemoStep } from './context';
import { ensureRedis } from './redis';
import { demoLogin } from './http-client';
import { demoPassword, demoReader, type DemoUser, demoUsers, describeDemoUser } from './users';

async function listen(app: INestApplication, port: number): Promise<number> {
  try {
    await app.listen(port, '127.0.0.1');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    await app.listen(0, '127.0.0.1');
  }
  return (app.getHttpServer().address() as { port: number }).port;
}

/**
 * The api on the demo's database, and a first walk through what it serves. The worker starts
 * later (workerStep): it rolls business dates at once, and the cross-border story needs the
 * lenders' first day first.
 */
export const apiStep: DemoStep = {
  title: 'Starting the api',
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
    const api = await createApiApplication({ ...env, logLevel: 'error' });
    ctx.onShutdown(() => api.close());
    const port = await listen(api, env.port);
    const base = `http://127.0.0.1:${port}`;
    ctx.serving = base;
    ctx.io.out(`  api listening on ${base}`);
    await readBooksAs(ctx, base, demoReader);
    ctx.report(
      'Api',
      `${base}  (Swagger UI ${base}/docs, OpenAPI ${base}/docs-json, health ${base}/health)`,
    );
    reportLogins(ctx, base);
  },
};

/** The worker on Redis: business dates roll at local midnight, days close, the journal is sealed. */
export const workerStep: DemoStep = {
  title: 'Starting the worker',
  async run(ctx: DemoContext) {
    if (!ctx.serving) return;
    const worker: INestApplicationContext = await startWorker({
      ...ctx.environment,
      logLevel: 'error',
    });
    ctx.onShutdown(() => worker.close());
    const health = await (await fetch(`${ctx.serving}/health`)).json();
    ctx.io.out(`  GET /health -> ${JSON.stringify(health)}`);
    ctx.report(
      'Worker',
      "rolling business dates at each cooperative's local midnight (BullMQ on Redis)",
    );
  },
};

/**
 * Every trial balance as one demo user reads it: its own cooperative's, and a 404 for the others,
 * where it holds no role (a user learns nothing of cooperatives it does not work for).
 */
async function readBooksAs(ctx: DemoContext, base: string, reader: DemoUser): Promise<void> {
  const token = await demoLogin(base, reader.username);
  ctx.io.out(`  POST /auth/login as ${reader.username} -> bearer token`);
  const cooperatives = await ctx.ledger.read((tx) => ctx.ledger.cooperatives.all(tx));
  for (const cooperative of cooperatives) {
    const path = `/cooperatives/${cooperative.id}/trial-balance`;
    const response = await fetch(`${base}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const own = cooperative.code === reader.cooperative;
    if (response.status === 200 && own) {
      const tb = (await response.json()) as { balanced: boolean; functionalCurrency: string };
      ctx.io.out(
        `  GET ${path} -> ${cooperative.code}: balanced ${tb.balanced} (${tb.functionalCurrency})`,
      );
    } else if (response.status === 404 && !own) {
      ctx.io.out(`  GET ${path} -> 404: ${reader.username} holds no role at ${cooperative.code}`);
    } else {
      ctx.io.err(`  GET ${path} as ${reader.username} answered ${response.status} unexpectedly`);
      ctx.exitCode = 1;
    }
  }
}

/** The logins in the closing summary, with a first request to copy. */
function reportLogins(ctx: DemoContext, base: string): void {
  ctx.report('Logins', `password ${demoPassword} for each of:`);
  const width = Math.max(...demoUsers.map((u) => u.username.length));
  for (const user of demoUsers) {
    ctx.report('', `  ${user.username.padEnd(width)}  ${describeDemoUser(user)}`);
  }
  const body = JSON.stringify({ username: 'kupang.teller', password: demoPassword });
  ctx.report(
    'Log in',
    `curl -X POST ${base}/auth/login -H 'content-type: application/json' -d '${body}'`,
  );
  ctx.report(
    'Tokens',
    ctx.randomJwtSecret
      ? 'signed with a random JWT_SECRET made for this run: they die with the demo'
      : 'signed with JWT_SECRET from the environment',
  );
}
