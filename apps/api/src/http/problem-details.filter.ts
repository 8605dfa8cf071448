import { asServiceUnavailable, isDatabaseUnavailable } from '@lumbung/database';
import { ProblemError, problemTypePrefix } from '@lumbung/core';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { loggablePath } from './loggable-request';
import type { Request, Response } from 'express';

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly requestId?: string;
  readonly [extension: string]: unknown;
}

const httpSlugs: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
};

/** Body-parser failures carry a `type`; Nest wraps them in an HttpException as its cause. */
interface ParserError {
  status?: number;
  type?: string;
  message?: string;
}

/**
 * Every error leaves as RFC 9457 problem+json with a stable `type`. Unknown errors are a 500
 * that names the request id and nothing else: the log has the rest.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.respond(error, http.getRequest<Request & { id?: string }>(), http.getResponse<Response>());
  }

  /** Also for Express middleware mounted outside Nest, whose errors never reach this filter. */
  respond(error: unknown, request: Request & { id?: string }, response: Response): void {
    const problem = this.toProblem(error, request);
    if (problem.status >= 500) {
      this.logger.error(
        `${request.method} ${loggablePath(request.originalUrl)}: ${String((error as Error)?.stack ?? error)}`,
      );
    }
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (typeof problem.retryAfterSeconds === 'number') {
      response.setHeader('Retry-After', String(problem.retryAfterSeconds));
    }
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(error: unknown, request: Request & { id?: string }): ProblemDocument {
    const base = { instance: request.originalUrl, requestId: request.id };
    const known =
      error instanceof ProblemError
        ? error
        : isDatabaseUnavailable(error)
          ? asServiceUnavailable(error)
          : undefined;
    if (known) {
      return {
        type: known.type,
        title: known.title,
        status: known.status,
        detail: known.detail,
        ...base,
        ...known.extensions,
      };
    }
    const cause =
      error instanceof HttpException
        ? (error.cause as ParserError | undefined)
        : (error as ParserError);
    if (cause?.type === 'entity.parse.failed') {
      return {
        type: `${problemTypePrefix}malformed-json`,
        title: 'Malformed JSON',
        status: 400,
        detail: 'The request body is not valid JSON',
        ...base,
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const slug = httpSlugs[status] ?? (status >= 500 ? 'internal-error' : 'bad-request');
      return {
        type: problemTypePrefix + slug,
        title: error.name.replace(/Exception$/, ''),
        status,
        detail: error.message,
        ...base,
      };
    }
    return {
      type: `${problemTypePrefix}internal-error`,
      title: 'Internal error',
      status: 500,
      detail: 'An unexpected error occurred; quote the request id when reporting it',
      ...base,
    };
  }
}
