import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

const grades = `('lancar','dalam-perhatian-khusus','kurang-lancar','diragukan','macet')`;

/**
 * Loans, part two, second landing (issue 8): restructuring and the portfolio reports.
 *
 * - `loan_restructuring`: a new schedule for what remains of a running loan, approved by two
 *   managers other than the one who asked. One row per restructuring, never changed: the date,
 *   the schedule versions before and after (both stay readable in `loan_instalment`), how many
 *   instalments of the old schedule the new version keeps (`kept_instalments`: they are numbered
 *   1..n in both), the outstanding principal and the interest accrued and unpaid on the day, what
 *   of it was capitalised, the terms before and after, the closing adjustment of the accrual and
 *   the entry that posted it and the capitalisation, and the grade the loan had that day: a
 *   restructured loan is graded no better until it performs again (libs/loans decides when).
 *   One per loan and day.
 * - `loan.region`: where the borrower's business is, for the portfolio reports: a Kemendagri
 *   province code ("53") or, for a business abroad, an ISO 3166-1 country code ("TL"). Optional;
 *   an application without one takes it from the member's business profile as it stood then.
 *   Loans applied for before this migration have none.
 * - a restructuring changes the loan's rate, terms and term (`instalments`), and its principal
 *   by the capitalised interest: the application may update those columns.
 * - `loan_accrual.kind` gains `restructuring`: the row of the restructuring day that closes the
 *   old schedule's accrual (the adjustment less the capitalised interest). The existing kinds are
 *   read from the constraint and kept, so another migration widening it, before or after, is not
 *   undone.
 * - `loan_provision.restructured_grade`: the restructuring's grade in force on the row's date
 *   (null when none holds), beside the computed and manual grades the row's grade is the worst of.
 */
export class LoanRestructuring1795366500000 implements MigrationInterface {
  name = 'LoanRestructuring1795366500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE loan ADD COLUMN region text CHECK (region ~ '^([0-9]{2}|[A-Z]{2})$')`);
    await db.query(
      `GRANT UPDATE (principal, rate, instalments, terms) ON loan TO lumbung_application`,
    );

    const [constraint] = (await db.query(`
      SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE conrelid = 'loan_accrual'::regclass AND conname = 'loan_accrual_kind_check'`)) as {
      definition: string;
    }[];
    const kinds = new Set(
      [...(constraint?.definition ?? '').matchAll(/'([a-z][a-z-]*)'/g)].map((m) => m[1]),
    );
    for (const kind of ['daily', 'closing', 'restructuring']) kinds.add(kind);
    await db.query(`ALTER TABLE loan_accrual DROP CONSTRAINT IF EXISTS loan_accrual_kind_check`);
    await db.query(`
      ALTER TABLE loan_accrual ADD CONSTRAINT loan_accrual_kind_check
        CHECK (kind IN (${[...kinds].map((kind) => `'${kind}'`).join(', ')}))`);

    await db.query(`
      CREATE TABLE loan_restructuring (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        loan_id uuid NOT NULL,
        restructured_on date NOT NULL,
        approval_request_id uuid NOT NULL,
        requested_by uuid NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        from_version integer NOT NULL CHECK (from_version > 0),
        to_version integer NOT NULL,
        kept_instalments integer NOT NULL CHECK (kept_instalments >= 0),
        outstanding_principal numeric NOT NULL CHECK (outstanding_principal > 0),
        unpaid_interest numeric NOT NULL CHECK (unpaid_interest >= 0),
        capitalised_interest numeric NOT NULL CHECK (capitalised_interest >= 0),
        new_principal numeric NOT NULL,
        closing_adjustment numeric NOT NULL,
        entry_id uuid,
        terms_before jsonb NOT NULL,
        terms_after jsonb NOT NULL,
        grade_before text NOT NULL CHECK (grade_before IN ${grades}),
        days_past_due_before integer NOT NULL CHECK (days_past_due_before >= 0),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, loan_id, restructured_on),
        UNIQUE (cooperative_id, approval_request_id),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id),
        CHECK (to_version > from_version),
        CHECK (capitalised_interest <= unpaid_interest),
        CHECK (new_principal = outstanding_principal + capitalised_interest),
        CHECK (entry_id IS NOT NULL OR (closing_adjustment = 0 AND capitalised_interest = 0))
      )`);

    await db.query(`
      ALTER TABLE loan_provision ADD COLUMN restructured_grade text
        CHECK (restructured_grade IN ${grades})`);

    await keepRecords(db, ['loan_restructuring'], { appendOnly: true });
    await db.query(`GRANT SELECT, INSERT ON loan_restructuring TO lumbung_application`);
  }

  async down(): Promise<void> {
    throw new Error('Loan records are never rolled back: records are kept (UU 8/1997)');
  }
}
