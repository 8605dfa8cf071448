import { QueueBoardPasses } from '@lumbung/auth';
import { ForbiddenError, ProblemError, UnauthenticatedError } from '@lumbung/core';
import type { NextFunction, Request, Response } from 'express';
import { ProblemDetailsFilter } from '../http/problem-details.filter';

type IdentifiedRequest = Request & { id?: string };

/** Sent back only under the board's path (the cookie's Path), never to the rest of the api. */
export const queueBoardCookie = 'lumbung_queue_board';

class ReadOnlyBoardError extends ProblemError {
  readonly status = 405;

  constructor() {
    super('method-not-allowed', 'Method not allowed', 'The queue board is read-only: GET and HEAD');
  }
}

/** POST /admin/queues/session is Nest's route: the gate lets it through to the controller. */
function isSessionRequest(request: Request): boolean {
  return request.method === 'POST' && /^\/session\/?$/i.test(request.path);
}

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.header('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * In front of Bull Board, which is plain Express and outside Nest's guards and filters: lets
 * through only reads by a platform admin holding a valid pass, and answers everything else with
 * the api's problem+json itself. Writes are refused here even though the board is read-only too.
 */
export function queueBoardGate(passes: QueueBoardPasses) {
  const problems = new ProblemDetailsFilter();
  return (request: IdentifiedRequest, response: Response, next: NextFunction): void => {
    if (isSessionRequest(request)) return next();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return problems.respond(new ReadOnlyBoardError(), request, response);
    }
    passes
      .admit(cookieValue(request, queueBoardCookie))
      .then((admission) => {
        if (admission.verdict === 'allow') {
          // Job data names cooperatives and accounts: no shared cache keeps a copy.
          response.setHeader('Cache-Control', 'no-store');
          return next();
        }
        const refusal =
          admission.verdict === 'forbidden'
            ? new ForbiddenError('forbidden', 'Forbidden', 'The queue board is for platform admins')
            : new UnauthenticatedError(
                'unauthenticated',
                'Unauthenticated',
                'Open the queue board through POST /admin/queues/session with an admin bearer token',
              );
        problems.respond(refusal, request, response);
      })
      .catch((error: unknown) => problems.respond(error, request, response));
  };
}
