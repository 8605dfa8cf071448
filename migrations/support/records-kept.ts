import type { QueryRunner } from 'typeorm';

/**
 * Records are kept (UU 8/1997): triggers refuse DELETE and TRUNCATE on each table, even to its
 * owner, and UPDATE too where the table is `appendOnly`.
 */
export async function keepRecords(
  db: QueryRunner,
  tables: readonly string[],
  { appendOnly }: { appendOnly: boolean },
): Promise<void> {
  for (const table of tables) {
    await db.query(`
      CREATE TRIGGER ${table}_kept BEFORE DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
    await db.query(`
      CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    if (appendOnly) {
      await db.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
    }
  }
}
