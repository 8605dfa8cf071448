import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { knownCurrencies } from '@lumbung/core';

describe('schema rules', () => {
  let db: TestDatabase;
  let owner: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner.end();
    await db.drop();
  });

  const tenantRoots = new Set(['cooperative', 'currency', 'schema_migration']);
  /** People and their sessions belong to the platform (one user, several cooperatives). */
  const platformTables = new Set(['app_user', 'auth_session']);

  it('leads every tenant table key with cooperative_id (DESIGN.md section 9)', async () => {
    const { rows } = await owner.query<{
      table: string;
      kind: string;
      first: string;
      references: string | null;
    }>(`
      SELECT c.conrelid::regclass::text AS table, c.contype AS kind,
             NULLIF(c.confrelid, 0)::regclass::text AS references,
             (SELECT attname FROM pg_attribute
               WHERE attrelid = c.conrelid AND attnum = c.conkey[1]) AS first
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE n.nspname = 'public' AND c.contype IN ('p', 'f', 'u')`);
    const offending = rows.filter(
      (r) =>
        !tenantRoots.has(r.table) &&
        !platformTables.has(r.table) &&
        r.first !== 'cooperative_id' &&
        !(r.kind === 'f' && platformTables.has(r.references ?? '')) &&
        !(r.kind === 'f' && ['currency', 'cooperative'].includes(r.first)) &&
        // Currencies are a reference table (replicated, not distributed): any column may name one.
        !(r.kind === 'f' && r.references === 'currency'),
    );
    expect(offending).toEqual([]);
    const tables = new Set(rows.map((r) => r.table));
    expect(tables.has('posting')).toBe(true);
  });

  it('knows the same currencies in the database as in libs/core', async () => {
    const { rows } = await owner.query<{ code: string; minor_units: number }>(
      'SELECT code, minor_units FROM currency ORDER BY code',
    );
    const fromCore = knownCurrencies()
      .map((c) => ({ code: c.code, minor_units: c.minorUnits }))
      .sort((a, b) => a.code.localeCompare(b.code));
    expect(rows).toEqual(fromCore);
  });
});
