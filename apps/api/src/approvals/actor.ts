import type { Actor } from '@lumbung/approvals';
import { isAdmin, type Principal, rolesIn } from '@lumbung/auth';

/**
 * The caller as the approvals engine sees them: their roles in this cooperative, plus `admin`
 * for platform admins (the engine never counts admin towards money).
 */
export function actorIn(principal: Principal, cooperativeId: string): Actor {
  const held: string[] = rolesIn(principal, cooperativeId);
  if (isAdmin(principal) && !held.includes('admin')) held.push('admin');
  return { id: principal.userId, roles: held };
}
