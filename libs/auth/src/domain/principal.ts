import type { Role } from './roles';

/** A grant in force: not revoked, not past its end. */
export interface LiveGrant {
  /** The nil id for the platform `admin` role. */
  readonly cooperativeId: string;
  readonly role: Role;
  readonly validUntil: string | null;
}

/** Who is calling, as the access rules see them: loaded afresh on every request. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly sessionId: string;
  readonly grants: readonly LiveGrant[];
}

export function rolesIn(principal: Principal, cooperativeId: string): Role[] {
  return principal.grants.filter((g) => g.cooperativeId === cooperativeId).map((g) => g.role);
}

export function isAdmin(principal: Principal): boolean {
  return principal.grants.some((g) => g.role === 'admin');
}
