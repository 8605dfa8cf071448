import { ensureApplicationRole, postgresOptions, type RoleSetupOutcome } from '@lumbung/database';
import { DataSource } from 'typeorm';
import { migrations } from './index';

export interface MigrationOutcome {
  readonly applied: string[];
  readonly applicationRole: RoleSetupOutcome;
}

/**
 * Brings a database to the latest schema as the owner, then makes sure the application role of
 * DATABASE_URL exists with only the privileges the migrations granted.
 */
export async function migrateDatabase(ownerUrl: string, appUrl: string): Promise<MigrationOutcome> {
  const owner = new DataSource({
    ...postgresOptions({
      url: ownerUrl,
      applicationName: 'lumbung-migrate',
      poolSize: 1,
      migrations,
    }),
  });
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    const applicationRole = await ensureApplicationRole(
      (sql, params) => owner.query(sql, params),
      appUrl,
    );
    return { applied: applied.map((m) => m.name), applicationRole };
  } finally {
    await owner.destroy();
  }
}
