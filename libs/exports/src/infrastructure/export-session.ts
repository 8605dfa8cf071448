import type { Tx } from '@lumbung/database';
import type { ClientBase } from 'pg';
import { type CopyBatch, copyRows } from './copy-rows';

/**
 * The one transaction an export reads in (REPEATABLE READ, read only): small queries with
 * parameters, and COPY for everything that may be large. COPY takes no parameters: the reader
 * writes its values in as literals, each checked first (see sqlLiteral).
 */
export interface ExportSession {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  copy(sql: string, batchSize: number): AsyncGenerator<CopyBatch>;
}

/** The statement timeout of an export's reads; a COPY of a big ledger is one statement. */
export const exportStatementTimeoutMillis = 30 * 60_000;

/**
 * A session on a plain `pg` client whose transaction the caller has begun. `cancel` stops a COPY
 * the consumer left early (see CopyOptions.cancel).
 */
export function pgExportSession(client: ClientBase, cancel?: () => Promise<void>): ExportSession {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(sql, [...params])).rows as T[];
    },
    copy(sql, batchSize) {
      return copyRows(client, sql, {
        batchSize,
        timeoutMillis: exportStatementTimeoutMillis + 60_000,
        cancel,
      });
    },
  };
}

/**
 * A session on a TransactionScope transaction: its queries through the Tx, its COPYs on the
 * same connection (TypeORM's query runner hands out its `pg` client).
 */
export function txExportSession(
  tx: Tx,
  cancel?: (processId: number) => Promise<void>,
): ExportSession {
  let client: ClientBase | null = null;
  const connection = async (): Promise<ClientBase> => {
    const runner = tx.manager.queryRunner;
    if (!runner) throw new Error('export: the transaction has no query runner');
    client ??= (await runner.connect()) as ClientBase;
    return client;
  };
  return {
    query<T>(sql: string, params?: readonly unknown[]) {
      return tx.query<T>(sql, params);
    },
    async *copy(sql, batchSize) {
      const pg = await connection();
      const processId = (pg as ClientBase & { processID?: number }).processID;
      yield* pgExportSession(
        pg,
        cancel && processId !== undefined ? () => cancel(processId) : undefined,
      ).copy(sql, batchSize);
    },
  };
}

/**
 * A string as an SQL literal (standard_conforming_strings, on since PostgreSQL 9.1: only the
 * quote is special). For values the reader has already checked (uuids, dates, codes).
 */
export function sqlLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('export: a NUL character in an SQL literal');
  return `'${value.replace(/'/g, "''")}'`;
}
