import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

const grades = `('lancar','dalam-perhatian-khusus','kurang-lancar','diragukan','macet')`;
const presets = `('cooperative','bank')`;

/**
 * Loans, part two, first landing (issue 8): days past due, collectibility and provisions (PPAP),
 * booked by the end of day.
 *
 * - `loan_collectibility_settings`: the cooperative's preset (cooperative four grades or bank
 *   five), the provision rate per grade and the credit per collateral class, as fractions;
 *   changed only through an approved `loans.collectibility.set`. No row: the cooperative preset
 *   with DOMAIN.md's figures.
 * - `loan_grade_override`: a manager's downgrades (`downgrade`, with the grade and the reason)
 *   and their ending (`lift`, approved by a second manager): the history of manual grades, never
 *   changed. The one in force on day D is the latest decided on or before D, unless it is a lift.
 * - `loan_provision_account`: each product's allowance leaf (`1-17-<code>`, a contra-asset on
 *   the credit side), opened the first time the product needs one.
 * - `loan_provision`: a loan's grade and provision as booked by the end of day, one row per loan
 *   and date on which anything in it changed (the oldest unpaid due date, a grade, the principal,
 *   the collateral credit, the rate or the allowance); a loan's booked allowance is its latest
 *   row's `required`. `change` is what the row moved the allowance by, posted in the chunk's
 *   summary entry for the product (`entry_id`). A `closed` row releases a paid-off loan's
 *   allowance. The key is what makes the same date run twice change nothing.
 */
export class LoanQuality1795358000000 implements MigrationInterface {
  name = 'LoanQuality1795358000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE loan_collectibility_settings (
        cooperative_id uuid PRIMARY KEY REFERENCES cooperative (id),
        preset text NOT NULL CHECK (preset IN ${presets}),
        provision_rates jsonb NOT NULL,
        collateral_credit jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);

    await db.query(`
      CREATE TABLE loan_grade_override (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        loan_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ('downgrade','lift')),
        grade text CHECK (grade IN ${grades}),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        decided_on date NOT NULL,
        decided_by uuid NOT NULL,
        approval_request_id uuid,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id),
        CHECK ((action = 'downgrade') = (grade IS NOT NULL)),
        CHECK ((action = 'lift') = (approval_request_id IS NOT NULL))
      )`);
    await db.query(`
      CREATE INDEX loan_grade_override_loan
        ON loan_grade_override (cooperative_id, loan_id, decided_on, id)`);

    await db.query(`
      CREATE TABLE loan_provision_account (
        cooperative_id uuid NOT NULL,
        product_id uuid NOT NULL,
        allowance_account_id uuid NOT NULL,
        PRIMARY KEY (cooperative_id, product_id),
        UNIQUE (cooperative_id, allowance_account_id),
        FOREIGN KEY (cooperative_id, product_id) REFERENCES loan_product (cooperative_id, id),
        FOREIGN KEY (cooperative_id, allowance_account_id) REFERENCES account (cooperative_id, id)
      )`);

    await db.query(`
      CREATE TABLE loan_provision (
        cooperative_id uuid NOT NULL,
        loan_id uuid NOT NULL,
        as_of date NOT NULL,
        closed boolean NOT NULL,
        oldest_unpaid_due date,
        days_past_due integer NOT NULL CHECK (days_past_due >= 0),
        preset text NOT NULL CHECK (preset IN ${presets}),
        computed_grade text CHECK (computed_grade IN ${grades}),
        manual_grade text CHECK (manual_grade IN ${grades}),
        grade text CHECK (grade IN ${grades}),
        outstanding_principal numeric NOT NULL CHECK (outstanding_principal >= 0),
        collateral_credit numeric NOT NULL CHECK (collateral_credit >= 0),
        rate numeric NOT NULL CHECK (rate >= 0 AND rate <= 1),
        required numeric NOT NULL CHECK (required >= 0),
        change numeric NOT NULL,
        entry_id uuid,
        PRIMARY KEY (cooperative_id, loan_id, as_of),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id),
        CHECK (change = 0 OR entry_id IS NOT NULL),
        CHECK (closed OR (computed_grade IS NOT NULL AND grade IS NOT NULL)),
        CHECK (NOT closed OR (grade IS NULL AND outstanding_principal = 0 AND required = 0))
      )`);

    // The end of day releases the allowance of loans paid off on its date.
    await db.query(`
      CREATE INDEX loan_closed_on ON loan (cooperative_id, closed_on) WHERE status = 'closed'`);

    await keepRecords(db, ['loan_collectibility_settings'], { appendOnly: false });
    const appendOnly = ['loan_grade_override', 'loan_provision_account', 'loan_provision'];
    await keepRecords(db, appendOnly, { appendOnly: true });

    const grants = [
      `GRANT SELECT, INSERT ON loan_collectibility_settings TO lumbung_application`,
      `GRANT UPDATE (preset, provision_rates, collateral_credit, updated_at)
         ON loan_collectibility_settings TO lumbung_application`,
      ...appendOnly.map((table) => `GRANT SELECT, INSERT ON ${table} TO lumbung_application`),
    ];
    for (const grant of grants) await db.query(grant);
  }

  async down(): Promise<void> {
    throw new Error(
      'Loan grades and provisions are never rolled back: records are kept (UU 8/1997)',
    );
  }
}
