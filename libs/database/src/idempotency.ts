import { ConflictError, RuleViolationError } from '@lumbung/core';
import { Injectable } from '@nestjs/common';
import type { Tx } from './transaction-scope';

export interface IdempotentRequest {
  readonly cooperativeId: string;
  /** The client's Idempotency-Key header. */
  readonly key: string;
  /** A hash of what the request asks for (method, route, body): the same key must ask the same. */
  readonly requestHash: string;
}

export interface StoredResponse<T> {
  readonly status: number;
  readonly body: T;
  /** True when this is the first request's response, replayed: nothing was done now. */
  readonly replayed: boolean;
}

/**
 * Idempotency keys (DESIGN.md section 3): the key row is inserted first in the use case's own
 * transaction, so a concurrent duplicate waits on the unique key and, once the first commits,
 * replays its stored response; if the first rolls back, the duplicate proceeds as the first.
 * There is never an "in progress" row outside a transaction.
 */
@Injectable()
export class IdempotentRequests {
  async run<T>(
    tx: Tx,
    request: IdempotentRequest,
    work: () => Promise<{ status: number; body: T }>,
  ): Promise<StoredResponse<T>> {
    const claimed = await tx.query(
      `INSERT INTO idempotency_key (cooperative_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (cooperative_id, key) DO NOTHING RETURNING key`,
      [request.cooperativeId, request.key, request.requestHash],
    );
    if (claimed.length === 0) return this.replay<T>(tx, request);
    const response = await work();
    await tx.query(
      `UPDATE idempotency_key SET response_status = $3, response_body = $4
        WHERE cooperative_id = $1 AND key = $2`,
      [request.cooperativeId, request.key, response.status, JSON.stringify(response.body)],
    );
    return { ...response, replayed: false };
  }

  private async replay<T>(tx: Tx, request: IdempotentRequest): Promise<StoredResponse<T>> {
    const [stored] = await tx.query<{
      request_hash: string;
      response_status: number | null;
      response_body: T;
    }>(
      `SELECT request_hash, response_status, response_body FROM idempotency_key
        WHERE cooperative_id = $1 AND key = $2`,
      [request.cooperativeId, request.key],
    );
    if (stored.request_hash !== request.requestHash) {
      throw new RuleViolationError(
        'idempotency-key-reused',
        'Idempotency key reused',
        'This Idempotency-Key was already used for a different request',
      );
    }
    if (stored.response_status === null) {
      throw new ConflictError(
        'idempotency-conflict',
        'Request in progress',
        'The first request with this key has not finished',
      );
    }
    return { status: stored.response_status, body: stored.response_body, replayed: true };
  }
}
