import { InvalidInputError, isUuid } from '@lumbung/core';
import { isRole, type Role } from './roles';

/** What someone asks to be granted: validated before anything is stored or approved. */
export interface GrantRequest {
  readonly userId: string;
  readonly role: Role;
  /** ISO 8601 instant; required for auditors, whose access is an engagement with an end. */
  readonly validUntil: string | null;
}

export function parseGrantRequest(input: unknown, now: Date): GrantRequest {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const errors: Array<{ field: string; message: string }> = [];
  if (!isUuid(raw.userId)) errors.push({ field: 'userId', message: 'must be a user id (uuid)' });
  if (!isRole(raw.role)) {
    errors.push({
      field: 'role',
      message: 'must be teller, manager, supervisor, auditor or admin',
    });
  }
  let validUntil: string | null = null;
  if (raw.validUntil !== undefined && raw.validUntil !== null) {
    const instant = typeof raw.validUntil === 'string' ? new Date(raw.validUntil) : undefined;
    if (
      !instant ||
      Number.isNaN(instant.getTime()) ||
      !/^\d{4}-\d{2}-\d{2}/.test(String(raw.validUntil))
    ) {
      errors.push({ field: 'validUntil', message: 'must be an ISO 8601 date or instant' });
    } else if (instant <= now) {
      errors.push({ field: 'validUntil', message: 'must lie in the future' });
    } else {
      validUntil = instant.toISOString();
    }
  }
  if (raw.role === 'auditor' && raw.validUntil == null) {
    errors.push({ field: 'validUntil', message: 'is required for auditors' });
  }
  if (errors.length > 0) throw new InvalidInputError('The role grant is not valid', errors);
  return { userId: raw.userId as string, role: raw.role as Role, validUntil };
}
