import { currentRequestContext, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { maskPersonalData } from '../domain/masking';

/** Events that belong to no cooperative (platform logins, admin actions) use this id. */
export const platformScope = '00000000-0000-0000-0000-000000000000';

export interface AuditEvent {
  readonly cooperativeId: string;
  readonly action: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly reason?: string;
  /** Defaults to the request's actor and id. */
  readonly actorId?: string;
  readonly requestId?: string;
}

/**
 * The append-only record of every mutation: written in the same transaction as the change it
 * describes, so one never exists without the other.
 */
@Injectable()
export class AuditLog {
  async record(tx: Tx, event: AuditEvent): Promise<void> {
    const context = currentRequestContext();
    await tx.query(
      `INSERT INTO audit_log (cooperative_id, id, actor_id, request_id, action, target_type,
                              target_id, before, after, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        event.cooperativeId,
        uuidv7(),
        event.actorId ?? context?.actorId ?? null,
        event.requestId ?? context?.requestId ?? null,
        event.action,
        event.targetType ?? null,
        event.targetId ?? null,
        event.before === undefined ? null : JSON.stringify(maskPersonalData(event.before)),
        event.after === undefined ? null : JSON.stringify(maskPersonalData(event.after)),
        event.reason ?? null,
      ],
    );
  }
}
