import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * A loan's accrual position leaves the loan row (issue 7, BENCHMARKS.md "accrual"): the end of
 * day moved `loan.accrued_through` forward for every running loan every night, rewriting a wide
 * row (jsonb terms and all) and its five index entries, the largest single cost of the accrual.
 *
 * - `loan_accrual_position`: the last day whose interest is accrued, one narrow row per
 *   disbursed loan (written at disbursement with the day of disbursement). The end of day locks
 *   these rows, not the loans, and a repayment, payoff or reversal locks its loan's row after the
 *   loan, so the two never accrue one day twice. Room is left in each page (fillfactor 50) so the
 *   nightly update stays on its page (a HOT update: no index entry).
 * - `loan.accrued_through` is carried over into it, then dropped: one place holds the position.
 */
export class LoanAccrualPosition1795363700000 implements MigrationInterface {
  name = 'LoanAccrualPosition1795363700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE loan_accrual_position (
        cooperative_id uuid NOT NULL,
        loan_id uuid NOT NULL,
        accrued_through date NOT NULL,
        PRIMARY KEY (cooperative_id, loan_id),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id)
      ) WITH (fillfactor = 50)`);
    await db.query(`
      INSERT INTO loan_accrual_position (cooperative_id, loan_id, accrued_through)
      SELECT cooperative_id, id, coalesce(accrued_through, disbursed_on)
        FROM loan WHERE disbursed_on IS NOT NULL
       ORDER BY cooperative_id, id`);
    await db.query(`ALTER TABLE loan DROP COLUMN accrued_through`);
    await keepRecords(db, ['loan_accrual_position'], { appendOnly: false });
    await db.query(`GRANT SELECT, INSERT ON loan_accrual_position TO lumbung_application`);
    await db.query(
      `GRANT UPDATE (accrued_through) ON loan_accrual_position TO lumbung_application`,
    );
  }

  async down(): Promise<void> {
    throw new Error('Loan records are never rolled back: records are kept (UU 8/1997)');
  }
}
