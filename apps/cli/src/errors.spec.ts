import { EnvironmentError, InvalidInputError, NotFoundError } from '@lumbung/core';
import { CliError, describeError, redactPasswords, UsageError } from './errors';

describe('describeError', () => {
  it('keeps our own messages as they are', () => {
    expect(describeError(new CliError('no cooperative with code X'))).toBe(
      'no cooperative with code X',
    );
    expect(describeError(new UsageError('--as-of is required', 'trial-balance'))).toBe(
      '--as-of is required (see: lumbung trial-balance --help)',
    );
  });

  it('puts an environment problem list on one line', () => {
    const error = new EnvironmentError(['DATABASE_URL is required', 'PORT must be an integer']);
    expect(describeError(error)).toBe(
      'invalid environment: DATABASE_URL is required; PORT must be an integer',
    );
  });

  it('adds field problems that the detail does not already say', () => {
    const error = new InvalidInputError('Invalid cooperative', [
      { field: 'code', message: 'upper-case letters, digits and dashes, 2 to 32' },
    ]);
    expect(describeError(error)).toBe(
      'Invalid cooperative (code upper-case letters, digits and dashes, 2 to 32)',
    );
    expect(describeError(new NotFoundError('Cooperative', 'KSP-X'))).toBe(
      'Cooperative KSP-X was not found',
    );
  });

  it('hints at the fix for the PostgreSQL errors an operator meets first', () => {
    const undefinedTable = Object.assign(new Error('relation "cooperative" does not exist'), {
      code: '42P01',
    });
    expect(describeError(undefinedTable)).toBe(
      'relation "cooperative" does not exist: the database has no Lumbung schema yet: run `npm run cli -- migrate` first',
    );
    // Node reports a refused connection to localhost (IPv4 and IPv6) with an empty message.
    const refused = Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' });
    expect(describeError(refused)).toMatch(/^ECONNREFUSED: nothing answers there/);
  });

  it('never shows a password or a stack, and stays on one line', () => {
    const error = new Error(
      'could not connect to postgres://lumbung_app:s3cret@db:5432/lumbung\n    at connect (x.js:1:1)',
    );
    const line = describeError(error);
    expect(line).not.toContain('s3cret');
    expect(line).not.toContain('\n');
    expect(line).toContain('postgres://lumbung_app:***@db:5432/lumbung');
  });
});

describe('redactPasswords', () => {
  it('hides the password of every postgres URL and leaves others alone', () => {
    expect(
      redactPasswords('a postgresql://u:p@h/d and postgres://v:q%40r@h:1/e, postgres://w@h/f'),
    ).toBe('a postgresql://u:***@h/d and postgres://v:***@h:1/e, postgres://w@h/f');
  });
});
