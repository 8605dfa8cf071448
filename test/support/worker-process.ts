import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { buildOnce } from './build-once';
import { exitOf, privateDir, recordPid, terminate } from './private-services';

const run = promisify(execFile);
const root = resolve(__dirname, '../..');
const staleBuildMillis = 6 * 60 * 60 * 1000;

/**
 * The run's own build of the worker, in dist/test-worker-<run> rather than dist/, so it never
 * rewrites files under a CLI or worker another run is starting from dist/.
 */
function buildDir(run: string | undefined = process.env.LUMBUNG_TEST_RUN): string {
  return join(root, 'dist', `test-worker-${run ?? `pid${process.pid}`}`);
}

export function workerMain(): string {
  return join(buildDir(), 'apps/worker/src/main.js');
}

/** The path aliases of tsconfig.json (@lumbung/...), which the build resolves to relative paths. */
function tsconfigPaths(): Record<string, string[]> {
  const file = join(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error)
    throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  return (config as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
}

/**
 * Builds the worker once per test run, whichever fault suite asks first: the sources compiled
 * by swc with the options Jest compiles them with (tsconfig.json's aliases resolved to relative
 * paths), in a few seconds. Types are `npm run typecheck`'s business, as for every other suite.
 */
export function buildWorkerOnce(): Promise<void> {
  return buildOnce('worker', async () => {
    const config = join(await privateDir('build'), 'swcrc.json');
    await writeFile(
      config,
      JSON.stringify({
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          baseUrl: root,
          paths: tsconfigPaths(),
        },
        module: { type: 'commonjs' },
        sourceMaps: true,
      }),
    );
    await run(
      'npx',
      ['swc', 'apps', 'libs', 'migrations', '--config-file', config, '-d', buildDir()].concat([
        '--ignore',
        '**/*.spec.ts',
      ]),
      { cwd: root, timeout: 300_000 },
    );
  });
}

/** The run's worker build, and any a crashed run left behind hours ago. */
export async function removeWorkerBuilds(run?: string): Promise<void> {
  await rm(buildDir(run), { recursive: true, force: true });
  for (const name of await readdir(join(root, 'dist')).catch(() => [] as string[])) {
    if (!name.startsWith('test-worker-')) continue;
    const dir = join(root, 'dist', name);
    const { mtimeMs } = await stat(dir);
    if (Date.now() - mtimeMs > staleBuildMillis) await rm(dir, { recursive: true, force: true });
  }
}

export interface WorkerEnvironment {
  readonly databaseUrl: string;
  readonly databaseOwnerUrl: string;
  readonly redisUrl: string;
}

/**
 * The worker as an operator runs it: the built main.js in its own process, configured only by
 * the environment, its output in a log file under the run's private root.
 */
export class WorkerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {}

  static async start(env: WorkerEnvironment): Promise<WorkerProcess> {
    const dir = await privateDir('worker');
    const logFile = join(dir, 'worker.log');
    const log = openSync(logFile, 'a');
    const { LOG_LEVEL: _level, ...inherited } = process.env;
    let child: ChildProcess;
    try {
      child = spawn('node', [workerMain()], {
        cwd: root,
        env: {
          ...inherited,
          DATABASE_URL: env.databaseUrl,
          DATABASE_OWNER_URL: env.databaseOwnerUrl,
          REDIS_URL: env.redisUrl,
          LOG_LEVEL: 'info',
        },
        // Straight into the file: no pipe in this process to keep Jest waiting.
        stdio: ['ignore', log, log],
      });
    } finally {
      closeSync(log);
    }
    await recordPid(dir, child.pid, workerMain());
    return new WorkerProcess(child, logFile);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Still running: it has not exited, of its own accord or by a signal. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The end of what it logged, for a failing test's message. */
  async logTail(lines = 40): Promise<string> {
    const text = await readFile(this.logFile, 'utf8').catch(() => '');
    return text.split('\n').slice(-lines).join('\n');
  }

  /** SIGKILL: no shutdown hook runs, nothing is closed, the jobs it held stay active in Redis. */
  async kill(): Promise<void> {
    const exited = exitOf(this.child);
    this.child.kill('SIGKILL');
    await exited;
  }

  /** A graceful stop (SIGTERM, the shutdown hooks), SIGKILL if it hangs. */
  stop(): Promise<void> {
    return terminate(this.child);
  }
}
