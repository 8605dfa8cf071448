import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createMigratedDatabase, type MigratedDatabase } from './migrated-database';

const run = promisify(execFile);

/**
 * Private PostgreSQL clusters and Redis servers for the fault suites (DESIGN.md section 8): tests
 * that stop or restart a service get one of their own on a free port, never the shared ones on
 * 5432 and 6379. Everything lives under one directory per test run, with the pid of each server,
 * so the faults project's teardown can stop whatever a failed suite left running.
 */
export function privateRoot(run: string | undefined = process.env.LUMBUNG_TEST_RUN): string {
  return join(tmpdir(), `lumbung-private-${run ?? `pid${process.pid}`}`);
}

export async function privateDir(kind: string): Promise<string> {
  const root = privateRoot();
  await mkdir(root, { recursive: true });
  // Whose run this is: a root whose process is gone is a crashed run's, for the teardown to sweep.
  if (!existsSync(join(root, 'owner.pid')))
    await writeFile(join(root, 'owner.pid'), `${process.pid}`);
  return mkdtemp(join(root, `${kind}-`));
}

/** A port nothing listens on right now (the kernel's pick); the service binds it next. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Thrown by a check to stop the wait at once (a check's other errors count as not yet). */
export class GiveUp extends Error {}

/**
 * Polls `check` until it holds, failing with `what` (and the check's last error) after
 * `timeoutMillis`; a check that throws GiveUp ends the wait at once.
 */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMillis = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError === undefined ? '' : ` (last error: ${String(lastError)})`;
      throw new Error(`timed out after ${timeoutMillis} ms: ${what}${cause}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Notes the pid of a process started for the run in `dir`, with a piece of its command line
 * (`marker`) so that a sweep never kills a later process that happens to reuse the pid.
 */
export function recordPid(dir: string, pid: number | undefined, marker: string): Promise<void> {
  return writeFile(join(dir, 'pid'), JSON.stringify({ pid, marker }));
}

/** Kills the process `recordPid` noted in `dir`, if it is still the same process. */
async function killRecorded(dir: string): Promise<void> {
  const noted = await readFile(join(dir, 'pid'), 'utf8').catch(() => undefined);
  if (!noted) return;
  const { pid, marker } = JSON.parse(noted) as { pid?: number; marker: string };
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (pid && cmdline.replace(/\0/g, ' ').includes(marker)) process.kill(pid, 'SIGKILL');
  await rm(join(dir, 'pid'), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the child has exited (at once if it already has). */
export function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMillis`. */
export async function terminate(child: ChildProcess, graceMillis = 15_000): Promise<void> {
  const exited = exitOf(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMillis);
  await exited;
  clearTimeout(timer);
}

/** One PING over a fresh socket: true when the server answers PONG. */
function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * A redis-server of our own, without persistence (`--save "" --appendonly no`): stopped and
 * started again on the same port it comes back empty, as a Redis restarted without AOF would.
 */
export class PrivateRedis {
  private child?: ChildProcess;

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), await privateDir('redis'));
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error(`redis on ${this.port} is already running`);
    const child = spawn(
      'redis-server',
      [
        '--port',
        `${this.port}`,
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
        '--dir',
        this.dir,
        '--logfile',
        join(this.dir, 'redis.log'),
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    await recordPid(this.dir, child.pid, this.dir);
    let exited = false;
    child.once('exit', () => (exited = true));
    try {
      await waitUntil(`redis-server on ${this.port} answers`, async () => {
        if (exited) throw new GiveUp('redis-server exited');
        return redisAnswers(this.port);
      });
    } catch (error) {
      this.child = undefined;
      child.kill('SIGKILL');
      const log = await readFile(join(this.dir, 'redis.log'), 'utf8').catch(() => '');
      throw new Error(`redis-server did not start on ${this.port}:\n${log}`, { cause: error });
    }
  }

  /** Gone with everything it held; `signal` SIGKILL for a crash rather than a shutdown. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    const exited = exitOf(child);
    child.kill(signal);
    await exited;
    await rm(join(this.dir, 'pid'), { force: true });
  }

  /** Stopped, then started empty on the same port. */
  async restart(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    await this.stop(signal);
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.stop('SIGKILL');
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** The PostgreSQL 15 binaries: initdb and pg_ctl are not on every PATH. */
function pgBinary(name: string): string {
  for (const dir of ['/usr/lib/postgresql/15/bin', '/usr/local/bin']) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return name;
}

/** As the postgres OS user (initdb refuses root), which owns the cluster's directory. */
async function asPostgres(command: string, args: readonly string[], timeout = 120_000) {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', pgBinary(command), ...args]]
    : [pgBinary(command), [...args]];
  try {
    return await run(file, argv, { timeout });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed: ${failed.stderr ?? ''}${failed.stdout ?? ''}`,
      {
        cause: error,
      },
    );
  }
}

export type ShutdownMode = 'smart' | 'fast' | 'immediate';

/**
 * A PostgreSQL cluster of our own: `initdb` as the postgres user into a directory under the run's
 * private root, listening on 127.0.0.1 and a free port, its socket in its own directory. Stopped,
 * started and restarted with pg_ctl on the same port; disposed of with its data directory.
 */
export class PrivateCluster {
  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static async create(): Promise<PrivateCluster> {
    const dir = await privateDir('postgres');
    const cluster = new PrivateCluster(await freePort(), dir);
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    await asPostgres('initdb', [
      '-D',
      cluster.dataDir,
      '--auth=trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    await cluster.start();
    return cluster;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** The superuser on the cluster's postgres database. */
  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get serverOptions(): string {
    // No fsync: nothing here outlives the machine, and an immediate stop still recovers from WAL.
    return `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  }

  async start(): Promise<void> {
    await asPostgres('pg_ctl', [
      'start',
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'postgres.log'),
      '-o',
      this.serverOptions,
      '-w',
      '-t',
      '60',
    ]);
  }

  /** `immediate` is a crash (recovery on the next start), `fast` a clean shutdown. */
  async stop(mode: ShutdownMode = 'fast'): Promise<void> {
    await asPostgres('pg_ctl', ['stop', '-D', this.dataDir, '-m', mode, '-w', '-t', '60']);
  }

  async restart(mode: ShutdownMode = 'fast'): Promise<void> {
    await asPostgres('pg_ctl', [
      'restart',
      '-D',
      this.dataDir,
      '-m',
      mode,
      '-l',
      join(this.dir, 'postgres.log'),
      '-o',
      this.serverOptions,
      '-w',
      '-t',
      '60',
    ]);
  }

  /** A database at the latest schema, with the test roles, as the shared template is made. */
  createDatabase(name: string): Promise<MigratedDatabase> {
    return createMigratedDatabase(this.adminUrl, name);
  }

  async dispose(): Promise<void> {
    await stopCluster(this.dataDir);
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Stops the cluster in `dataDir` if its postmaster still runs: pg_ctl, else SIGKILL. */
async function stopCluster(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  await asPostgres('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30']).catch(
    async () => {
      const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (pid > 0 && cmdline.includes(dataDir)) process.kill(pid, 'SIGKILL');
    },
  );
}

/**
 * Stops every private server and process under the run's root, and the roots of runs whose Jest
 * process is gone: for the teardown, after suites that may have failed before their afterAll.
 */
export async function stopPrivateServices(run?: string): Promise<void> {
  const roots = new Set<string>([privateRoot(run)]);
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    if (!name.startsWith('lumbung-private-')) continue;
    const root = join(tmpdir(), name);
    const owner = Number(await readFile(join(root, 'owner.pid'), 'utf8').catch(() => '0'));
    if (owner > 0 && !isAlive(owner)) roots.add(root);
  }
  for (const root of roots) {
    for (const name of await readdir(root).catch(() => [] as string[])) {
      const dir = join(root, name);
      if (name.startsWith('postgres-')) await stopCluster(join(dir, 'data'));
      await killRecorded(dir);
    }
    await rm(root, { recursive: true, force: true });
  }
}
