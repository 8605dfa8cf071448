import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * A recovery on a written-off loan reversed through the loans domain (issue 8's gap), as a
 * repayment is: `loan_recovery_reversal` ends one recovery, once, with the entry that reversed
 * its posting (recovery income back out, the claim in `9-1102` restored) and the approval that
 * allowed it. Append-only; a reversed recovery no longer counts as recovered.
 */
export class LoanRecoveryReversal1795371500000 implements MigrationInterface {
  name = 'LoanRecoveryReversal1795371500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE loan_recovery_reversal (
        cooperative_id uuid NOT NULL,
        recovery_id uuid NOT NULL,
        loan_id uuid NOT NULL,
        reversed_on date NOT NULL,
        entry_id uuid NOT NULL,
        approval_request_id uuid NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, recovery_id),
        UNIQUE (cooperative_id, approval_request_id),
        FOREIGN KEY (cooperative_id, recovery_id) REFERENCES loan_recovery (cooperative_id, id),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan_write_off (cooperative_id, loan_id)
      )`);
    await keepRecords(db, ['loan_recovery_reversal'], { appendOnly: true });
    await db.query(`GRANT SELECT, INSERT ON loan_recovery_reversal TO lumbung_application`);
  }

  async down(): Promise<void> {
    throw new Error('Loan records are never rolled back: records are kept (UU 8/1997)');
  }
}
