import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * The end of day as PostgreSQL knows it (DESIGN.md section 5): one `eod_run` per cooperative
 * and business date, and its `eod_chunk` rows cut once when it opens (ranges of loan or savings
 * account ids, or the cooperative-wide steps). BullMQ only carries the chunks: a chunk is done
 * when its row says so, and the run completes in the transaction of its last chunk.
 */
export class EndOfDay1795352000000 implements MigrationInterface {
  name = 'EndOfDay1795352000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE eod_run (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        business_date date NOT NULL,
        state text NOT NULL DEFAULT 'running' CHECK (state IN ('running','complete')),
        chunk_count integer NOT NULL CHECK (chunk_count > 0),
        opened_by uuid,
        opened_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        completed_at timestamptz,
        PRIMARY KEY (cooperative_id, business_date),
        CHECK ((state = 'complete') = (completed_at IS NOT NULL))
      )`);
    await db.query(`
      CREATE UNIQUE INDEX eod_run_one_open ON eod_run (cooperative_id) WHERE state = 'running'`);
    await db.query(`
      CREATE TABLE eod_chunk (
        cooperative_id uuid NOT NULL,
        business_date date NOT NULL,
        chunk_no integer NOT NULL CHECK (chunk_no > 0),
        kind text NOT NULL CHECK (kind IN ('cooperative','loans','savings')),
        from_id uuid,
        to_id uuid,
        done_at timestamptz,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        PRIMARY KEY (cooperative_id, business_date, chunk_no),
        FOREIGN KEY (cooperative_id, business_date) REFERENCES eod_run (cooperative_id, business_date),
        CHECK ((kind = 'cooperative') = (from_id IS NULL AND to_id IS NULL)),
        CHECK (from_id IS NULL OR from_id <= to_id)
      )`);
    await db.query(`
      CREATE INDEX eod_chunk_unfinished ON eod_chunk (cooperative_id, business_date)
        WHERE done_at IS NULL`);
    await keepRecords(db, ['eod_run', 'eod_chunk'], { appendOnly: false });
    for (const table of ['eod_run', 'eod_chunk']) {
      await db.query(`GRANT SELECT, INSERT ON ${table} TO lumbung_application`);
    }
    await db.query(`GRANT UPDATE (state, completed_at) ON eod_run TO lumbung_application`);
    await db.query(
      `GRANT UPDATE (done_at, attempts, last_error) ON eod_chunk TO lumbung_application`,
    );
  }

  async down(): Promise<void> {
    throw new Error('End-of-day records are never rolled back: records are kept (UU 8/1997)');
  }
}
