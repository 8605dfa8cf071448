import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config/environment';

/** Identity numbers and credentials never reach the logs (UU PDP 27/2022). */
const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.identityNumber',
  '*.nik',
  '*.mykad',
];

export function createLogger(level: LogLevel, name: string): Logger {
  return pino({ name, level, redact: { paths: redactedPaths, censor: '[redacted]' } });
}

/**
 * Nest's own messages (bootstrap, route mapping, errors) through the same pino logger; it meets
 * Nest's LoggerService by shape, so libs/core stays free of Nest.
 */
export class PinoNestLogger {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
