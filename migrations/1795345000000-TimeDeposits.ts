import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time deposits (simpanan berjangka): one placement after another on a berjangka account, each
 * with the rate fixed when it was placed. A roll-over is a new placement; the old one stays.
 */
export class TimeDeposits1795345000000 implements MigrationInterface {
  name = 'TimeDeposits1795345000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE time_deposit_placement (
        cooperative_id uuid NOT NULL,
        savings_account_id uuid NOT NULL,
        placement_no integer NOT NULL CHECK (placement_no > 0),
        principal numeric NOT NULL CHECK (principal > 0),
        annual_rate numeric NOT NULL CHECK (annual_rate >= 0 AND annual_rate <= 0.09),
        day_count text NOT NULL CHECK (day_count IN ('actual/365','30/360')),
        term_months integer NOT NULL CHECK (term_months BETWEEN 1 AND 120),
        start_date date NOT NULL,
        maturity_date date NOT NULL CHECK (maturity_date > start_date),
        instruction text NOT NULL CHECK (instruction IN ('pay-to-voluntary','roll-over')),
        status text NOT NULL DEFAULT 'running'
          CHECK (status IN ('running','matured','rolled-over','withdrawn-early')),
        settled_on date,
        interest numeric CHECK (interest >= 0),
        penalty numeric CHECK (penalty >= 0),
        settle_entry_id uuid,
        PRIMARY KEY (cooperative_id, savings_account_id, placement_no),
        FOREIGN KEY (cooperative_id, savings_account_id)
          REFERENCES savings_account (cooperative_id, id),
        CHECK ((status = 'running') = (settled_on IS NULL))
      )`);
    await db.query(`
      CREATE UNIQUE INDEX time_deposit_one_running ON time_deposit_placement
        (cooperative_id, savings_account_id) WHERE status = 'running'`);
    await db.query(`
      CREATE TRIGGER time_deposit_placement_kept BEFORE DELETE ON time_deposit_placement
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
    await db.query(`
      CREATE TRIGGER time_deposit_placement_no_truncate BEFORE TRUNCATE ON time_deposit_placement
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    await db.query(`GRANT SELECT, INSERT ON time_deposit_placement TO lumbung_application`);
    await db.query(`
      GRANT UPDATE (status, settled_on, interest, penalty, settle_entry_id)
        ON time_deposit_placement TO lumbung_application`);
  }

  async down(): Promise<void> {
    throw new Error('Time deposits are never rolled back: records are kept (UU 8/1997)');
  }
}
