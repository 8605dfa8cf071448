import { randomBytes } from 'node:crypto';
import { readEnvironment } from '@lumbung/core';
import { parseCommandArgs } from '../args';
import type { CliIo, Command } from '../command';
import { DemoContext, type DemoDatabase } from '../demo/context';
import { demoSteps } from '../demo/steps';
import { demoPassword } from '../demo/users';
import { repoRoot, startEmbeddedPostgres } from '../embedded-postgres';
import { databaseTarget } from '../environment';
import { redactPasswords } from '../errors';

const help = `Usage: lumbung demo            (npm run demo)

Migrates, seeds the demo federation (KSP-KUPANG, KSP-MAKASSAR, KOP-DILI, RPB-SABAH), creates
demo users (admin, platform-wide; kupang.teller, kupang.manager, kupang.manager2,
kupang.manager3, kupang.supervisor and kupang.auditor at KSP-KUPANG; makassar.manager,
makassar.manager2 and makassar.manager3 at KSP-MAKASSAR; all with the password
${demoPassword}; existing users and grants are left as they are), posts opening balances
and a first day of activity in each cooperative (once: a second run replays them), walks each
role's flows over the api, prints every trial balance and a summary with the logins.

Without DATABASE_URL it starts an embedded PostgreSQL 15 with its data in .data/postgres (kept
between runs) on 127.0.0.1, port 54329 or another free one, and stops it on exit and on Ctrl-C.
With DATABASE_URL (and DATABASE_OWNER_URL) it uses that database instead.

It starts the api (PORT, default 3000) on Redis (REDIS_URL, default 127.0.0.1:6379, else
\`docker compose up -d redis\`) and reads the trial balances as kupang.auditor. Cross-border
financing: KSP-KUPANG lends USD to the partner cooperative in Dili and KSP-MAKASSAR finances
the shared production house in Sabah in MYR, each requested by a manager, approved by two other
managers (and kupang.supervisor above Kupang's threshold) and drawn. The two KSPs, when this
run creates them, open their books two days before last month's end: the days then pass to
today through the end of day, here in this process (the month end revalues the foreign
receivables at the closing rate and the 1st reverses it), with illustrative FX rates entered
through four eyes. Then the worker starts; a teller's day and a loan at KSP-KUPANG; a repayment
of each facility at today's rate (the realised FX difference), the exposure reports and the
MSME export. On a terminal it keeps serving until Ctrl-C. Tokens are signed with JWT_SECRET;
when it is unset the demo makes up a random one for its run, so tokens die with the demo.
Options:
  --no-serve   stop after the walkthrough even on a terminal`;

const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'migrate, seed, create demo logins, post demo activity, print every trial balance',
  help,
  async run(args, { io, env }) {
    const values = parseCommandArgs('demo', args, { 'no-serve': { type: 'boolean' } });
    if (values.help) {
      io.out(help);
      return 0;
    }
    const ctx = await prepare(io, env);
    const onSignal = (signal: keyof typeof signalExitCodes): void => {
      io.err(`\n${signal}: stopping the demo`);
      void ctx.shutdown().finally(() => process.exit(signalExitCodes[signal]));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      for (const step of demoSteps) {
        io.out(`\n==> ${step.title}`);
        await step.run(ctx);
      }
      printSummary(ctx);
      if (ctx.serving && ctx.exitCode === 0 && process.stdout.isTTY && !values['no-serve']) {
        io.out(`\nServing ${ctx.serving} until Ctrl-C (then the api, worker and database stop).`);
        await new Promise<never>(() => undefined);
      }
      return ctx.exitCode;
    } finally {
      await ctx.shutdown();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};

/**
 * Resolves the database (starting the embedded one when DATABASE_URL is unset), the JWT secret
 * and the context.
 */
async function prepare(io: CliIo, given: NodeJS.ProcessEnv): Promise<DemoContext> {
  // The api refuses to start without a JWT secret: a demo without one makes one up for its run.
  const randomJwtSecret = !given.JWT_SECRET;
  const env = randomJwtSecret
    ? { ...given, JWT_SECRET: randomBytes(32).toString('base64url') }
    : given;
  if (randomJwtSecret) {
    io.out('JWT_SECRET is unset: signing tokens with a random secret, so they die with the demo');
  }
  if (env.DATABASE_URL) {
    const target = databaseTarget(env, io, { warnWhenShared: true });
    io.out(`Using DATABASE_URL: ${redactPasswords(target.appUrl)}`);
    return new DemoContext(io, target.environment, target, randomJwtSecret);
  }
  // Everything else in the environment is checked before a server is started for nothing.
  readEnvironment({ ...env, DATABASE_URL: 'postgres://check@127.0.0.1/check' });
  io.out('DATABASE_URL is unset: starting an embedded PostgreSQL 15');
  const embedded = await startEmbeddedPostgres(io, {
    root: await repoRoot(),
    verbose: env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace',
  });
  const database: DemoDatabase = {
    ownerUrl: embedded.ownerUrl,
    appUrl: embedded.appUrl,
    ownerIsSeparate: true,
    embedded,
  };
  const environment = readEnvironment({
    ...env,
    DATABASE_URL: embedded.appUrl,
    DATABASE_OWNER_URL: embedded.ownerUrl,
  });
  const ctx = new DemoContext(io, environment, database, randomJwtSecret);
  ctx.onShutdown(async () => {
    await embedded.stop();
    io.out(
      `Embedded PostgreSQL on port ${embedded.port} stopped; its data stays in .data/postgres`,
    );
  });
  io.out(`Embedded PostgreSQL 15 is up on 127.0.0.1:${embedded.port}`);
  return ctx;
}

function printSummary(ctx: DemoContext): void {
  const { database, io } = ctx;
  const rows: Array<readonly [string, string]> = database.embedded
    ? [
        [
          'Database',
          `embedded PostgreSQL 15 on 127.0.0.1:${database.embedded.port}, data in .data/postgres ` +
            `(${database.embedded.created ? 'created by this run' : 'kept from an earlier run'}), stopped on exit`,
        ],
        // The embedded cluster's demo passwords are fixed and local: printing them helps.
        ['Owner URL', database.ownerUrl],
        ['App URL', database.appUrl],
      ]
    : [
        ['Database', redactPasswords(database.appUrl)],
        ['Owner', database.ownerIsSeparate ? 'DATABASE_OWNER_URL' : 'DATABASE_URL (shared)'],
      ];
  const all = [...rows, ...ctx.summary];
  const width = Math.max(...all.map(([label]) => label.length));
  io.out('\n==> Summary');
  for (const [label, text] of all) io.out(`  ${label.padEnd(width)}  ${text}`);
  io.out(
    ctx.exitCode === 0
      ? '\nDemo complete. Run it again: nothing is posted twice.'
      : '\nDemo finished with problems (see above).',
  );
}
