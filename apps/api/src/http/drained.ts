import type { Response } from 'express';

/**
 * A client that takes nothing for this long loses its export: the reading stops with the sending,
 * and a COPY waiting on a socket holds its snapshot and its connection.
 */
const stalledAfterMillis = 60_000;

/** Resolves once the response can take more, rejects once the client has gone or stalled. */
export function drained(response: Response): Promise<void> {
  if (response.destroyed) return Promise.reject(new Error('the client went away'));
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      response.off('drain', onDrain);
      response.off('close', onClose);
    };
    const onDrain = () => {
      done();
      resolve();
    };
    const onClose = () => {
      done();
      reject(new Error('the client went away'));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`the client took nothing for ${stalledAfterMillis / 1000} s`));
    }, stalledAfterMillis);
    response.once('drain', onDrain);
    response.once('close', onClose);
  });
}
