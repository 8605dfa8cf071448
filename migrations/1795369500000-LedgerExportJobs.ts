import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * Large ledger exports as worker jobs (issue 11, item 1): PostgreSQL owns each export's state
 * (Redis may lose its job; the worker's reconciler enqueues again whatever is not finished) and
 * holds the file itself, in chunks, so any api process can send it (DESIGN.md section 9).
 *
 * - `ledger_export_job`: what was asked (range, format, whole blocks or not, by whom) and how it stands: `queued`,
 *   `running` (attempts started, postings written of the snapshot's total), `complete` (the
 *   attempt whose chunks are the file, its name, type, size and chain head) or `failed` (the
 *   last error). Only those columns change.
 * - `ledger_export_chunk`: the file's bytes in order, per attempt, so an attempt cut short
 *   leaves its chunks aside instead of mixing them into the next one's; never changed.
 */
export class LedgerExportJobs1795369500000 implements MigrationInterface {
  name = 'LedgerExportJobs1795369500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ledger_export_job (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        id uuid NOT NULL,
        value_from date NOT NULL,
        value_to date NOT NULL CHECK (value_to >= value_from),
        format text NOT NULL CHECK (format IN ('csv','jsonl','xlsx','hledger','beancount')),
        whole_blocks boolean NOT NULL,
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        state text NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued','running','complete','failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        postings_written bigint NOT NULL DEFAULT 0 CHECK (postings_written >= 0),
        postings_total bigint CHECK (postings_total >= 0),
        file_name text,
        content_type text,
        chain_head text,
        file_attempt integer,
        bytes bigint CHECK (bytes >= 0),
        chunks integer CHECK (chunks >= 0),
        last_error text,
        finished_at timestamptz,
        PRIMARY KEY (cooperative_id, id),
        CHECK ((state = 'complete') = (file_attempt IS NOT NULL AND bytes IS NOT NULL
                                       AND chunks IS NOT NULL AND file_name IS NOT NULL)),
        CHECK ((state IN ('complete','failed')) = (finished_at IS NOT NULL))
      )`);
    await db.query(`
      CREATE INDEX ledger_export_job_unfinished ON ledger_export_job (cooperative_id, id)
        WHERE state IN ('queued','running')`);
    await db.query(`
      CREATE TABLE ledger_export_chunk (
        cooperative_id uuid NOT NULL,
        export_id uuid NOT NULL,
        attempt integer NOT NULL CHECK (attempt > 0),
        seq integer NOT NULL CHECK (seq >= 0),
        data bytea NOT NULL,
        PRIMARY KEY (cooperative_id, export_id, attempt, seq),
        FOREIGN KEY (cooperative_id, export_id) REFERENCES ledger_export_job (cooperative_id, id)
      )`);
    await keepRecords(db, ['ledger_export_job'], { appendOnly: false });
    await keepRecords(db, ['ledger_export_chunk'], { appendOnly: true });
    const grants = [
      `GRANT SELECT, INSERT ON ledger_export_job TO lumbung_application`,
      `GRANT UPDATE (state, attempts, postings_written, postings_total, file_name, content_type,
                     chain_head, file_attempt, bytes, chunks, last_error, finished_at)
         ON ledger_export_job TO lumbung_application`,
      `GRANT SELECT, INSERT ON ledger_export_chunk TO lumbung_application`,
    ];
    for (const grant of grants) await db.query(grant);
  }

  async down(): Promise<void> {
    throw new Error('Ledger exports are never rolled back: records are kept (UU 8/1997)');
  }
}
