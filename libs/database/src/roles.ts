import { idleInTransactionTimeoutMillis } from './postgres-options';

/**
 * The group role that holds the application's privileges (granted table by table in each
 * migration). The login role of DATABASE_URL becomes a member; it owns nothing and is never a
 * member of the owner role, so it cannot disable a trigger or alter a table.
 */
export const applicationGroupRole = 'lumbung_application';

type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function roleOf(url: string): { user: string; password: string } {
  const parsed = new URL(url);
  return {
    user: decodeURIComponent(parsed.username) || 'postgres',
    password: decodeURIComponent(parsed.password),
  };
}

export type RoleSetupOutcome = 'created' | 'updated' | 'shared-with-owner';

/**
 * Creates (idempotently) the application login role of `appUrl` as the owner connection.
 * Refuses an application role that is a superuser or can act as the owner: append-only would
 * then rest on the application's good manners.
 */
export async function ensureApplicationRole(
  ownerQuery: Query,
  appUrl: string,
): Promise<RoleSetupOutcome> {
  const { user, password } = roleOf(appUrl);
  const [owner] = await ownerQuery('SELECT current_user AS name');
  if (owner.name === user) return 'shared-with-owner';

  const existing = await ownerQuery('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [user]);
  let outcome: RoleSetupOutcome = 'updated';
  if (existing.length === 0) {
    const withPassword = password ? ` PASSWORD ${quoteLiteral(password)}` : '';
    try {
      await ownerQuery(`CREATE ROLE ${quoteIdentifier(user)} LOGIN${withPassword}`);
      outcome = 'created';
    } catch (error) {
      // Another process created it between our check and CREATE: roles are cluster-wide.
      if (!/already exists/.test((error as Error).message)) throw error;
    }
  } else if (existing[0].rolsuper) {
    throw new Error(`The application role ${user} is a superuser; give DATABASE_URL a plain role`);
  } else if (password) {
    // DATABASE_URL is the source of truth: a changed password must not lock the api out.
    await ownerQuery(`ALTER ROLE ${quoteIdentifier(user)} PASSWORD ${quoteLiteral(password)}`);
  }
  const [membership] = await ownerQuery(
    `SELECT pg_has_role($1, current_user, 'MEMBER') AS acts_as_owner`,
    [user],
  );
  if (membership.acts_as_owner) {
    throw new Error(`The application role ${user} is a member of the owner role; it must not be`);
  }
  await ownerQuery(`GRANT ${applicationGroupRole} TO ${quoteIdentifier(user)}`);
  await ownerQuery(
    `ALTER ROLE ${quoteIdentifier(user)} SET idle_in_transaction_session_timeout = ${idleInTransactionTimeoutMillis}`,
  );
  return outcome;
}
