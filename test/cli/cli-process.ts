import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestDatabase } from '../support/postgres';

const run = promisify(execFile);
export const root = resolve(__dirname, '../..');
const cliMain = resolve(root, 'dist/apps/cli/src/main.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The operator CLI as an operator runs it: the built dist/apps/cli/src/main.js in its own process,
 * configured only by the environment, against the suite's database. Stdin is a pipe that carries
 * `stdin` and then ends, so a command that reads it never waits.
 */
export async function runBuiltCli(
  db: TestDatabase,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string } = {},
): Promise<CliResult> {
  const { LOG_LEVEL: _level, ...inherited } = process.env;
  const pending = run('node', [cliMain, ...args], {
    cwd: root,
    timeout: 30_000,
    env: { ...inherited, DATABASE_URL: db.appUrl, DATABASE_OWNER_URL: db.ownerUrl, ...options.env },
  });
  pending.child.stdin?.end(options.stdin ?? '');
  try {
    const { stdout, stderr } = await pending;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/**
 * Builds the CLI once per test run, whichever suite asks first: suites run in parallel workers,
 * and a second build rewriting dist/ under a running CLI would make it read half-written files.
 */
export async function buildCliOnce(): Promise<void> {
  const marker = join(tmpdir(), `lumbung-cli-build-${process.env.LUMBUNG_TEST_RUN ?? process.pid}`);
  try {
    await mkdir(`${marker}.lock`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return waitForBuild(marker);
  }
  try {
    await run('npx', ['nest', 'build', 'cli'], { cwd: root, timeout: 180_000 });
    await writeFile(marker, 'built');
  } catch (error) {
    await writeFile(marker, `failed: ${String(error)}`);
    throw error;
  }
}

async function waitForBuild(marker: string): Promise<void> {
  for (;;) {
    const outcome = await readFile(marker, 'utf8').catch(() => undefined);
    if (outcome === 'built') return;
    if (outcome?.startsWith('failed')) throw new Error(`the CLI build of another suite ${outcome}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
