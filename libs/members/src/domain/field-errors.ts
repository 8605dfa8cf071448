import { type FieldProblem, InvalidInputError } from '@lumbung/core';

/**
 * Gathers the problems of every field before refusing, so a teller fixes a form in one round
 * trip instead of one field per attempt.
 */
export class FieldErrors {
  private readonly problems: FieldProblem[] = [];

  /** Runs one field's check; its InvalidInputError is kept, anything else propagates. */
  check<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      this.problems.push(...error.errors);
      return undefined;
    }
  }

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  throwIfAny(detail: string): void {
    if (this.problems.length > 0) throw new InvalidInputError(detail, this.problems);
  }
}

export function invalidField(field: string, message: string): InvalidInputError {
  return new InvalidInputError(`${field} ${message}`, [{ field, message }]);
}
