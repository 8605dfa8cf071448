import { isAdmin, type Principal, rolesIn } from './principal';
import type { Role } from './roles';

/**
 * What a route demands of its caller. Every route declares one; a route without a rule is
 * refused, so forgetting to decide cannot open anything.
 */
export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'authenticated' }
  /** Platform operations: admins only. */
  | { readonly kind: 'platform' }
  /** Inside `/cooperatives/{cooperativeId}`; `admin` in the list lets platform admins in too. */
  | { readonly kind: 'cooperative'; readonly roles: readonly Role[] };

/** `hidden` answers 404: a caller with no role in a cooperative learns nothing about it. */
export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden' | 'hidden';

export function decideAccess(
  rule: AccessRule | undefined,
  principal: Principal | undefined,
  cooperativeId: string | undefined,
): AccessDecision {
  if (rule?.kind === 'public') return 'allow';
  if (!principal) return 'unauthenticated';
  if (!rule) return 'forbidden';
  switch (rule.kind) {
    case 'authenticated':
      return 'allow';
    case 'platform':
      return isAdmin(principal) ? 'allow' : 'forbidden';
    case 'cooperative': {
      if (cooperativeId === undefined) return 'forbidden';
      const held = rolesIn(principal, cooperativeId);
      const adminLetIn = rule.roles.includes('admin') && isAdmin(principal);
      if (adminLetIn || held.some((role) => rule.roles.includes(role))) return 'allow';
      return held.length === 0 ? 'hidden' : 'forbidden';
    }
  }
}
