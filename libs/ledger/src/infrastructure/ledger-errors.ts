import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  type ProblemError,
  RuleViolationError,
} from '@lumbung/core';
import { driverError } from '@lumbung/database';

/**
 * What the database refused, as a problem the caller can act on. The services check the same
 * rules first; these mappings keep a refusal a 4xx even if a check was ever missed in code.
 */
export function ledgerProblem(error: unknown): ProblemError | undefined {
  const driver = driverError(error);
  const message = driver?.message ?? '';
  switch (driver?.code) {
    case 'LB001':
    case 'LB004':
      return new InvalidInputError(message, [{ field: 'postings', message }]);
    case 'LB010':
      return new NotFoundError('Cooperative', message.split(' ')[1] ?? message);
    case 'LB005':
      return new RuleViolationError('period-closed', 'Accounting period closed', message);
    case 'LB006':
      return /floor/.test(message)
        ? new RuleViolationError('insufficient-funds', 'Insufficient funds', message)
        : undefined;
    case 'LB008':
      return new RuleViolationError('reversal-not-allowed', 'Reversal not allowed', message);
    case '23505':
      if (/reverses_entry_id/.test(driver.constraint ?? '')) {
        return new ConflictError(
          'entry-already-reversed',
          'Entry already reversed',
          'The entry has already been reversed',
        );
      }
      if (/idempotency_key/.test(driver.constraint ?? '')) {
        return new ConflictError(
          'idempotency-conflict',
          'Concurrent request with the same key',
          'Another request with the same idempotency key committed first; retry to receive its result',
        );
      }
      return undefined;
    case '23503':
      return new InvalidInputError('A posting names an account or currency that does not match', [
        { field: 'postings', message },
      ]);
    default:
      return undefined;
  }
}
