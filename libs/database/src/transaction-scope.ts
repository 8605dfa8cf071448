import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { asServiceUnavailable, isDatabaseUnavailable, sqlState, sqlStates } from './pg-errors';

/** What a use case writes through: its one transaction's SQL and entity manager. */
export interface Tx {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  readonly manager: EntityManager;
}

export type Isolation = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface TransactionOptions {
  /** READ COMMITTED for writes (locks in a fixed order); REPEATABLE READ for reports. */
  readonly isolation?: Isolation;
  readonly readOnly?: boolean;
  /** Re-runs the whole unit after a serialization failure or deadlock. */
  readonly retries?: number;
}

class QueryRunnerTx implements Tx {
  constructor(private readonly runner: QueryRunner) {}

  get manager(): EntityManager {
    return this.runner.manager;
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.runner.query(sql, [...params])) as T[];
  }
}

/**
 * One explicit transaction per use case (DESIGN.md section 3). Everything the use case writes
 * goes through the Tx it is handed; nothing it does escapes a rollback.
 */
@Injectable()
export class TransactionScope {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const retries = options.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(work, options);
      } catch (error) {
        const state = sqlState(error);
        const retryable =
          state === sqlStates.serializationFailure || state === sqlStates.deadlockDetected;
        if (retryable && attempt < retries) continue;
        if (isDatabaseUnavailable(error)) throw asServiceUnavailable(error);
        throw error;
      }
    }
  }

  private async once<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const isolation = options.isolation === 'READ COMMITTED' ? undefined : options.isolation;
      await runner.startTransaction(isolation);
      if (options.readOnly) await runner.query('SET TRANSACTION READ ONLY');
      const result = await work(new QueryRunnerTx(runner));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) {
        await runner.rollbackTransaction().catch(() => undefined);
      }
      throw error;
    } finally {
      await runner.release().catch(() => undefined);
    }
  }
}
