/** What an attempt's job carries. */
export interface ExportAttemptJob {
  readonly cooperativeId: string;
  readonly exportId: string;
  readonly attempt: number;
}

/**
 * One job per attempt; the id says which, so Redis holds each attempt once, whether the api (on
 * the request) or the worker's reconciler adds it first.
 */
export const exportAttemptJobId = (exportId: string, attempt: number) =>
  `ledger-export-${exportId}-a${attempt}`;

/**
 * An attempt job leaves Redis once it ends, so its id is free again: an attempt whose job
 * failed before it could start (PostgreSQL away) is enqueued once more under the same id.
 * Its outcome is in PostgreSQL anyway.
 */
export const attemptJobOptions = { attempts: 1, removeOnComplete: true, removeOnFail: true };
