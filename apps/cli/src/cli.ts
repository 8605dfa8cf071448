import { runWithRequestContext, uuidv7 } from '@lumbung/core';
import type { CliIo, Command } from './command';
import { commands } from './commands';
import { CliError, describeError } from './errors';

/** Exit codes: 0 success, 1 failure, 2 unknown or missing command. */
export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;

export function usage(available: readonly Command[] = commands): string {
  const width = Math.max(...available.map((c) => c.name.length));
  return [
    'Usage: lumbung <command> [options]     (npm run cli -- <command> [options])',
    '',
    'Commands:',
    ...available.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `lumbung <command> --help` for its options. Configuration comes from the environment:',
    'DATABASE_URL (application role) and DATABASE_OWNER_URL (schema owner, for migrate).',
  ].join('\n');
}

/** Dispatches argv (without node and script) to a command; resolves to the exit code. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
  available: readonly Command[] = commands,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.err(usage(available));
    return exitCodes.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? available.find((c) => c.name === args[0]) : undefined;
    io.out(topic ? topic.help : usage(available));
    return exitCodes.ok;
  }
  const command = available.find((c) => c.name === name);
  if (!command) {
    io.err(`lumbung: unknown command "${name}"`);
    io.err(usage(available));
    return exitCodes.usage;
  }
  try {
    const requestId = `cli:${command.name}:${uuidv7()}`;
    return await runWithRequestContext({ requestId }, () => command.run(args, { io, env }));
  } catch (error) {
    io.err(`lumbung ${command.name}: ${describeError(error)}`);
    if (env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace') {
      io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    return error instanceof CliError ? error.exitCode : exitCodes.failure;
  }
}
