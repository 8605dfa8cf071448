import type { Tx } from '@lumbung/database';

/** What the end of day has left, across cooperatives: counts and ages only, no names. */
export interface EodBacklog {
  readonly runningRuns: number;
  readonly unfinishedChunks: number;
  /** Unfinished chunks whose last attempt failed: a day held open until a retry finishes it. */
  readonly failingChunks: number;
  /** Seconds since the oldest running run opened (0 when none runs). */
  readonly oldestRunningSeconds: number;
}

export async function readBacklog(tx: Tx): Promise<EodBacklog> {
  const [row] = await tx.query<{
    running_runs: number;
    unfinished_chunks: number;
    failing_chunks: number;
    oldest_running_seconds: number;
  }>(
    `SELECT (SELECT count(*)::int FROM eod_run WHERE state = 'running') AS running_runs,
            count(*)::int AS unfinished_chunks,
            (count(*) FILTER (WHERE k.last_error IS NOT NULL))::int AS failing_chunks,
            coalesce((SELECT floor(extract(epoch FROM clock_timestamp() - min(opened_at)))::int
                        FROM eod_run WHERE state = 'running'), 0) AS oldest_running_seconds
       FROM eod_chunk k
      WHERE k.done_at IS NULL`,
  );
  return {
    runningRuns: row.running_runs,
    unfinishedChunks: row.unfinished_chunks,
    failingChunks: row.failing_chunks,
    oldestRunningSeconds: row.oldest_running_seconds,
  };
}
