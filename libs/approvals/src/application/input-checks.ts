import { InvalidInputError, isUuid } from '@lumbung/core';

const maxReasonLength = 1000;

/** Ids reach SQL as uuid parameters: a malformed one is the caller's 400, not a driver error. */
export function requireUuid(value: string, field: string): void {
  if (!isUuid(value)) {
    throw new InvalidInputError(`${field} must be a UUID`, [{ field, message: 'a UUID' }]);
  }
}

/** A trimmed reason, or null when none was given; `required` refuses a blank one. */
export function reasonOf(value: string | undefined, required: boolean): string | null {
  const reason = value?.trim() ?? '';
  if (reason.length > maxReasonLength) {
    throw new InvalidInputError('reason is too long', [
      { field: 'reason', message: `at most ${maxReasonLength} characters` },
    ]);
  }
  if (reason.length === 0 && required) {
    throw new InvalidInputError('A reason is required', [
      { field: 'reason', message: 'say why, in a few words' },
    ]);
  }
  return reason.length > 0 ? reason : null;
}
