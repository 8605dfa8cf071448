import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * Manual journals (issue 12, item 2): a journal for non-member GL leaves, drafted by a teller or
 * manager, is an approval request (`ledger.manual-journal`) and a row here with the same id.
 * The row keeps the journal as asked (lines, attachment reference, value date when back-dated,
 * the voucher type its cash and bank lines give) and how it ended: posted with its entry and
 * gap-free voucher number (series BKM, BKK or BM in `voucher_sequence`, numbered by
 * `ledger_post_entries`), or rejected or cancelled with its request. Only those columns change.
 */
export class ManualJournals1795368500000 implements MigrationInterface {
  name = 'ManualJournals1795368500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE manual_journal (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending','posted','rejected','cancelled')),
        voucher_type text NOT NULL CHECK (voucher_type IN ('BKM','BKK','BM')),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        attachment_reference text NOT NULL CHECK (length(attachment_reference) BETWEEN 1 AND 300),
        value_date date,
        currency char(3) NOT NULL REFERENCES currency (code),
        total_debit numeric NOT NULL CHECK (total_debit > 0),
        lines jsonb NOT NULL CHECK (jsonb_array_length(lines) >= 2),
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        entry_id uuid,
        voucher_number bigint CHECK (voucher_number > 0),
        posted_on date,
        ended_at timestamptz,
        PRIMARY KEY (cooperative_id, id),
        FOREIGN KEY (cooperative_id, id) REFERENCES approval_request (cooperative_id, id),
        CHECK ((status = 'posted') = (entry_id IS NOT NULL)),
        CHECK ((entry_id IS NULL) = (voucher_number IS NULL)),
        CHECK ((entry_id IS NULL) = (posted_on IS NULL)),
        CHECK ((status = 'pending') = (ended_at IS NULL))
      )`);
    await db.query(`
      CREATE UNIQUE INDEX manual_journal_voucher
        ON manual_journal (cooperative_id, voucher_type, voucher_number)
        WHERE voucher_number IS NOT NULL`);
    await db.query(
      `CREATE INDEX manual_journal_status ON manual_journal (cooperative_id, status, id)`,
    );
    await keepRecords(db, ['manual_journal'], { appendOnly: false });
    await db.query(`GRANT SELECT, INSERT ON manual_journal TO lumbung_application`);
    await db.query(`
      GRANT UPDATE (status, entry_id, voucher_number, posted_on, ended_at)
        ON manual_journal TO lumbung_application`);
  }

  async down(): Promise<void> {
    throw new Error('Manual journals are never rolled back: records are kept (UU 8/1997)');
  }
}
