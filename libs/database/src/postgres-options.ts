import { types } from 'pg';
import type { DataSourceOptions, MigrationInterface } from 'typeorm';

// DATE columns stay 'YYYY-MM-DD' strings: pg would build a Date at local midnight, which shifts
// a business date by the process's own time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
// Arrays of NUMERIC (pg would parse floats) and of DATE read as arrays of strings, like text[].
const textArray = types.getTypeParser(1009 as never);
types.setTypeParser(1231 as never, textArray);
types.setTypeParser(1182 as never, textArray);

export interface PostgresConnectionSettings {
  readonly url: string;
  readonly applicationName: string;
  readonly poolSize?: number;
  readonly migrations?: ReadonlyArray<new () => MigrationInterface>;
}

/** A lost database must fail a request in seconds (503), not hang it. */
export const connectionTimeoutMillis = 3_000;
export const statementTimeoutMillis = 10_000;
/** Client-side bound for a connection that went silent (no RST): a little above the server's. */
export const queryTimeoutMillis = 12_000;
export const idleInTransactionTimeoutMillis = 60_000;

/**
 * The TypeORM options every Lumbung process shares. Entities are registered per Nest module
 * (`TypeOrmModule.forFeature`), migrations are an explicit list: no globs, which break in bundles.
 */
export function postgresOptions(settings: PostgresConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    applicationName: settings.applicationName,
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    migrations: settings.migrations ? [...settings.migrations] : [],
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    poolSize: settings.poolSize ?? 10,
    extra: {
      connectionTimeoutMillis,
      statement_timeout: statementTimeoutMillis,
      query_timeout: queryTimeoutMillis,
      keepAlive: true,
      idle_in_transaction_session_timeout: idleInTransactionTimeoutMillis,
    },
  };
}
