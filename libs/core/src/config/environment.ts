/**
 * The environment contract of DESIGN.md section 4, validated once at start so a process with
 * a bad configuration refuses to run instead of failing on the first request.
 */
export interface Environment {
  readonly databaseUrl: string;
  /** Migrations and role setup; equals databaseUrl when DATABASE_OWNER_URL is unset. */
  readonly databaseOwnerUrl: string;
  readonly ownerUrlIsSeparate: boolean;
  readonly redisUrl: string;
  readonly port: number;
  readonly jwtSecret: string | undefined;
  readonly logLevel: LogLevel;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export class EnvironmentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment:\n- ${problems.join('\n- ')}`);
    this.name = 'EnvironmentError';
  }
}

function postgresUrl(name: string, value: string | undefined, problems: string[]): string {
  if (!value) return '';
  try {
    const url = new URL(value);
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      problems.push(`${name} must be a postgres:// URL`);
    }
  } catch {
    problems.push(`${name} is not a valid URL`);
  }
  return value;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const problems: string[] = [];
  const databaseUrl = postgresUrl('DATABASE_URL', env.DATABASE_URL, problems);
  if (!databaseUrl)
    problems.push('DATABASE_URL is required (postgres://user:password@host:5432/db)');
  const ownerUrl = postgresUrl('DATABASE_OWNER_URL', env.DATABASE_OWNER_URL, problems);
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must be a redis:// URL');
  const port = env.PORT === undefined ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push('PORT must be an integer between 0 and 65535');
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!logLevels.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')}`);
  if (env.JWT_SECRET !== undefined && env.JWT_SECRET.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters');
  }
  if (problems.length > 0) throw new EnvironmentError(problems);
  return {
    databaseUrl,
    databaseOwnerUrl: ownerUrl || databaseUrl,
    ownerUrlIsSeparate: Boolean(ownerUrl) && ownerUrl !== databaseUrl,
    redisUrl,
    port,
    jwtSecret: env.JWT_SECRET,
    logLevel,
  };
}
