import { EnvironmentError, InvalidInputError, ProblemError } from '@lumbung/core';
import { sqlState } from '@lumbung/database/standalone';

/** A failure the command has already put into words; `exitCode` defaults to 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** Bad arguments: the message ends with a pointer to the command's --help. */
export class UsageError extends CliError {
  constructor(message: string, command?: string) {
    super(command ? `${message} (see: lumbung ${command} --help)` : message);
    this.name = 'UsageError';
  }
}

const hints: Record<string, string> = {
  '42P01': 'the database has no Lumbung schema yet: run `npm run cli -- migrate` first',
  '3D000': 'create it first (or unset DATABASE_URL and let the demo start its own)',
  '28P01': 'password authentication failed: check the user and password in the URL',
  '28000': 'the role may not connect: check the user in the URL and pg_hba.conf',
  '42501': 'permission denied: run migrate with DATABASE_OWNER_URL to grant the application role',
  ECONNREFUSED: 'nothing answers there: is PostgreSQL running, and are host and port right?',
};

/** Any error as one line for stderr: no stack, no password, the field problems inline. */
export function describeError(error: unknown): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof EnvironmentError) {
    return `invalid environment: ${error.problems.join('; ')}`;
  }
  if (error instanceof InvalidInputError) {
    const fields = error.errors.map((e) => `${e.field} ${e.message}`);
    const detail = fields.some((f) => !error.detail.includes(f)) ? ` (${fields.join('; ')})` : '';
    return oneLine(`${error.detail}${detail}`);
  }
  if (error instanceof ProblemError) return oneLine(error.detail);
  const state = sqlState(error);
  const message = oneLine(
    error instanceof Error ? error.message || state || error.name : String(error),
  );
  const hint = state ? hints[state] : undefined;
  return redactPasswords(hint ? `${message}: ${hint}` : message);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
}

/** postgres://user:secret@host -> postgres://user:***@host, wherever it appears. */
export function redactPasswords(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g, '$1***@');
}
