import { type Environment, readEnvironment } from '@lumbung/core';
import type { CliIo } from './command';

/** The two connections of DESIGN.md section 3 (Append-only): migrations as owner, the rest as app. */
export interface DatabaseTarget {
  /** DATABASE_OWNER_URL: migrations and role setup. */
  readonly ownerUrl: string;
  /** DATABASE_URL: the application role that owns no table. */
  readonly appUrl: string;
  readonly ownerIsSeparate: boolean;
}

export const sharedOwnerWarning =
  'warning: DATABASE_OWNER_URL is unset, so DATABASE_URL also owns the schema: ' +
  'append-only then rests on triggers alone';

/** Reads and validates the environment; warns when the owner URL falls back to DATABASE_URL. */
export function databaseTarget(
  env: NodeJS.ProcessEnv,
  io: CliIo,
  options: { warnWhenShared: boolean },
): DatabaseTarget & { environment: Environment } {
  const environment = readEnvironment(env);
  if (!environment.ownerUrlIsSeparate && options.warnWhenShared) io.err(sharedOwnerWarning);
  return {
    environment,
    ownerUrl: environment.databaseOwnerUrl,
    appUrl: environment.databaseUrl,
    ownerIsSeparate: environment.ownerUrlIsSeparate,
  };
}

/** user@host:port/database: enough to tell where, never the password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = decodeURIComponent(parsed.username) || 'postgres';
    return `${user}@${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
