import type { GrantRecord, Role, UserView } from '@lumbung/auth';
import { ConflictError, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { Cooperative } from '@lumbung/ledger';
import { CliError } from './errors';
import type { LedgerApp } from './ledger-app';

/** A role to hold: at a cooperative, or the platform-wide admin role (no cooperative). */
export interface WantedRole {
  readonly role: Role;
  readonly cooperative: Pick<Cooperative, 'id' | 'code'> | null;
  /** An ISO date or instant; auditors need one. */
  readonly validUntil?: string;
}

export interface NewPerson {
  readonly username: string;
  readonly displayName: string;
  /** Needed only when the user does not exist yet. */
  readonly password?: string;
}

export interface RoleOutcome {
  readonly wanted: WantedRole;
  /** Null when the user held the role already: that grant is kept as it is. */
  readonly grant: GrantRecord | null;
}

export interface UserOutcome {
  readonly user: UserView;
  readonly created: boolean;
  readonly roles: readonly RoleOutcome[];
}

export function describeRole(wanted: WantedRole): string {
  return wanted.cooperative
    ? `${wanted.role} at ${wanted.cooperative.code}`
    : `${wanted.role} (platform-wide)`;
}

export async function findUser(
  ledger: LedgerApp,
  tx: Tx,
  username: string,
): Promise<UserView | undefined> {
  try {
    return await ledger.users.byUsername(tx, username);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * Finds or creates the user, then grants each role not held yet, in the caller's transaction: a
 * refused grant leaves no user behind. Operator grants bypass four eyes (the CLI is the root of
 * trust); running it again changes nothing.
 */
export async function ensureUserWithRoles(
  ledger: LedgerApp,
  tx: Tx,
  person: NewPerson,
  wanted: readonly WantedRole[],
): Promise<UserOutcome> {
  const existing = await findUser(ledger, tx, person.username);
  let user = existing;
  if (!user) {
    if (person.password === undefined) {
      throw new CliError(`there is no user ${person.username} yet, and no password to create one`);
    }
    user = await ledger.users.create(tx, { ...person, password: person.password });
  }
  const roles: RoleOutcome[] = [];
  for (const role of wanted) {
    roles.push({ wanted: role, grant: await grantUnlessHeld(ledger, tx, user.id, role) });
  }
  return { user, created: !existing, roles };
}

/**
 * Inside a savepoint: a conflict raised by the insert itself (a grant made concurrently) aborts
 * the statement, and without the savepoint the whole transaction with it.
 */
async function grantUnlessHeld(
  ledger: LedgerApp,
  tx: Tx,
  userId: string,
  wanted: WantedRole,
): Promise<GrantRecord | null> {
  await tx.query('SAVEPOINT role_grant');
  try {
    const grant = await ledger.roleGrants.grantByOperator(tx, wanted.cooperative?.id ?? null, {
      userId,
      role: wanted.role,
      validUntil: wanted.validUntil,
    });
    await tx.query('RELEASE SAVEPOINT role_grant');
    return grant;
  } catch (error) {
    if (!(error instanceof ConflictError && error.slug === 'role-already-granted')) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT role_grant');
    return null;
  }
}
