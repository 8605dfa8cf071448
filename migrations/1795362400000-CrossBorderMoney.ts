import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * Cross-border financing, second landing (issue 9): money moves on approved facilities.
 *
 * - `cross_border_facility.receivable_account_id`: the facility's receivable leaf under `1-14`,
 *   in the facility currency, opened at its first drawdown.
 * - `cross_border_drawdown`: each drawdown with its functional amount at that day's rate; the
 *   principal repaid and the functional amount carried off by repayments (at the drawdown's
 *   rate) move up as repayments arrive.
 * - `cross_border_instalment`: each drawdown's schedule from the loans schedule engine, with
 *   what has been paid of each instalment's principal and interest.
 * - `cross_border_repayment`: each repayment (interest, principal, fee) in the facility currency
 *   at the day's rate, the principal's carrying amount and the realised FX difference.
 * - `fx_revaluation`: one row per cooperative, month and currency: the month-end closing rate,
 *   the foreign balance, its carrying and revalued amounts, and the entry and its reversal on the
 *   first day of the next month. The primary key makes the month-end step happen once.
 *
 * Entry ids are not foreign keys, as nowhere else: a key to journal_entry would turn the
 * append-only guard's TRUNCATE refusal (LB003) into PostgreSQL's own, and make every insert here
 * take a key-share lock on the entry.
 */
export class CrossBorderMoney1795362400000 implements MigrationInterface {
  name = 'CrossBorderMoney1795362400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cross_border_facility ADD COLUMN receivable_account_id uuid`);
    await db.query(`
      ALTER TABLE cross_border_facility ADD CONSTRAINT cross_border_facility_receivable
        FOREIGN KEY (cooperative_id, receivable_account_id) REFERENCES account (cooperative_id, id)`);

    await db.query(`
      CREATE TABLE cross_border_drawdown (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        facility_id uuid NOT NULL,
        currency char(3) NOT NULL REFERENCES currency (code),
        amount numeric NOT NULL CHECK (amount > 0),
        functional_amount numeric NOT NULL CHECK (functional_amount >= 0),
        fx_rate numeric CHECK (fx_rate > 0),
        fx_rate_id uuid,
        drawn_on date NOT NULL,
        entry_id uuid NOT NULL,
        principal_repaid numeric NOT NULL DEFAULT 0
          CHECK (principal_repaid >= 0 AND principal_repaid <= amount),
        functional_repaid numeric NOT NULL DEFAULT 0
          CHECK (functional_repaid >= 0 AND functional_repaid <= functional_amount),
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        FOREIGN KEY (cooperative_id, facility_id) REFERENCES cross_border_facility (cooperative_id, id),
        FOREIGN KEY (cooperative_id, fx_rate_id) REFERENCES fx_rate (cooperative_id, id),
        -- Repaid in full leaves nothing carried.
        CHECK (principal_repaid < amount OR functional_repaid = functional_amount)
      )`);
    await db.query(
      `CREATE INDEX cross_border_drawdown_facility ON cross_border_drawdown (cooperative_id, facility_id)`,
    );

    await db.query(`
      CREATE TABLE cross_border_instalment (
        cooperative_id uuid NOT NULL,
        drawdown_id uuid NOT NULL,
        no integer NOT NULL CHECK (no >= 1),
        due_date date NOT NULL,
        principal numeric NOT NULL CHECK (principal >= 0),
        interest numeric NOT NULL CHECK (interest >= 0),
        principal_paid numeric NOT NULL DEFAULT 0
          CHECK (principal_paid >= 0 AND principal_paid <= principal),
        interest_paid numeric NOT NULL DEFAULT 0
          CHECK (interest_paid >= 0 AND interest_paid <= interest),
        PRIMARY KEY (cooperative_id, drawdown_id, no),
        FOREIGN KEY (cooperative_id, drawdown_id) REFERENCES cross_border_drawdown (cooperative_id, id)
      )`);

    await db.query(`
      CREATE TABLE cross_border_repayment (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        facility_id uuid NOT NULL,
        currency char(3) NOT NULL REFERENCES currency (code),
        amount numeric NOT NULL CHECK (amount >= 0),
        interest numeric NOT NULL CHECK (interest >= 0),
        principal numeric NOT NULL CHECK (principal >= 0),
        fee numeric NOT NULL CHECK (fee >= 0),
        fx_rate numeric CHECK (fx_rate > 0),
        fx_rate_id uuid,
        paid_on date NOT NULL,
        functional_received numeric NOT NULL CHECK (functional_received >= 0),
        principal_carrying numeric NOT NULL CHECK (principal_carrying >= 0),
        principal_at_rate numeric NOT NULL CHECK (principal_at_rate >= 0),
        realised_fx numeric NOT NULL,
        allocation jsonb NOT NULL CHECK (jsonb_typeof(allocation) = 'array'),
        entry_id uuid NOT NULL,
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        FOREIGN KEY (cooperative_id, facility_id) REFERENCES cross_border_facility (cooperative_id, id),
        FOREIGN KEY (cooperative_id, fx_rate_id) REFERENCES fx_rate (cooperative_id, id),
        CHECK (amount = interest + principal),
        CHECK (amount + fee > 0),
        CHECK (realised_fx = principal_at_rate - principal_carrying)
      )`);
    await db.query(
      `CREATE INDEX cross_border_repayment_facility ON cross_border_repayment (cooperative_id, facility_id)`,
    );

    await db.query(`
      CREATE TABLE fx_revaluation (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        currency char(3) NOT NULL REFERENCES currency (code),
        period_end date NOT NULL,
        fx_rate numeric NOT NULL CHECK (fx_rate > 0),
        fx_rate_id uuid NOT NULL,
        foreign_balance numeric NOT NULL,
        carrying numeric NOT NULL,
        revalued numeric NOT NULL,
        difference numeric NOT NULL,
        entry_id uuid,
        reversal_entry_id uuid,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, month, currency),
        FOREIGN KEY (cooperative_id, fx_rate_id) REFERENCES fx_rate (cooperative_id, id),
        CHECK (difference = revalued - carrying),
        CHECK ((difference = 0) = (entry_id IS NULL)),
        CHECK ((entry_id IS NULL) = (reversal_entry_id IS NULL))
      )`);

    await keepRecords(db, ['cross_border_drawdown', 'cross_border_instalment'], {
      appendOnly: false,
    });
    await keepRecords(db, ['cross_border_repayment', 'fx_revaluation'], { appendOnly: true });

    const grants = [
      `GRANT UPDATE (receivable_account_id) ON cross_border_facility TO lumbung_application`,
      `GRANT SELECT, INSERT ON cross_border_drawdown TO lumbung_application`,
      `GRANT UPDATE (principal_repaid, functional_repaid) ON cross_border_drawdown TO lumbung_application`,
      `GRANT SELECT, INSERT ON cross_border_instalment TO lumbung_application`,
      `GRANT UPDATE (principal_paid, interest_paid) ON cross_border_instalment TO lumbung_application`,
      `GRANT SELECT, INSERT ON cross_border_repayment TO lumbung_application`,
      `GRANT SELECT, INSERT ON fx_revaluation TO lumbung_application`,
    ];
    for (const grant of grants) await db.query(grant);
  }

  async down(): Promise<void> {
    throw new Error('Cross-border records are never rolled back: records are kept (UU 8/1997)');
  }
}
