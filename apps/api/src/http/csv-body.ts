import { InvalidInputError } from '@lumbung/core';
import { PayloadTooLargeException } from '@nestjs/common';
import express, { type Request, type Response } from 'express';

const limitBytes = 512 * 1024;
const parseText = express.text({ type: ['text/csv', 'text/plain'], limit: limitBytes });

function unreadable(): InvalidInputError {
  return new InvalidInputError('The CSV body could not be read', [
    { field: 'body', message: 'UTF-8 text/csv' },
  ]);
}

/**
 * The CSV text of a request: a `text/csv` (or `text/plain`) body, or a JSON body `{ csv }`.
 * Undefined when the request carries neither.
 */
export async function csvTextOf(request: Request, response: Response): Promise<string | undefined> {
  if (request.is(['text/csv', 'text/plain'])) {
    try {
      await new Promise<void>((resolve, reject) =>
        parseText(request, response, (error?: unknown) => (error ? reject(error) : resolve())),
      );
    } catch (error) {
      if ((error as { status?: number }).status === 413) {
        throw new PayloadTooLargeException(`A CSV body is at most ${limitBytes} bytes`, {
          cause: error,
        });
      }
      throw unreadable();
    }
    return typeof request.body === 'string' ? request.body : undefined;
  }
  const body = request.body as { csv?: unknown } | undefined;
  return typeof body?.csv === 'string' ? body.csv : undefined;
}
