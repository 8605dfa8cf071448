import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * Loans, part one (issue 6): products, applications with their collateral and guarantors, the
 * contracted schedule, and the per-loan rows the end of day and repayments write.
 *
 * - `loan_product`: terms (validated by libs/loans) change only through an approved
 *   `loans.product.set` request. Each product has its own interest and penalty receivable leaves
 *   (under 1-15 and 1-16): the end of day posts one summary entry per chunk and product there.
 * - `loan_settings`: a cooperative's lending limits as fractions of its own capital.
 * - `loan`: from application to closing. `terms` is the product's terms as they stood when the
 *   member applied, so a later product change never moves a running loan.
 * - `loan_instalment`: the schedule, versioned: a prepayment or a rebuilt state writes a new
 *   version, the old one stays.
 * - `loan_accrual`, `loan_penalty`: one row per loan and date (and instalment for penalties),
 *   which is what makes accrual and assessment idempotent.
 * - `loan_repayment`: each payment with its allocation and the entry that posted it;
 *   `loan_repayment_reversal` ends one: `reversed` by an approved reversal (its reversing
 *   entry), or `superseded` when an earlier reversal re-applied it as a new repayment row
 *   (`replaces_repayment_id`) whose entry moves only the difference in allocation.
 */
export class Loans1795350000000 implements MigrationInterface {
  name = 'Loans1795350000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE loan_product (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        id uuid NOT NULL,
        code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        currency char(3) NOT NULL REFERENCES currency (code),
        terms jsonb NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','retired')),
        interest_receivable_account_id uuid NOT NULL,
        penalty_receivable_account_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, code),
        FOREIGN KEY (cooperative_id, interest_receivable_account_id) REFERENCES account (cooperative_id, id),
        FOREIGN KEY (cooperative_id, penalty_receivable_account_id) REFERENCES account (cooperative_id, id)
      )`);

    await db.query(`
      CREATE TABLE loan_settings (
        cooperative_id uuid PRIMARY KEY REFERENCES cooperative (id),
        related_party_limit numeric NOT NULL CHECK (related_party_limit > 0 AND related_party_limit <= 0.10),
        single_borrower_limit numeric CHECK (single_borrower_limit > 0 AND single_borrower_limit <= 1),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);

    await db.query(`
      CREATE TABLE loan_number (
        cooperative_id uuid PRIMARY KEY REFERENCES cooperative (id),
        last_number bigint NOT NULL CHECK (last_number > 0)
      )`);

    await db.query(`
      CREATE TABLE loan (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        loan_number text NOT NULL,
        member_id uuid NOT NULL,
        product_id uuid NOT NULL,
        currency char(3) NOT NULL REFERENCES currency (code),
        amount numeric NOT NULL CHECK (amount > 0),
        principal numeric NOT NULL CHECK (principal >= amount),
        rate numeric NOT NULL CHECK (rate >= 0),
        instalments integer NOT NULL CHECK (instalments BETWEEN 1 AND 520),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        sector text NOT NULL,
        commodity text,
        related_party boolean NOT NULL,
        terms jsonb NOT NULL,
        fees jsonb NOT NULL,
        status text NOT NULL DEFAULT 'applied'
          CHECK (status IN ('applied','approved','rejected','cancelled','active','closed')),
        applied_by uuid NOT NULL,
        applied_on date NOT NULL,
        approval_request_id uuid,
        decided_on date,
        rejection_reason text,
        disbursed_on date,
        disbursement_entry_id uuid,
        ledger_account_id uuid,
        schedule_version integer NOT NULL DEFAULT 0,
        accrued_through date,
        closed_on date,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, loan_number),
        UNIQUE (cooperative_id, ledger_account_id),
        FOREIGN KEY (cooperative_id, member_id) REFERENCES member (cooperative_id, id),
        FOREIGN KEY (cooperative_id, product_id) REFERENCES loan_product (cooperative_id, id),
        FOREIGN KEY (cooperative_id, ledger_account_id) REFERENCES account (cooperative_id, id),
        CHECK ((status IN ('active','closed')) = (disbursed_on IS NOT NULL)),
        CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
        CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX loan_member ON loan (cooperative_id, member_id)`);
    await db.query(`CREATE INDEX loan_active ON loan (cooperative_id, id) WHERE status = 'active'`);

    await db.query(`
      CREATE TABLE loan_collateral (
        cooperative_id uuid NOT NULL,
        loan_id uuid NOT NULL,
        no integer NOT NULL CHECK (no > 0),
        kind text NOT NULL
          CHECK (kind IN ('land','building','vehicle','deposit','equipment','inventory','other')),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        document_type text NOT NULL,
        document_number text NOT NULL CHECK (length(document_number) BETWEEN 1 AND 100),
        valuation numeric NOT NULL CHECK (valuation > 0),
        valued_on date NOT NULL,
        in_custody boolean NOT NULL,
        released_on date,
        PRIMARY KEY (cooperative_id, loan_id, no),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id)
      )`);

    await db.query(`
      CREATE TABLE loan_guarantor (
        cooperative_id uuid NOT NULL,
        loan_id uuid NOT NULL,
        no integer NOT NULL CHECK (no > 0),
        member_id uuid,
        full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
        relationship text NOT NULL CHECK (length(relationship) BETWEEN 1 AND 100),
        PRIMARY KEY (cooperative_id, loan_id, no),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id),
        FOREIGN KEY (cooperative_id, member_id) REFERENCES member (cooperative_id, id)
      )`);

    await db.query(`
      CREATE TABLE loan_instalment (
        cooperative_id uuid NOT NULL,
        loan_id uuid NOT NULL,
        schedule_version integer NOT NULL CHECK (schedule_version > 0),
        no integer NOT NULL CHECK (no > 0),
        period_start date NOT NULL,
        due_date date NOT NULL CHECK (due_date > period_start),
        principal numeric NOT NULL CHECK (principal >= 0),
        interest numeric NOT NULL CHECK (interest >= 0),
        balance_after numeric NOT NULL CHECK (balance_after >= 0),
        PRIMARY KEY (cooperative_id, loan_id, schedule_version, no),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id)
      )`);

    await db.query(`
      CREATE TABLE loan_accrual (
        cooperative_id uuid NOT NULL,
        loan_id uuid NOT NULL,
        accrual_date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('daily','closing')),
        amount numeric NOT NULL,
        entry_id uuid,
        PRIMARY KEY (cooperative_id, loan_id, accrual_date, kind),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id)
      )`);

    await db.query(`
      CREATE TABLE loan_penalty (
        cooperative_id uuid NOT NULL,
        loan_id uuid NOT NULL,
        assessed_on date NOT NULL,
        instalment_no integer NOT NULL CHECK (instalment_no > 0),
        amount numeric NOT NULL CHECK (amount > 0),
        entry_id uuid NOT NULL,
        PRIMARY KEY (cooperative_id, loan_id, assessed_on, instalment_no),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id)
      )`);

    await db.query(`
      CREATE TABLE loan_repayment (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        loan_id uuid NOT NULL,
        received_on date NOT NULL,
        amount numeric NOT NULL CHECK (amount > 0),
        channel text NOT NULL CHECK (channel IN ('cash','savings')),
        savings_account_id uuid,
        entry_id uuid NOT NULL,
        receipt_number bigint,
        penalty numeric NOT NULL CHECK (penalty >= 0),
        fees numeric NOT NULL CHECK (fees >= 0),
        interest numeric NOT NULL CHECK (interest >= 0),
        principal numeric NOT NULL CHECK (principal >= 0),
        allocation jsonb NOT NULL,
        schedule_version integer NOT NULL CHECK (schedule_version > 0),
        replaces_repayment_id uuid,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id),
        FOREIGN KEY (cooperative_id, replaces_repayment_id) REFERENCES loan_repayment (cooperative_id, id),
        CHECK (penalty + fees + interest + principal = amount)
      )`);
    await db.query(
      `CREATE INDEX loan_repayment_loan ON loan_repayment (cooperative_id, loan_id, id)`,
    );

    await db.query(`
      CREATE TABLE loan_repayment_reversal (
        cooperative_id uuid NOT NULL,
        repayment_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('reversed','superseded')),
        entry_id uuid,
        approval_request_id uuid,
        reversed_on date NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        PRIMARY KEY (cooperative_id, repayment_id),
        FOREIGN KEY (cooperative_id, repayment_id) REFERENCES loan_repayment (cooperative_id, id)
      )`);

    // Products, loans and collateral change state; everything else is only ever added to.
    await keepRecords(db, ['loan_product', 'loan', 'loan_collateral'], { appendOnly: false });
    const appendOnly = [
      'loan_guarantor',
      'loan_instalment',
      'loan_accrual',
      'loan_penalty',
      'loan_repayment',
      'loan_repayment_reversal',
    ];
    await keepRecords(db, appendOnly, { appendOnly: true });

    const grants = [
      `GRANT SELECT, INSERT ON loan_product TO lumbung_application`,
      `GRANT UPDATE (name, terms, status, updated_at) ON loan_product TO lumbung_application`,
      `GRANT SELECT, INSERT ON loan_settings TO lumbung_application`,
      `GRANT UPDATE (related_party_limit, single_borrower_limit, updated_at) ON loan_settings TO lumbung_application`,
      `GRANT SELECT, INSERT ON loan_number TO lumbung_application`,
      `GRANT UPDATE (last_number) ON loan_number TO lumbung_application`,
      `GRANT SELECT, INSERT ON loan TO lumbung_application`,
      `GRANT UPDATE (status, approval_request_id, decided_on, rejection_reason, disbursed_on,
                     disbursement_entry_id, ledger_account_id, schedule_version, accrued_through,
                     closed_on) ON loan TO lumbung_application`,
      `GRANT SELECT, INSERT ON loan_collateral TO lumbung_application`,
      `GRANT UPDATE (released_on) ON loan_collateral TO lumbung_application`,
      ...appendOnly.map((table) => `GRANT SELECT, INSERT ON ${table} TO lumbung_application`),
    ];
    for (const grant of grants) await db.query(grant);
  }

  async down(): Promise<void> {
    throw new Error('Loan records are never rolled back: records are kept (UU 8/1997)');
  }
}
