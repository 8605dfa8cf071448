import { randomBytes } from 'node:crypto';
import { createMigratedDatabase } from './migrated-database';
import { adminUrl, databasePrefix, withAdmin } from './postgres';

const staleAfterMillis = 6 * 60 * 60 * 1000;

/** Creates the run's migrated template database; each suite clones it. */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const template = `${databasePrefix}${runId}_tpl`;
  await withAdmin(dropStaleDatabases);
  const started = Date.now();
  await createMigratedDatabase(adminUrl, template);
  process.env.LUMBUNG_TEST_TEMPLATE = template;
  process.env.LUMBUNG_TEST_RUN = runId;
  if (process.env.LUMBUNG_TEST_VERBOSE) {
    console.log(`\ntemplate ${template} migrated in ${Date.now() - started} ms`);
  }
}

/** Databases of crashed runs, recognised by the time encoded in their run id. */
async function dropStaleDatabases(admin: import('pg').Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1`,
    [`${databasePrefix}%`],
  );
  for (const { datname } of rows) {
    const stamp = parseInt(datname.slice(databasePrefix.length, databasePrefix.length + 8), 36);
    if (Number.isFinite(stamp) && Date.now() - stamp > staleAfterMillis) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }
}
