import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tamper-evident journal (DESIGN.md section 3, Sealing; issue 10).
 *
 * - `journal_block`: one row per sealing of a cooperative's journal: the txid range
 *   [previous_horizon, horizon) it answers for, its place in the gap-free block and entry
 *   sequences, and the hash chaining it to its predecessor. A composite foreign key on the
 *   predecessor's (sequence, hash, horizon, next entry sequence) makes the database refuse a
 *   block that does not extend the chain exactly.
 * - `journal_block_entry`: which entry holds which place in the per-cooperative entry sequence,
 *   in which block, with the hash of its canonical form (so verification can name the entry).
 *   No foreign key to journal_entry: it would row-lock every sealed entry (KEY SHARE, a write to
 *   its heap page) and make TRUNCATE of the ledger fail before its LB003 trigger could; entries
 *   are append-only anyway, and verify-chain reports a sealed entry that is gone.
 * - `accounting_period_change`: every status change of a month with the snapshot of the
 *   transaction that made it, written by a trigger. verify-chain tells an entry written while its
 *   month was closed from one that merely committed just before the close (and was sealed after)
 *   by whether that snapshot saw the entry's transaction.
 *
 * All three are append-only through the ledger's `ledger_refuse_change()` (LB003).
 */
export class JournalSealing1795320000000 implements MigrationInterface {
  name = 'JournalSealing1795320000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE journal_block (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        sequence bigint NOT NULL CHECK (sequence >= 1),
        previous_sequence bigint GENERATED ALWAYS AS (nullif(sequence - 1, 0)) STORED,
        previous_horizon xid8 NOT NULL,
        horizon xid8 NOT NULL,
        previous_hash text NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        first_entry_sequence bigint NOT NULL CHECK (first_entry_sequence >= 1),
        entry_count integer NOT NULL CHECK (entry_count >= 1),
        next_entry_sequence bigint GENERATED ALWAYS AS (first_entry_sequence + entry_count) STORED,
        canonical_version smallint NOT NULL CHECK (canonical_version >= 1),
        sealed_at timestamptz NOT NULL,
        PRIMARY KEY (cooperative_id, sequence),
        UNIQUE (cooperative_id, sequence, hash, horizon, next_entry_sequence),
        FOREIGN KEY (cooperative_id, previous_sequence, previous_hash, previous_horizon,
                     first_entry_sequence)
          REFERENCES journal_block (cooperative_id, sequence, hash, horizon, next_entry_sequence),
        CHECK (horizon > previous_horizon),
        CHECK (sequence > 1 OR (previous_hash = repeat('0', 64) AND previous_horizon = '0'::xid8
                                AND first_entry_sequence = 1))
      )`);

    await db.query(`
      CREATE TABLE journal_block_entry (
        cooperative_id uuid NOT NULL,
        entry_sequence bigint NOT NULL CHECK (entry_sequence >= 1),
        entry_id uuid NOT NULL,
        block_sequence bigint NOT NULL,
        entry_hash text NOT NULL CHECK (entry_hash ~ '^[0-9a-f]{64}$'),
        PRIMARY KEY (cooperative_id, entry_sequence),
        UNIQUE (cooperative_id, entry_id),
        FOREIGN KEY (cooperative_id, block_sequence) REFERENCES journal_block (cooperative_id, sequence)
      )`);
    await db.query(`
      CREATE INDEX journal_block_entry_block
        ON journal_block_entry (cooperative_id, block_sequence, entry_sequence)`);

    await this.logPeriodChanges(db);

    for (const table of ['journal_block', 'journal_block_entry', 'accounting_period_change']) {
      await db.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
      await db.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    }
    await db.query(
      `GRANT SELECT, INSERT ON journal_block, journal_block_entry TO lumbung_application`,
    );
    // Written only by the trigger (as the owner): the application can read it, never forge it.
    await db.query(`GRANT SELECT ON accounting_period_change TO lumbung_application`);
  }

  private async logPeriodChanges(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE accounting_period_change (
        cooperative_id uuid NOT NULL,
        month date NOT NULL,
        change_no bigint GENERATED ALWAYS AS IDENTITY,
        status text NOT NULL CHECK (status IN ('open','closed')),
        snapshot pg_snapshot NOT NULL DEFAULT pg_current_snapshot(),
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, month, change_no),
        FOREIGN KEY (cooperative_id, month) REFERENCES accounting_period (cooperative_id, month)
      )`);
    // SECURITY DEFINER: the row is the owner's record of the change, not the application's claim.
    // The snapshot is taken by the INSERT below, after the closing transaction took the
    // business-day lock exclusively: every posting into the month has committed by then.
    await db.query(`
      CREATE FUNCTION ledger_log_period_change() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO accounting_period_change (cooperative_id, month, status)
        VALUES (NEW.cooperative_id, NEW.month, NEW.status);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER accounting_period_logged_insert AFTER INSERT ON accounting_period
        FOR EACH ROW EXECUTE FUNCTION ledger_log_period_change()`);
    await db.query(`
      CREATE TRIGGER accounting_period_logged_update AFTER UPDATE OF status ON accounting_period
        FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status)
        EXECUTE FUNCTION ledger_log_period_change()`);
    // Months closed before sealing existed: their entries are all in this snapshot.
    await db.query(`
      INSERT INTO accounting_period_change (cooperative_id, month, status, changed_at)
      SELECT cooperative_id, month, status, changed_at FROM accounting_period
       ORDER BY cooperative_id, month`);
    await db.query(`REVOKE EXECUTE ON FUNCTION ledger_log_period_change() FROM PUBLIC`);
  }

  async down(): Promise<void> {
    throw new Error('The sealed journal is never rolled back: records are kept (UU 8/1997)');
  }
}
