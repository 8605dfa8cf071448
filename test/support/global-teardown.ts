import { withAdmin } from './postgres';

/** Drops the run's template and any suite database a crashed suite left behind. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.LUMBUNG_TEST_TEMPLATE;
  if (!template) return;
  const runPrefix = template.replace(/_tpl$/, '');
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${runPrefix}%`],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}
