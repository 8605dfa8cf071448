import { runWithRequestContext, uuidv7 } from '@lumbung/core';
import type { NextFunction, Request, Response } from 'express';

const requestIdPattern = /^[A-Za-z0-9._:-]{1,100}$/;

type IdentifiedRequest = Request & { id?: string };

/**
 * First middleware of all: every request gets an id (the caller's X-Request-Id when well-formed)
 * that the response carries back, the logs print and the audit log records.
 */
export function assignRequestId(
  request: IdentifiedRequest,
  response: Response,
  next: NextFunction,
): void {
  const given = request.header('x-request-id');
  request.id = given && requestIdPattern.test(given) ? given : uuidv7();
  response.setHeader('X-Request-Id', request.id);
  next();
}

/**
 * Binds the request's context for everything the handler awaits. Mounted as a Nest middleware,
 * so it runs after body parsing, whose stream callbacks would otherwise drop the context.
 */
export function bindRequestContext(
  request: IdentifiedRequest,
  _: Response,
  next: NextFunction,
): void {
  runWithRequestContext({ requestId: request.id ?? uuidv7() }, () => next());
}
