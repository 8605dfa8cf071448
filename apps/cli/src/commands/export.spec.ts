import { runCli } from '../cli';
import type { CliIo } from '../command';

function bufferIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t) };
}

/** Refusals that come before any database: no DATABASE_URL is needed to get them. */
describe('lumbung export ledger: bad input', () => {
  const noDatabase = {} as NodeJS.ProcessEnv;
  const valid = [
    '--cooperative',
    'KSP-KUPANG',
    '--from',
    '2026-01-01',
    '--to',
    '2026-12-31',
    '--format',
    'hledger',
    '--out',
    '/tmp/x.journal',
  ];

  async function refused(args: string[]): Promise<string> {
    const io = bufferIo();
    expect(await runCli(['export', ...args], io, noDatabase)).toBe(1);
    expect(io.stdout).toEqual([]);
    return io.stderr.join('\n');
  }

  it('asks what to export', async () => {
    expect(await refused([])).toBe(
      'lumbung export: say what to export: export ledger ... (see: lumbung export --help)',
    );
    expect(await refused(['statements', ...valid])).toContain(
      'cannot export "statements": only ledger for now',
    );
  });

  it('names the missing or malformed option', async () => {
    const without = (name: string) => {
      const i = valid.indexOf(`--${name}`);
      return [...valid.slice(0, i), ...valid.slice(i + 2)];
    };
    expect(await refused(['ledger', ...without('out')])).toContain('--out is required');
    expect(await refused(['ledger', ...without('format')])).toContain('--format is required');
    const set = (name: string, value: string) =>
      valid.map((v, i) => (valid[i - 1] === `--${name}` ? value : v));
    expect(await refused(['ledger', ...set('format', 'pdf')])).toContain(
      '--format must be one of csv, jsonl, xlsx, hledger, beancount, got "pdf"',
    );
    expect(await refused(['ledger', ...set('from', '2026-13-01')])).toContain(
      '--from must be a valid date YYYY-MM-DD, got "2026-13-01"',
    );
    expect(await refused(['ledger', ...set('to', '2025-12-31')])).toContain(
      '--to must not be before from (2026-01-01), got "2025-12-31"',
    );
    expect(await refused(['ledger', ...set('cooperative', 'ksp kupang')])).toContain(
      '--cooperative must be a cooperative code',
    );
  });

  it('prints its help', async () => {
    const io = bufferIo();
    expect(await runCli(['export', 'ledger', '--help'], io, noDatabase)).toBe(0);
    expect(io.stdout.join('\n')).toContain('Usage: lumbung export ledger --cooperative CODE');
  });
});
