import { ServiceUnavailableError } from '@lumbung/core';

interface DriverError {
  code?: string;
  constraint?: string;
  message?: string;
}

/** The driver error under TypeORM's QueryFailedError, or the error itself. */
export function driverError(error: unknown): DriverError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const wrapped = (error as { driverError?: DriverError }).driverError;
  return wrapped ?? (error as DriverError);
}

export function sqlState(error: unknown): string | undefined {
  return driverError(error)?.code;
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '57014', // query_canceled (statement_timeout)
  '53300', // too_many_connections
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

const unavailableMessages = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
];

/** True when the database could not be reached or gave up: the caller should get a 503. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const driver = driverError(error);
  if (!driver) return false;
  if (driver.code && unavailableCodes.has(driver.code)) return true;
  const message = driver.message ?? (error as Error).message ?? '';
  return unavailableMessages.some((pattern) => pattern.test(message));
}

export function asServiceUnavailable(error: unknown): ServiceUnavailableError {
  const reason = driverError(error)?.message ?? 'unknown error';
  return new ServiceUnavailableError(`The database is unavailable: ${reason}`);
}

export const sqlStates = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;
