import { createHash } from 'node:crypto';
import { InvalidInputError } from '@lumbung/core';
import type { StoredResponse } from '@lumbung/database';
import {
  applyDecorators,
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';

export interface IdempotencyInput {
  readonly key: string;
  readonly requestHash: string;
}

const keyPattern = /^[\x21-\x7e]{1,200}$/;

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The Idempotency-Key header and a hash of what the request asks for. */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): IdempotencyInput => {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.header('idempotency-key');
    if (!key || !keyPattern.test(key)) {
      throw new InvalidInputError('A request that moves money needs an Idempotency-Key header', [
        {
          field: 'Idempotency-Key',
          message: '1 to 200 visible ASCII characters, unique per request',
        },
      ]);
    }
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body)}`)
      .digest('hex');
    return { key, requestHash };
  },
);

/** Sends a stored response with its original status; a replay says so in a header. */
@Injectable()
export class IdempotentResponseInterceptor implements NestInterceptor {
  intercept(
    context: ExecutionContext,
    next: CallHandler<StoredResponse<unknown>>,
  ): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((stored) => {
        response.status(stored.status);
        if (stored.replayed) response.setHeader('Idempotent-Replayed', 'true');
        return stored.body;
      }),
    );
  }
}

/** Marks a route that moves money: Idempotency-Key required, response stored and replayed. */
export function MovesMoney(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotentResponseInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description: 'Unique per request; a retry with the same key replays the first response',
    }),
  );
}
