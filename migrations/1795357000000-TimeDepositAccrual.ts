import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * Time deposit interest accrues daily (issue 7; DESIGN.md sections 3 and 5): interest a placement
 * will pay at maturity is an expense of the days it runs, owed until paid.
 *
 * `time_deposit_accrual`: one row per placement and date with what accrued into the product's
 * interest payable leaf that day (the end of day's summary entry, or the settle's entry when a
 * teller settles at maturity before the day's run). A placement ended early forfeits its interest:
 * the settle writes one negative row, the reversal, so a placement's rows always sum to what it
 * paid. At most one row per placement and date: the end of day accrues day D once, and a settle
 * on D ends the placement before D's run could accrue it.
 */
export class TimeDepositAccrual1795357000000 implements MigrationInterface {
  name = 'TimeDepositAccrual1795357000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE time_deposit_accrual (
        cooperative_id uuid NOT NULL,
        savings_account_id uuid NOT NULL,
        placement_no integer NOT NULL,
        accrual_date date NOT NULL,
        amount numeric NOT NULL CHECK (amount <> 0),
        entry_id uuid NOT NULL,
        PRIMARY KEY (cooperative_id, savings_account_id, placement_no, accrual_date),
        FOREIGN KEY (cooperative_id, savings_account_id, placement_no)
          REFERENCES time_deposit_placement (cooperative_id, savings_account_id, placement_no)
      )`);
    await keepRecords(db, ['time_deposit_accrual'], { appendOnly: true });
    await db.query(`GRANT SELECT, INSERT ON time_deposit_accrual TO lumbung_application`);
  }

  async down(): Promise<void> {
    throw new Error('Time deposit accruals are never rolled back: records are kept (UU 8/1997)');
  }
}
