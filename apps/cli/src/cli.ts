import { runWithRequestContext, uuidv7 } from '@lumbung/core';
import type { CliIo, Command, CommandEntry } from './command';
import { commands } from './commands';
import { CliError, describeError } from './errors';

/** Exit codes: 0 success, 1 failure, 2 unknown or missing command. */
export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;

/** What runCli dispatches to: listed entries (loaded on use) or commands themselves (specs). */
type Available = readonly (Command | CommandEntry)[];

function load(entry: Command | CommandEntry): Promise<Command> {
  return 'load' in entry ? entry.load() : Promise.resolve(entry);
}

export function usage(available: Available = commands): string {
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
  available: Available = commands,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.err(usage(available));
    return exitCodes.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? available.find((c) => c.name === args[0]) : undefined;
    io.out(topic ? (await load(topic)).help : usage(available));
    return exitCodes.ok;
  }
  const entry = available.find((c) => c.name === name);
  if (!entry) {
    io.err(`lumbung: unknown command "${name}"`);
    io.err(usage(available));
    return exitCodes.usage;
  }
  try {
    const command = await load(entry);
    const requestId = `cli:${command.name}:${uuidv7()}`;
    return await runWithRequestContext({ requestId }, () => command.run(args, { io, env }));
  } catch (error) {
    io.err(`lumbung ${entry.name}: ${describeError(error)}`);
    if (env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace') {
      io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    return error instanceof CliError ? error.exitCode : exitCodes.failure;
  }
}
