import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { ChunkPlan } from '../domain/chunks';

export interface RunRow {
  readonly cooperativeId: string;
  readonly businessDate: BusinessDate;
  readonly state: 'running' | 'complete';
  readonly chunkCount: number;
  readonly openedAt: string;
  readonly completedAt: string | null;
}

export interface ChunkRow {
  readonly chunkNo: number;
  readonly kind: ChunkPlan['kind'];
  readonly fromId: string | null;
  readonly toId: string | null;
  readonly doneAt: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
}

export async function runOf(
  tx: Tx,
  cooperativeId: string,
  businessDate: string,
): Promise<RunRow | undefined> {
  const [row] = await tx.query<{
    business_date: BusinessDate;
    state: RunRow['state'];
    chunk_count: number;
    opened_at: Date;
    completed_at: Date | null;
  }>(
    `SELECT business_date::text, state, chunk_count, opened_at, completed_at FROM eod_run
      WHERE cooperative_id = $1 AND business_date = $2`,
    [cooperativeId, businessDate],
  );
  return (
    row && {
      cooperativeId,
      businessDate: row.business_date,
      state: row.state,
      chunkCount: row.chunk_count,
      openedAt: row.opened_at.toISOString(),
      completedAt: row.completed_at?.toISOString() ?? null,
    }
  );
}

/**
 * The latest day with a run, open or complete; before a cooperative's first run, the day before
 * its first posting (so the days since it went live are all closed); null with neither.
 */
export async function lastRunDate(tx: Tx, cooperativeId: string): Promise<BusinessDate | null> {
  const [row] = await tx.query<{ last: BusinessDate | null }>(
    `SELECT coalesce(
              (SELECT max(business_date) FROM eod_run WHERE cooperative_id = $1),
              (SELECT min(posting_date) - 1 FROM journal_entry WHERE cooperative_id = $1)
            )::text AS last`,
    [cooperativeId],
  );
  return row.last;
}

export async function openRunExists(tx: Tx, cooperativeId: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM eod_run WHERE cooperative_id = $1 AND state = 'running'`,
    [cooperativeId],
  );
  return rows.length > 0;
}

export async function insertRun(
  tx: Tx,
  cooperativeId: string,
  businessDate: BusinessDate,
  chunks: readonly ChunkPlan[],
  actorId: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO eod_run (cooperative_id, business_date, chunk_count, opened_by)
     VALUES ($1, $2, $3, $4)`,
    [cooperativeId, businessDate, chunks.length, actorId],
  );
  await tx.query(
    `INSERT INTO eod_chunk (cooperative_id, business_date, chunk_no, kind, from_id, to_id)
     SELECT $1, $2, t.ord, t.kind, t.from_id, t.to_id
       FROM unnest($3::text[], $4::uuid[], $5::uuid[]) WITH ORDINALITY AS t(kind, from_id, to_id, ord)`,
    [
      cooperativeId,
      businessDate,
      chunks.map((c) => c.kind),
      chunks.map((c) => (c.kind === 'cooperative' ? null : c.fromId)),
      chunks.map((c) => (c.kind === 'cooperative' ? null : c.toId)),
    ],
  );
}

export async function chunksOf(
  tx: Tx,
  cooperativeId: string,
  businessDate: string,
  only?: { chunkNo: number },
  lock = only !== undefined,
): Promise<ChunkRow[]> {
  const rows = await tx.query<{
    chunk_no: number;
    kind: ChunkRow['kind'];
    from_id: string | null;
    to_id: string | null;
    done_at: Date | null;
    attempts: number;
    last_error: string | null;
  }>(
    `SELECT chunk_no, kind, from_id, to_id, done_at, attempts, last_error FROM eod_chunk
      WHERE cooperative_id = $1 AND business_date = $2 AND ($3::int IS NULL OR chunk_no = $3)
      ORDER BY chunk_no ${lock ? 'FOR UPDATE' : ''}`,
    [cooperativeId, businessDate, only?.chunkNo ?? null],
  );
  return rows.map((row) => ({
    chunkNo: row.chunk_no,
    kind: row.kind,
    fromId: row.from_id,
    toId: row.to_id,
    doneAt: row.done_at?.toISOString() ?? null,
    attempts: row.attempts,
    lastError: row.last_error,
  }));
}

/** Marks the chunk done and, if it was the last, completes the run; true when it did. */
export async function finishChunk(
  tx: Tx,
  cooperativeId: string,
  businessDate: string,
  chunkNo: number,
): Promise<boolean> {
  await tx.query(
    `UPDATE eod_chunk SET done_at = clock_timestamp()
      WHERE cooperative_id = $1 AND business_date = $2 AND chunk_no = $3`,
    [cooperativeId, businessDate, chunkNo],
  );
  // Chunks finishing together take turns here, so the last one sees every other one done
  // (each checks after the others committed) and no run is left open with nothing to do.
  await tx.query(
    `SELECT 1 FROM eod_run WHERE cooperative_id = $1 AND business_date = $2 FOR UPDATE`,
    [cooperativeId, businessDate],
  );
  const completed = await tx.query(
    `WITH c AS (UPDATE eod_run SET state = 'complete', completed_at = clock_timestamp()
                 WHERE cooperative_id = $1 AND business_date = $2 AND state = 'running'
                   AND NOT EXISTS (SELECT FROM eod_chunk
                                    WHERE cooperative_id = $1 AND business_date = $2
                                      AND done_at IS NULL)
                 RETURNING 1)
     SELECT * FROM c`,
    [cooperativeId, businessDate],
  );
  return completed.length > 0;
}

export async function countFailure(
  tx: Tx,
  cooperativeId: string,
  businessDate: string,
  chunkNo: number,
  error: string,
): Promise<void> {
  await tx.query(
    `UPDATE eod_chunk SET attempts = attempts + 1, last_error = $4
      WHERE cooperative_id = $1 AND business_date = $2 AND chunk_no = $3 AND done_at IS NULL`,
    [cooperativeId, businessDate, chunkNo, error.slice(0, 2000)],
  );
}

export async function unfinishedChunks(tx: Tx): Promise<
  {
    cooperativeId: string;
    businessDate: string;
    chunkNo: number;
    attempts: number;
  }[]
> {
  const rows = await tx.query<{
    cooperative_id: string;
    business_date: string;
    chunk_no: number;
    attempts: number;
  }>(
    `SELECT c.cooperative_id, c.business_date::text, c.chunk_no, c.attempts
       FROM eod_chunk c
       JOIN eod_run r ON r.cooperative_id = c.cooperative_id AND r.business_date = c.business_date
      WHERE r.state = 'running' AND c.done_at IS NULL
      ORDER BY r.business_date, c.cooperative_id, c.chunk_no`,
  );
  return rows.map((r) => ({
    cooperativeId: r.cooperative_id,
    businessDate: r.business_date,
    chunkNo: r.chunk_no,
    attempts: r.attempts,
  }));
}
