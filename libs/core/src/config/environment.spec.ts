import { EnvironmentError, readEnvironment } from './environment';

describe('readEnvironment', () => {
  const base = { DATABASE_URL: 'postgres://lumbung_app@127.0.0.1:5432/lumbung' };

  it('applies the documented defaults', () => {
    const env = readEnvironment(base);
    expect(env.port).toBe(3000);
    expect(env.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(env.logLevel).toBe('info');
    expect(env.databaseOwnerUrl).toBe(base.DATABASE_URL);
    expect(env.ownerUrlIsSeparate).toBe(false);
  });

  it('keeps a separate owner connection when given', () => {
    const env = readEnvironment({
      ...base,
      DATABASE_OWNER_URL: 'postgres://lumbung_owner@127.0.0.1:5432/lumbung',
    });
    expect(env.ownerUrlIsSeparate).toBe(true);
  });

  it('lists every problem at once', () => {
    try {
      readEnvironment({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        REDIS_URL: 'http://x',
        JWT_SECRET: 'short',
      });
      fail('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(EnvironmentError);
      expect((error as EnvironmentError).problems).toHaveLength(5);
    }
  });
});
