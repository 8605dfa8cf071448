import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Passbooks (buku tabungan, issue 5): how far each account's passbook is printed. Lines are the
 * postings of the account's ledger leaf, numbered by account version (gap-free from 1), so a
 * position is a line number and nothing of the lines themselves is copied here.
 *
 * - `passbook_print`: one row per run of the passbook printer, never changed; the latest row is
 *   the position. A `print` continues the passbook in use after its last printed line; a
 *   `reprint` starts a replacement passbook at `first_line` (its page 1, row 1) and needs a
 *   reason. Runs of one account are serialised by the savings account's row lock.
 */
export class Passbooks1795344000000 implements MigrationInterface {
  name = 'Passbooks1795344000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE passbook_print (
        cooperative_id uuid NOT NULL,
        savings_account_id uuid NOT NULL,
        printed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        kind text NOT NULL CHECK (kind IN ('print','reprint')),
        book_first_line bigint NOT NULL CHECK (book_first_line >= 1),
        first_line bigint NOT NULL,
        printed_through_version bigint NOT NULL,
        printed_lines int NOT NULL CHECK (printed_lines >= 1),
        printed_by uuid NOT NULL REFERENCES app_user (id),
        reason text CHECK (length(reason) BETWEEN 1 AND 1000),
        PRIMARY KEY (cooperative_id, savings_account_id, printed_at),
        FOREIGN KEY (cooperative_id, savings_account_id) REFERENCES savings_account (cooperative_id, id),
        CHECK (first_line >= book_first_line),
        CHECK (printed_lines = printed_through_version - first_line + 1),
        CHECK ((kind = 'reprint') = (reason IS NOT NULL)),
        CHECK (kind = 'print' OR first_line = book_first_line)
      )`);
    await db.query(`
      CREATE TRIGGER passbook_print_kept BEFORE UPDATE OR DELETE ON passbook_print
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
    await db.query(`
      CREATE TRIGGER passbook_print_no_truncate BEFORE TRUNCATE ON passbook_print
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    await db.query(`GRANT SELECT, INSERT ON passbook_print TO lumbung_application`);
  }

  async down(): Promise<void> {
    throw new Error('Passbook print runs are never rolled back: records are kept (UU 8/1997)');
  }
}
