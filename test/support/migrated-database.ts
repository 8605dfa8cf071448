import { migrateDatabase } from '../../migrations/migrate';
import { appRole, connectAs, ensureOwnerRole, ownerRole, urlFor } from './postgres';

export interface MigratedDatabase {
  readonly name: string;
  readonly ownerUrl: string;
  readonly appUrl: string;
}

/**
 * A database at the latest schema on the cluster `adminUrl` names, set up as every test database
 * is: the owner role made if missing, the database created for it, migrated as the owner, and
 * the application role given its privileges by the migration itself.
 */
export async function createMigratedDatabase(
  adminUrl: string,
  name: string,
): Promise<MigratedDatabase> {
  await connectAs(adminUrl, async (admin) => {
    await ensureOwnerRole(admin);
    await admin.query(`CREATE DATABASE "${name}" OWNER ${ownerRole}`);
  });
  const ownerUrl = urlFor(ownerRole, name, adminUrl);
  const appUrl = urlFor(appRole, name, adminUrl);
  await migrateDatabase(ownerUrl, appUrl);
  return { name, ownerUrl, appUrl };
}
