import { choiceArg, cooperativeCodeArg, dateArg, parseCommandArgs, required } from './args';
import { UsageError } from './errors';

const options = { cooperative: { type: 'string' }, 'as-of': { type: 'string' } } as const;

function usageMessage(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error('expected a usage error');
}

describe('parseCommandArgs', () => {
  it('reads long options in both spellings and adds --help', () => {
    const values = parseCommandArgs(
      'trial-balance',
      ['--cooperative', 'KSP-KUPANG', '--as-of=2026-11-20'],
      options,
    );
    expect(values).toEqual({ cooperative: 'KSP-KUPANG', 'as-of': '2026-11-20' });
    expect(parseCommandArgs('trial-balance', ['-h'], options).help).toBe(true);
  });

  it('refuses an unknown option in one line that points to --help', () => {
    const message = usageMessage(() => parseCommandArgs('trial-balance', ['--coop', 'X'], options));
    expect(message).toBe("Unknown option '--coop' (see: lumbung trial-balance --help)");
  });

  it('refuses an option without its value and a stray positional', () => {
    expect(usageMessage(() => parseCommandArgs('trial-balance', ['--as-of'], options))).toMatch(
      /^Option '--as-of <value>' argument missing/,
    );
    expect(usageMessage(() => parseCommandArgs('seed', ['now'], {}))).toMatch(
      /^Unexpected argument 'now'/,
    );
  });
});

describe('option values', () => {
  it('requires a value that is not blank', () => {
    expect(required('x', 'cooperative', ' KSP-A ')).toBe('KSP-A');
    expect(usageMessage(() => required('x', 'cooperative', undefined))).toMatch(
      /^--cooperative is required/,
    );
    expect(usageMessage(() => required('x', 'cooperative', '  '))).toMatch(/is required/);
  });

  it('names cooperatives by code, in any case', () => {
    expect(cooperativeCodeArg('x', 'ksp-kupang')).toBe('KSP-KUPANG');
    expect(usageMessage(() => cooperativeCodeArg('x', 'KSP KUPANG'))).toMatch(
      /^--cooperative must be a cooperative code such as KSP-KUPANG, got "KSP KUPANG"/,
    );
    expect(usageMessage(() => cooperativeCodeArg('x', 'K'))).toMatch(/cooperative code/);
  });

  it.each(['2026-02-30', '2026-2-1', '20261120', '2026-11-20T00:00:00Z', 'today'])(
    'refuses the date %s',
    (value) => {
      expect(usageMessage(() => dateArg('trial-balance', 'as-of', value))).toBe(
        `--as-of must be a calendar date YYYY-MM-DD, got "${value}" (see: lumbung trial-balance --help)`,
      );
    },
  );

  it('accepts calendar dates, leap days included', () => {
    expect(dateArg('x', 'as-of', '2024-02-29')).toBe('2024-02-29');
    expect(dateArg('x', 'as-of', '2026-12-31')).toBe('2026-12-31');
    expect(() => dateArg('x', 'as-of', '2026-02-29')).toThrow(UsageError);
  });

  it('chooses among fixed values with a default', () => {
    const formats = ['table', 'json', 'csv'] as const;
    expect(choiceArg('x', 'format', undefined, formats, 'table')).toBe('table');
    expect(choiceArg('x', 'format', 'csv', formats, 'table')).toBe('csv');
    expect(usageMessage(() => choiceArg('x', 'format', 'xml', formats, 'table'))).toMatch(
      /^--format must be one of table, json, csv, got "xml"/,
    );
  });
});
