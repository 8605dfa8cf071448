import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { LedgerExportFormat } from '../domain/export-format';
import type { ExportJob, ExportJobState } from '../domain/export-job';

interface JobRow {
  id: string;
  value_from: BusinessDate;
  value_to: BusinessDate;
  format: LedgerExportFormat;
  whole_blocks: boolean;
  requested_by: string;
  requested_at: Date;
  state: ExportJobState;
  attempts: number;
  postings_written: string;
  postings_total: string | null;
  file_name: string | null;
  content_type: string | null;
  chain_head: string | null;
  file_attempt: number | null;
  bytes: string | null;
  chunks: number | null;
  last_error: string | null;
  finished_at: Date | null;
}

const jobColumns = `id, value_from::text, value_to::text, format, whole_blocks, requested_by, requested_at, state,
  attempts, postings_written::text, postings_total::text, file_name, content_type, chain_head,
  file_attempt, bytes::text, chunks, last_error, finished_at`;

/** The stored file of a complete export: which attempt's chunks, how many, its name and type. */
export interface StoredFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly attempt: number;
  readonly chunks: number;
  readonly bytes: number;
}

export interface JobRecord {
  readonly job: ExportJob;
  readonly file: StoredFile | null;
}

function toRecord(row: JobRow): JobRecord {
  const total = row.postings_total === null ? null : Number(row.postings_total);
  return {
    job: {
      id: row.id,
      from: row.value_from,
      to: row.value_to,
      format: row.format,
      wholeBlocks: row.whole_blocks,
      requestedBy: row.requested_by,
      requestedAt: row.requested_at.toISOString(),
      state: row.state,
      attempts: row.attempts,
      progress: { postings: Number(row.postings_written), of: total },
      fileName: row.file_name,
      chainHead: row.chain_head,
      bytes: row.bytes === null ? null : Number(row.bytes),
      lastError: row.last_error,
      finishedAt: row.finished_at?.toISOString() ?? null,
    },
    file:
      row.state === 'complete'
        ? {
            fileName: row.file_name as string,
            contentType: row.content_type as string,
            attempt: row.file_attempt as number,
            chunks: row.chunks as number,
            bytes: Number(row.bytes),
          }
        : null,
  };
}

export async function insertJob(
  tx: Tx,
  cooperativeId: string,
  job: {
    id: string;
    from: BusinessDate;
    to: BusinessDate;
    format: LedgerExportFormat;
    wholeBlocks: boolean;
    requestedBy: string;
  },
): Promise<JobRecord> {
  const [row] = await tx.query<JobRow>(
    `INSERT INTO ledger_export_job (cooperative_id, id, value_from, value_to, format,
                                    whole_blocks, requested_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${jobColumns}`,
    [cooperativeId, job.id, job.from, job.to, job.format, job.wholeBlocks, job.requestedBy],
  );
  return toRecord(row);
}

export async function findJob(
  db: Tx,
  cooperativeId: string,
  id: string,
): Promise<JobRecord | null> {
  const [row] = await db.query<JobRow>(
    `SELECT ${jobColumns} FROM ledger_export_job WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, id],
  );
  return row ? toRecord(row) : null;
}

/** Exports not finished yet, across cooperatives, oldest first: what the worker has to do. */
export async function unfinishedJobs(
  db: Tx,
): Promise<Array<{ cooperativeId: string; id: string; attempts: number }>> {
  const rows = await db.query<{ cooperative_id: string; id: string; attempts: number }>(
    `SELECT cooperative_id, id, attempts FROM ledger_export_job
      WHERE state IN ('queued', 'running') ORDER BY requested_at, id`,
  );
  return rows.map((row) => ({
    cooperativeId: row.cooperative_id,
    id: row.id,
    attempts: row.attempts,
  }));
}

/**
 * Starts attempt `attempt` when the export's last started attempt is the one before it (so a job
 * delivered twice runs once); returns what to export, or null when it is not this attempt's turn.
 */
export async function claimAttempt(
  db: Tx,
  cooperativeId: string,
  id: string,
  attempt: number,
): Promise<JobRecord | null> {
  const [row] = await db.query<JobRow>(
    `WITH claimed AS (
       UPDATE ledger_export_job
          SET state = 'running', attempts = $3, postings_written = 0, last_error = NULL
        WHERE cooperative_id = $1 AND id = $2 AND attempts = $3 - 1
          AND state IN ('queued', 'running')
        RETURNING *)
     SELECT ${jobColumns} FROM claimed`,
    [cooperativeId, id, attempt],
  );
  return row ? toRecord(row) : null;
}

export async function recordStart(
  db: Tx,
  cooperativeId: string,
  id: string,
  start: { fileName: string; contentType: string; chainHead: string; postingsTotal: number },
): Promise<void> {
  await db.query(
    `UPDATE ledger_export_job
        SET file_name = $3, content_type = $4, chain_head = $5, postings_total = $6
      WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, id, start.fileName, start.contentType, start.chainHead, start.postingsTotal],
  );
}

export async function recordProgress(
  db: Tx,
  cooperativeId: string,
  id: string,
  postingsWritten: number,
): Promise<void> {
  await db.query(
    `UPDATE ledger_export_job SET postings_written = $3 WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, id, postingsWritten],
  );
}

export async function insertChunk(
  db: Tx,
  cooperativeId: string,
  chunk: { exportId: string; attempt: number; seq: number; data: Uint8Array },
): Promise<void> {
  await db.query(
    `INSERT INTO ledger_export_chunk (cooperative_id, export_id, attempt, seq, data)
     VALUES ($1, $2, $3, $4, $5)`,
    [cooperativeId, chunk.exportId, chunk.attempt, chunk.seq, Buffer.from(chunk.data)],
  );
}

/** Complete, this attempt's chunks the file; only while the attempt is still the latest. */
export async function recordComplete(
  db: Tx,
  cooperativeId: string,
  id: string,
  done: { attempt: number; chunks: number; bytes: number; postings: number },
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `WITH completed AS (
       UPDATE ledger_export_job
          SET state = 'complete', file_attempt = $3, chunks = $4, bytes = $5,
              postings_written = $6, finished_at = clock_timestamp()
        WHERE cooperative_id = $1 AND id = $2 AND attempts = $3 AND state = 'running'
        RETURNING id)
     SELECT id FROM completed`,
    [cooperativeId, id, done.attempt, done.chunks, done.bytes, done.postings],
  );
  return rows.length === 1;
}

/** The attempt failed: kept running for the next attempt, or failed once none is left. */
export async function recordFailure(
  db: Tx,
  cooperativeId: string,
  id: string,
  failure: { attempt: number; error: string; final: boolean },
): Promise<void> {
  await db.query(
    `UPDATE ledger_export_job
        SET last_error = $4,
            state = CASE WHEN $5 THEN 'failed' ELSE state END,
            finished_at = CASE WHEN $5 THEN clock_timestamp() END
      WHERE cooperative_id = $1 AND id = $2 AND attempts = $3 AND state = 'running'`,
    [cooperativeId, id, failure.attempt, failure.error.slice(0, 2000), failure.final],
  );
}

export async function readChunk(
  db: Tx,
  cooperativeId: string,
  chunk: { exportId: string; attempt: number; seq: number },
): Promise<Buffer> {
  const [row] = await db.query<{ data: Buffer }>(
    `SELECT data FROM ledger_export_chunk
      WHERE cooperative_id = $1 AND export_id = $2 AND attempt = $3 AND seq = $4`,
    [cooperativeId, chunk.exportId, chunk.attempt, chunk.seq],
  );
  if (!row) throw new Error(`ledger export ${chunk.exportId}: chunk ${chunk.seq} is missing`);
  return row.data;
}
