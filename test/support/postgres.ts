import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Test databases: one migrated template per run, one clone per suite (DESIGN.md section 8).
 * The shared cluster's superuser only creates roles and databases; suites use the owner and
 * application roles exactly as production does.
 */
export const adminUrl =
  process.env.LUMBUNG_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const ownerRole = 'lumbung_test_owner';
export const appRole = 'lumbung_test_app';
export const databasePrefix = 'lumbung_t_';

/** The URL of `database` as `role` on the cluster `admin` names (the shared one by default). */
export function urlFor(role: string, database: string, admin: string = adminUrl): string {
  const url = new URL(admin);
  url.username = role;
  url.password = '';
  url.pathname = `/${database}`;
  return url.toString();
}

export function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  return connectAs(adminUrl, work);
}

/** The owner role of every test database, created once per cluster (roles are cluster-wide). */
export async function ensureOwnerRole(admin: Client): Promise<void> {
  await admin.query(`
    DO $$ BEGIN
      CREATE ROLE ${ownerRole} LOGIN CREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
}

/** One short-lived connection as whoever the URL names, closed whatever happens. */
export async function connectAs<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  readonly name: string;
  readonly ownerUrl: string;
  readonly appUrl: string;
  drop(): Promise<void>;
}

function templateName(): string {
  const template = process.env.LUMBUNG_TEST_TEMPLATE;
  if (!template) throw new Error('LUMBUNG_TEST_TEMPLATE is unset: run through jest (globalSetup)');
  return template;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = templateName();
  const name = `${template.replace('_tpl', '')}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) =>
    admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}" OWNER ${ownerRole}`),
  );
  return {
    name,
    ownerUrl: urlFor(ownerRole, name),
    appUrl: urlFor(appRole, name),
    drop: () =>
      withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
