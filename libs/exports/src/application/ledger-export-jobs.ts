import { AuditLog } from '@lumbung/audit';
import { ConflictError, isUuid, NotFoundError, uuidv7 } from '@lumbung/core';
import { TransactionScope, type Tx } from '@lumbung/database';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ChunkCutter, type ExportJob, exportJobMaxAttempts } from '../domain/export-job';
import { EXPORT_CHUNK_BYTES } from './export-chunk-bytes';
import { ledgerExportRange } from '../domain/export-request';
import {
  claimAttempt,
  findJob,
  insertChunk,
  insertJob,
  readChunk,
  recordComplete,
  recordFailure,
  recordProgress,
  recordStart,
  type StoredFile,
  unfinishedJobs,
} from '../infrastructure/export-job-store';
import { LedgerExportService } from './ledger-export.service';

/** Progress is written at most this often: the api reads it, the export need not wait on it. */
const progressEveryMillis = 1_000;

export type AttemptOutcome = 'complete' | 'not-its-turn' | 'superseded' | 'will-retry' | 'failed';

export type { StoredFile };

/**
 * Ledger exports too large for one HTTP response (issue 11, item 1): asked for over the api, run
 * by the worker with the same writer as the streamed export, the file stored in PostgreSQL in
 * chunks so any api process can send it (DESIGN.md section 9). PostgreSQL owns the state: a job
 * that Redis loses, or a worker that dies, costs an attempt, never the export; each attempt
 * writes its own chunks, and only the attempt that completes names its chunks the file.
 */
@Injectable()
export class LedgerExportJobs {
  private readonly logger = new Logger(LedgerExportJobs.name);

  constructor(
    private readonly scope: TransactionScope,
    private readonly exports: LedgerExportService,
    private readonly audit: AuditLog,
    @Inject(EXPORT_CHUNK_BYTES) private readonly chunkBytes: number,
  ) {}

  /** Queues an export (the same inputs as the streamed one, refused the same way). */
  async request(
    tx: Tx,
    cooperativeId: string,
    requestedBy: string,
    query: { from?: unknown; to?: unknown; format?: unknown; wholeBlocks?: unknown },
  ): Promise<ExportJob> {
    const range = ledgerExportRange(query);
    const { job } = await insertJob(tx, cooperativeId, { id: uuidv7(), ...range, requestedBy });
    await this.audit.record(tx, {
      cooperativeId,
      action: 'exports.ledger-export.request',
      targetType: 'ledger_export_job',
      targetId: job.id,
      after: range,
    });
    return job;
  }

  async view(tx: Tx, cooperativeId: string, id: string): Promise<ExportJob> {
    return (await this.record(tx, cooperativeId, id)).job;
  }

  /** The stored file of a complete export; 409 `export-not-ready` before that. */
  async file(tx: Tx, cooperativeId: string, id: string): Promise<StoredFile> {
    const { job, file } = await this.record(tx, cooperativeId, id);
    if (file === null) {
      throw new ConflictError(
        'export-not-ready',
        'Export not ready',
        `Ledger export ${id} is ${job.state}: its file is there once it is complete`,
        { state: job.state },
      );
    }
    return file;
  }

  /** One chunk of a complete export's file, read by itself (chunks never change). */
  chunk(cooperativeId: string, id: string, file: StoredFile, seq: number): Promise<Buffer> {
    return this.scope.run(
      (tx) => readChunk(tx, cooperativeId, { exportId: id, attempt: file.attempt, seq }),
      { readOnly: true },
    );
  }

  /** Exports not finished, for the worker's reconciler. */
  unfinished(): Promise<Array<{ cooperativeId: string; id: string; attempts: number }>> {
    return this.scope.run((tx) => unfinishedJobs(tx), { readOnly: true });
  }

  /**
   * Runs attempt `attempt` of an export, if it is its turn (the one after the last started):
   * streams the export from one snapshot, storing the file a chunk at a time as it comes (one
   * chunk held in memory), and completes it; a failure is recorded, and the export fails once
   * its last attempt has.
   */
  async runAttempt(cooperativeId: string, id: string, attempt: number): Promise<AttemptOutcome> {
    const claimed = await this.scope.run((tx) => claimAttempt(tx, cooperativeId, id, attempt));
    if (claimed === null) return 'not-its-turn';
    const { from, to, format, wholeBlocks } = claimed.job;
    const cutter = new ChunkCutter(this.chunkBytes);
    let seq = 0;
    let bytes = 0;
    let written = 0;
    let progressAt = Date.now();
    const store = async (chunks: readonly Uint8Array[]) => {
      for (const data of chunks) {
        const next = seq++;
        await this.scope.run((tx) =>
          insertChunk(tx, cooperativeId, { exportId: id, attempt, seq: next, data }),
        );
        bytes += data.length;
      }
    };
    try {
      const summary = await this.exports.export(
        { cooperativeId, from, to, format, wholeBlocks },
        {
          start: ({ fileName, contentType, header }) =>
            this.scope.run((tx) =>
              recordStart(tx, cooperativeId, id, {
                fileName,
                contentType,
                chainHead: header.chainHead
                  ? `${header.chainHead.sequence}:${header.chainHead.hash}`
                  : 'none',
                postingsTotal: header.postings,
              }),
            ),
          write: async (chunk) => {
            await store(cutter.add(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk));
            if (Date.now() - progressAt >= progressEveryMillis) {
              progressAt = Date.now();
              await this.scope.run((tx) => recordProgress(tx, cooperativeId, id, written));
            }
          },
          progress: (postings) => {
            written = postings;
          },
        },
      );
      await store(cutter.rest());
      const done = { attempt, chunks: seq, bytes, postings: summary.postings };
      const completed = await this.scope.run((tx) => recordComplete(tx, cooperativeId, id, done));
      return completed ? 'complete' : 'superseded';
    } catch (error) {
      const final = attempt >= exportJobMaxAttempts;
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`ledger export ${id}: attempt ${attempt} failed: ${message}`);
      await this.scope.run((tx) =>
        recordFailure(tx, cooperativeId, id, { attempt, error: message, final }),
      );
      return final ? 'failed' : 'will-retry';
    }
  }

  /** The last attempt started and never ended (its worker died): the export has failed. */
  async abandon(cooperativeId: string, id: string, attempt: number): Promise<void> {
    await this.scope.run((tx) =>
      recordFailure(tx, cooperativeId, id, {
        attempt,
        error: `attempt ${attempt}, the last, ended without an outcome (its worker stopped)`,
        final: true,
      }),
    );
  }

  private async record(tx: Tx, cooperativeId: string, id: string) {
    const found = isUuid(id) ? await findJob(tx, cooperativeId, id) : null;
    if (found === null) throw new NotFoundError('ledger-export', id);
    return found;
  }
}
