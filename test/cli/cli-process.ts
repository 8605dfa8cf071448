import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildOnce } from '../support/build-once';
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
  options: { env?: NodeJS.ProcessEnv; stdin?: string; timeout?: number } = {},
): Promise<CliResult> {
  const { LOG_LEVEL: _level, ...inherited } = process.env;
  const pending = run('node', [cliMain, ...args], {
    cwd: root,
    timeout: options.timeout ?? 30_000,
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

/** Builds the CLI once per test run, whichever suite asks first (see buildOnce). */
export function buildCliOnce(): Promise<void> {
  return buildOnce('cli', async () => {
    await run('npx', ['nest', 'build', 'cli'], { cwd: root, timeout: 180_000 });
  });
}
