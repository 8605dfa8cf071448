/**
 * Typed errors carrying what RFC 9457 problem details need. The API maps them one to one;
 * `type` is stable: clients branch on it, so a slug never changes meaning once released.
 */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export const problemTypePrefix = 'urn:lumbung:problem:';

export abstract class ProblemError extends Error {
  abstract readonly status: number;

  protected constructor(
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }

  get type(): string {
    return problemTypePrefix + this.slug;
  }

  get detail(): string {
    return this.message;
  }
}

/** Malformed or out-of-range input; `errors` names each offending field. */
export class InvalidInputError extends ProblemError {
  readonly status = 400;

  constructor(
    detail: string,
    readonly errors: readonly FieldProblem[] = [],
  ) {
    super('invalid-input', 'Invalid input', detail, { errors });
  }
}

export class NotFoundError extends ProblemError {
  readonly status = 404;

  constructor(resource: string, id: string) {
    super('not-found', 'Not found', `${resource} ${id} was not found`, { resource });
  }
}

/** Well-formed input that a business rule refuses (insufficient funds, closed period, ...). */
export class RuleViolationError extends ProblemError {
  readonly status = 422;

  constructor(
    slug: string,
    title: string,
    detail: string,
    extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(slug, title, detail, extensions);
  }
}

/** The request conflicts with the current state, e.g. an entry that was already reversed. */
export class ConflictError extends ProblemError {
  readonly status = 409;

  constructor(
    slug: string,
    title: string,
    detail: string,
    extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(slug, title, detail, extensions);
  }
}

/** A dependency (PostgreSQL, Redis) is unreachable or too slow: retry later. */
export class ServiceUnavailableError extends ProblemError {
  readonly status = 503;

  constructor(detail: string) {
    super('service-unavailable', 'Service unavailable', detail);
  }
}

/** No valid credentials: a missing, malformed, expired or tampered token, or a failed login. */
export class UnauthenticatedError extends ProblemError {
  readonly status = 401;

  constructor(slug: string, title: string, detail: string) {
    super(slug, title, detail);
  }
}

/** Known caller, not allowed to do this (a role it lacks, its own request to approve, ...). */
export class ForbiddenError extends ProblemError {
  readonly status = 403;

  constructor(
    slug: string,
    title: string,
    detail: string,
    extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(slug, title, detail, extensions);
  }
}

/** Slow down: the api answers with Retry-After. */
export class TooManyRequestsError extends ProblemError {
  readonly status = 429;

  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too-many-requests', 'Too many requests', detail, { retryAfterSeconds });
  }
}
