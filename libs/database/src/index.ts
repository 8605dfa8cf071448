export { DatabaseModule, type DatabaseModuleOptions } from './database.module';
export {
  connectionTimeoutMillis,
  idleInTransactionTimeoutMillis,
  postgresOptions,
  type PostgresConnectionSettings,
  statementTimeoutMillis,
} from './postgres-options';
export { numericTransformer } from './numeric-transformer';
export {
  asServiceUnavailable,
  driverError,
  isDatabaseUnavailable,
  sqlState,
  sqlStates,
} from './pg-errors';
export {
  applicationGroupRole,
  ensureApplicationRole,
  quoteIdentifier,
  type RoleSetupOutcome,
} from './roles';
export {
  type Isolation,
  type TransactionOptions,
  TransactionScope,
  type Tx,
} from './transaction-scope';
export { type IdempotentRequest, IdempotentRequests, type StoredResponse } from './idempotency';
export { transactionTime } from './transaction-time';
