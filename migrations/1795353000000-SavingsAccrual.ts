import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * Savings interest accrual (issue 7; DESIGN.md section 5): the end of day accrues each voluntary
 * account's interest daily and posts the month's to the account at month end.
 *
 * - `savings_accrual`: one row per account and date (the key is what makes a chunk run again
 *   change nothing), with the balance as of that date by value date and the day's interest; the
 *   entry is the chunk's summary entry for the product (none when the chunk accrued nothing).
 * - `savings_interest_posting`: one row per account and month once the month's interest moved
 *   from interest payable to the account, with the tax withheld: month end posts each account
 *   at most once.
 */
export class SavingsAccrual1795353000000 implements MigrationInterface {
  name = 'SavingsAccrual1795353000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE savings_accrual (
        cooperative_id uuid NOT NULL,
        savings_account_id uuid NOT NULL,
        accrual_date date NOT NULL,
        balance numeric NOT NULL,
        amount numeric NOT NULL CHECK (amount >= 0),
        entry_id uuid,
        PRIMARY KEY (cooperative_id, savings_account_id, accrual_date),
        FOREIGN KEY (cooperative_id, savings_account_id)
          REFERENCES savings_account (cooperative_id, id),
        CHECK (amount = 0 OR entry_id IS NOT NULL)
      )`);
    await db.query(`
      CREATE TABLE savings_interest_posting (
        cooperative_id uuid NOT NULL,
        savings_account_id uuid NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        interest numeric NOT NULL CHECK (interest > 0),
        tax numeric NOT NULL CHECK (tax >= 0 AND tax <= interest),
        entry_id uuid NOT NULL,
        PRIMARY KEY (cooperative_id, savings_account_id, month),
        FOREIGN KEY (cooperative_id, savings_account_id)
          REFERENCES savings_account (cooperative_id, id)
      )`);
    const tables = ['savings_accrual', 'savings_interest_posting'];
    await keepRecords(db, tables, { appendOnly: true });
    for (const table of tables) {
      await db.query(`GRANT SELECT, INSERT ON ${table} TO lumbung_application`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Savings accruals are never rolled back: records are kept (UU 8/1997)');
  }
}
