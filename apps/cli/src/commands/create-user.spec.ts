import { runCli } from '../cli';
import type { CliIo } from '../command';

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

/** Without DATABASE_URL: every refusal here comes before the database or a password prompt. */
async function createUser(...args: string[]): Promise<{ code: number; stderr: string[] }> {
  const io = bufferIo();
  const code = await runCli(['create-user', ...args], io, {});
  expect(io.stdout).toEqual([]);
  return { code, stderr: io.stderr };
}

const seeHelp = ' (see: lumbung create-user --help)';

describe('create-user arguments', () => {
  it('prints its help, which says where the password comes from', async () => {
    const io = bufferIo();
    expect(await runCli(['create-user', '--help'], io, {})).toBe(0);
    expect(io.stdout[0]).toMatch(/^Usage: lumbung create-user --username USER/);
    expect(io.stdout[0]).toContain('first line of stdin');
    expect(io.stdout[0]).toContain('no password is read');
  });

  it.each([
    [[], '--username is required'],
    [
      ['--username', 'ina', '--role', 'cashier', '--cooperative', 'KSP-KUPANG'],
      '--role must be one of teller, manager, supervisor, auditor, got "cashier"',
    ],
    [['--username', 'ina', '--role', 'admin'], 'admin is platform-wide: grant it with --admin'],
    [['--username', 'ina', '--role', 'teller'], '--cooperative is required'],
    [
      ['--username', 'ina', '--cooperative', 'KSP-KUPANG'],
      '--cooperative and --until go with --role',
    ],
    [
      ['--username', 'ina', '--role', 'auditor', '--cooperative', 'KSP-KUPANG'],
      "--until is required for auditor: an auditor's access ends with the engagement",
    ],
    [
      [
        '--username',
        'ina',
        '--role',
        'auditor',
        '--cooperative',
        'KSP-KUPANG',
        '--until',
        '2026-02-30',
      ],
      '--until must be a calendar date YYYY-MM-DD, got "2026-02-30"',
    ],
    [
      [
        '--username',
        'ina',
        '--role',
        'auditor',
        '--cooperative',
        'KSP-KUPANG',
        '--until',
        '2001-01-01',
      ],
      '--until must lie in the future, got "2001-01-01"',
    ],
    [['--username', 'ina', '--password', 'x'], `Unknown option '--password'`],
  ])('refuses %j with exit code 1', async (args, message) => {
    expect(await createUser(...args)).toEqual({
      code: 1,
      stderr: [`lumbung create-user: ${message}${seeHelp}`],
    });
  });

  it('refuses a malformed username before asking for a password', async () => {
    const { code, stderr } = await createUser('--username', 'ina ndun!', '--admin');
    expect(code).toBe(1);
    expect(stderr.join('\n')).toMatch(/username/);
    expect(stderr.join('\n')).not.toMatch(/DATABASE_URL/);
  });

  it('then needs DATABASE_URL like every command', async () => {
    const { code, stderr } = await createUser('--username', 'ina', '--admin');
    expect(code).toBe(1);
    expect(stderr[0]).toMatch(
      /^lumbung create-user: invalid environment: DATABASE_URL is required/,
    );
  });
});
