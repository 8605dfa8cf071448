import {
  connectionTimeoutMillis,
  idleInTransactionTimeoutMillis,
  statementTimeoutMillis,
} from '@lumbung/database/standalone';
import { Client, type ClientConfig } from 'pg';
import { type ExportSession, pgExportSession } from './export-session';

export interface ExportConnection {
  /** DATABASE_URL: the application role (it reads the ledger; the transaction is read only). */
  readonly url: string;
  readonly applicationName: string;
}

/** The connection could not be opened (nothing was read): `cause` says why. */
export class ExportConnectError extends Error {
  constructor(cause: unknown) {
    super(`cannot connect: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ExportConnectError';
  }
}

/**
 * One REPEATABLE READ, read-only transaction on a connection of its own, for a process without
 * Nest or TypeORM (the CLI's export keeps to `pg`, libs/core and the formatters, to stay small).
 * Connection settings as every Lumbung process has them (libs/database): a connect timeout, a
 * statement timeout (the export raises its own), an idle-in-transaction timeout, keep-alive.
 * Commits when `work` resolves, rolls back when it throws; the connection always ends.
 */
export async function withExportSnapshot<T>(
  connection: ExportConnection,
  work: (session: ExportSession) => Promise<T>,
): Promise<T> {
  const config: ClientConfig = {
    connectionString: connection.url,
    application_name: connection.applicationName,
    connectionTimeoutMillis,
    statement_timeout: statementTimeoutMillis,
    idle_in_transaction_session_timeout: idleInTransactionTimeoutMillis,
    keepAlive: true,
  };
  const client = new Client(config);
  // A lost connection fails the running query; the event must not crash the process as well.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new ExportConnectError(error);
  }
  const cancel = async () => {
    const other = new Client(config);
    other.on('error', () => undefined);
    await other.connect();
    try {
      const processId = (client as unknown as { processID: number }).processID;
      await other.query('SELECT pg_cancel_backend($1)', [processId]);
    } finally {
      await other.end();
    }
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await work(pgExportSession(client, cancel));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
