import { CliError } from './errors';
import { runCli, usage } from './cli';
import type { CliIo, Command } from './command';
import { commands } from './commands';

function bufferIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
  };
}

const noDatabase = {} as NodeJS.ProcessEnv;

describe('runCli', () => {
  it('lists exactly the commands built so far', () => {
    expect(commands.map((c) => c.name)).toEqual([
      'migrate',
      'seed',
      'close-day',
      'trial-balance',
      'demo',
      'verify-chain',
      'chain-head',
      'export',
      'statements',
      'create-user',
      'cutover',
    ]);
    expect(usage()).toContain('trial-balance  print a cooperative trial balance as of a date');
  });

  it('lists each command under its own name and summary, loading it only to run it', async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({
        name: entry.name,
        summary: entry.summary,
      });
    }
  });

  it('prints usage on stderr and exits 2 without a command or with an unknown one', async () => {
    const io = bufferIo();
    expect(await runCli([], io, noDatabase)).toBe(2);
    expect(io.stderr.join('\n')).toContain('Usage: lumbung <command>');

    const unknown = bufferIo();
    expect(await runCli(['close-year', '--cooperative', 'KSP-KUPANG'], unknown, noDatabase)).toBe(
      2,
    );
    expect(unknown.stderr[0]).toBe('lumbung: unknown command "close-year"');
    expect(unknown.stdout).toEqual([]);
  });

  it('prints help on stdout and exits 0', async () => {
    const io = bufferIo();
    expect(await runCli(['--help'], io, noDatabase)).toBe(0);
    expect(io.stdout[0]).toBe(usage());

    for (const argv of [
      ['help', 'trial-balance'],
      ['trial-balance', '--help'],
    ]) {
      const help = bufferIo();
      expect(await runCli(argv, help, noDatabase)).toBe(0);
      expect(help.stdout[0]).toMatch(/^Usage: lumbung trial-balance --cooperative CODE/);
    }
  });

  it('refuses a malformed kept head before it needs a database', async () => {
    const io = bufferIo();
    const code = await runCli(
      ['verify-chain', '--cooperative', 'KSP-KUPANG', '--head', '12:abc'],
      io,
      noDatabase,
    );
    expect(code).toBe(1);
    expect(io.stderr).toEqual([
      'lumbung verify-chain: --head must be <block sequence>:<64 hex digits>, got "12:abc" (see: lumbung verify-chain --help)',
    ]);
  });

  it('checks arguments before it needs a database', async () => {
    const io = bufferIo();
    const code = await runCli(
      ['trial-balance', '--cooperative', 'KSP-KUPANG', '--as-of', '2026-13-01'],
      io,
      noDatabase,
    );
    expect(code).toBe(1);
    expect(io.stderr).toEqual([
      'lumbung trial-balance: --as-of must be a calendar date YYYY-MM-DD, got "2026-13-01" (see: lumbung trial-balance --help)',
    ]);
  });

  it('checks close-day arguments before it needs a database', async () => {
    const io = bufferIo();
    expect(await runCli(['close-day', '--date', '2026-11-20'], io, noDatabase)).toBe(1);
    expect(io.stderr).toEqual([
      'lumbung close-day: --cooperative is required (see: lumbung close-day --help)',
    ]);
    const date = bufferIo();
    const args = ['close-day', '--cooperative', 'KSP-KUPANG', '--date', '20-11-2026'];
    expect(await runCli(args, date, noDatabase)).toBe(1);
    expect(date.stderr).toEqual([
      'lumbung close-day: --date must be a calendar date YYYY-MM-DD, got "20-11-2026" (see: lumbung close-day --help)',
    ]);
  });

  it('refuses to run without DATABASE_URL, in one line', async () => {
    const io = bufferIo();
    expect(await runCli(['seed'], io, noDatabase)).toBe(1);
    expect(io.stderr).toEqual([
      'lumbung seed: invalid environment: DATABASE_URL is required (postgres://user:password@host:5432/db)',
    ]);
  });

  it('turns a failure into one stderr line and its exit code', async () => {
    const failing = (error: Error): Command => ({
      name: 'fail',
      summary: 'fails',
      help: 'fails',
      run: () => Promise.reject(error),
    });
    const io = bufferIo();
    expect(await runCli(['fail'], io, {}, [failing(new Error('boom\n  at x.js:1'))])).toBe(1);
    expect(io.stderr).toEqual(['lumbung fail: boom at x.js:1']);

    const custom = bufferIo();
    expect(await runCli(['fail'], custom, {}, [failing(new CliError('nope', 3))])).toBe(3);
  });

  it('runs each command under its own request id for the audit log', async () => {
    const { currentRequestContext } = await import('@lumbung/core');
    let seen: string | undefined;
    const probe: Command = {
      name: 'probe',
      summary: 'probe',
      help: 'probe',
      run: async () => {
        seen = currentRequestContext()?.requestId;
        return 0;
      },
    };
    expect(await runCli(['probe'], bufferIo(), {}, [probe])).toBe(0);
    expect(seen).toMatch(/^cli:probe:[0-9a-f-]{36}$/);
  });
});
