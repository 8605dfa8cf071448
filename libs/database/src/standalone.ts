/**
 * The parts of libs/database a process may use without Nest or TypeORM (the CLI's lean
 * commands: loading Nest and TypeORM costs a process about 100 MB before its first query).
 * Everything here is also in index.ts.
 */
export {
  connectionTimeoutMillis,
  idleInTransactionTimeoutMillis,
  statementTimeoutMillis,
} from './postgres-options';
export {
  asServiceUnavailable,
  driverError,
  isDatabaseUnavailable,
  sqlState,
  sqlStates,
} from './pg-errors';
export type { Tx } from './transaction-scope';
