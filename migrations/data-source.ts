import { postgresOptions } from '@lumbung/database';
import { DataSource } from 'typeorm';
import { migrations } from './index';

/**
 * The owner's DataSource for the TypeORM CLI (e.g. `npx typeorm migration:show -d
 * dist/migrations/data-source.js`). Lumbung's own `migrate` command uses migrateDatabase().
 */
const ownerUrl = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
if (!ownerUrl) throw new Error('Set DATABASE_OWNER_URL (or DATABASE_URL) to use the TypeORM CLI');

export default new DataSource(
  postgresOptions({
    url: ownerUrl,
    applicationName: 'lumbung-typeorm-cli',
    poolSize: 1,
    migrations,
  }),
);
