import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

const grades = `('lancar','dalam-perhatian-khusus','kurang-lancar','diragukan','macet')`;

/**
 * Loans, part two, second landing (issue 8): non-accrual of non-performing loans, write-off and
 * recoveries, each closing the loan's accrual with a final adjustment (issue 7 item 3).
 *
 * - `loan_interest_suspension`: when the end of day finds a running loan non-performing (its
 *   grade for the day kurang lancar or worse) its interest stops accruing into income from the
 *   next day (`suspend`); when it performs again, accrual resumes (`resume`). One row per loan
 *   and date, never changed. `memorandum` is the product's `memorandumOnNonPerforming` as it
 *   stood: when on, the interest accrued and unpaid on that day (`reversed`) is taken back from
 *   income into memorandum (`9-1101` against `9-9101`, entry `entry_id`), and the suspended days
 *   accrue there too.
 * - `loan_accrual.kind` gains `suspended`: a day accrued while suspended (in memorandum with an
 *   entry, or off the books without one). The existing kinds are read from the constraint and
 *   kept, so another migration widening it, before or after, is not undone.
 * - `loan_interest_receipt`: how a repayment on a loan ever suspended booked its interest: from
 *   memorandum (income when received), against the receivable, or straight to income, and what a
 *   payoff released from memorandum unreceived. Its entry is the repayment's.
 * - `loan_write_off`: a loan written off by two managers' approval, once: the principal off its
 *   leaf against the allowance (the rest to expense), the interest and penalties accrued and
 *   unpaid taken off (from income or memorandum), and the claim kept in memorandum (`9-1102`)
 *   for recoveries. The loan's status becomes `written-off`.
 * - `loan_recovery`: cash received for a written-off loan: recovery income (`4-2102`), the
 *   memorandum claim reduced; never more than was written off.
 */
export class LoanNonAccrual1795367500000 implements MigrationInterface {
  name = 'LoanNonAccrual1795367500000';

  async up(db: QueryRunner): Promise<void> {
    await widenCheck(db, 'loan', 'loan_status_check', 'status', ['written-off']);
    await widenCheck(db, 'loan_accrual', 'loan_accrual_kind_check', 'kind', ['suspended']);
    // A written-off loan was disbursed: the check pairing status and disbursement learns it.
    const disbursed = (await db.query(`
      SELECT conname FROM pg_constraint
       WHERE conrelid = 'loan'::regclass AND contype = 'c'
         AND pg_get_constraintdef(oid) LIKE '%disbursed_on IS NOT NULL%'`)) as {
      conname: string;
    }[];
    for (const { conname } of disbursed) {
      await db.query(`ALTER TABLE loan DROP CONSTRAINT "${conname}"`);
    }
    await db.query(`
      ALTER TABLE loan ADD CONSTRAINT loan_disbursed_check
        CHECK ((status IN ('active','closed','written-off')) = (disbursed_on IS NOT NULL))`);

    await db.query(`
      CREATE TABLE loan_interest_suspension (
        cooperative_id uuid NOT NULL,
        loan_id uuid NOT NULL,
        event_date date NOT NULL,
        action text NOT NULL CHECK (action IN ('suspend','resume')),
        grade text NOT NULL CHECK (grade IN ${grades}),
        memorandum boolean NOT NULL,
        reversed numeric NOT NULL CHECK (reversed >= 0),
        entry_id uuid,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, loan_id, event_date),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id),
        CHECK (action = 'suspend' OR reversed = 0),
        CHECK (reversed = 0 OR (memorandum AND entry_id IS NOT NULL))
      )`);

    await db.query(`
      CREATE TABLE loan_interest_receipt (
        cooperative_id uuid NOT NULL,
        repayment_id uuid NOT NULL,
        loan_id uuid NOT NULL,
        memorandum numeric NOT NULL CHECK (memorandum >= 0),
        receivable numeric NOT NULL CHECK (receivable >= 0),
        cash numeric NOT NULL CHECK (cash >= 0),
        memorandum_closed numeric NOT NULL CHECK (memorandum_closed >= 0),
        entry_id uuid NOT NULL,
        PRIMARY KEY (cooperative_id, repayment_id),
        FOREIGN KEY (cooperative_id, repayment_id) REFERENCES loan_repayment (cooperative_id, id),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id)
      )`);
    await db.query(`
      CREATE INDEX loan_interest_receipt_loan ON loan_interest_receipt (cooperative_id, loan_id)`);

    await db.query(`
      CREATE TABLE loan_write_off (
        cooperative_id uuid NOT NULL,
        loan_id uuid NOT NULL,
        written_off_on date NOT NULL,
        approval_request_id uuid NOT NULL,
        requested_by uuid NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        grade text NOT NULL CHECK (grade IN ${grades}),
        principal numeric NOT NULL CHECK (principal > 0),
        allowance_used numeric NOT NULL CHECK (allowance_used >= 0),
        expense numeric NOT NULL,
        interest_reversed numeric NOT NULL CHECK (interest_reversed >= 0),
        memorandum_closed numeric NOT NULL CHECK (memorandum_closed >= 0),
        interest_claim numeric NOT NULL,
        penalty_reversed numeric NOT NULL CHECK (penalty_reversed >= 0),
        written_off numeric NOT NULL,
        entry_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, loan_id),
        UNIQUE (cooperative_id, approval_request_id),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan (cooperative_id, id),
        CHECK (principal = allowance_used + expense),
        CHECK (interest_claim >= interest_reversed + memorandum_closed),
        CHECK (written_off = principal + interest_claim + penalty_reversed)
      )`);

    await db.query(`
      CREATE TABLE loan_recovery (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        loan_id uuid NOT NULL,
        received_on date NOT NULL,
        amount numeric NOT NULL CHECK (amount > 0),
        channel text NOT NULL CHECK (channel IN ('cash','savings')),
        savings_account_id uuid,
        entry_id uuid NOT NULL,
        receipt_number bigint,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        FOREIGN KEY (cooperative_id, loan_id) REFERENCES loan_write_off (cooperative_id, loan_id)
      )`);
    await db.query(`CREATE INDEX loan_recovery_loan ON loan_recovery (cooperative_id, loan_id)`);

    const appendOnly = [
      'loan_interest_suspension',
      'loan_interest_receipt',
      'loan_write_off',
      'loan_recovery',
    ];
    await keepRecords(db, appendOnly, { appendOnly: true });
    for (const table of appendOnly) {
      await db.query(`GRANT SELECT, INSERT ON ${table} TO lumbung_application`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Loan records are never rolled back: records are kept (UU 8/1997)');
  }
}

/**
 * Replaces a `column IN (...)` check with one that also allows `added`, keeping every value the
 * check allowed however it was widened before.
 */
async function widenCheck(
  db: QueryRunner,
  table: string,
  name: string,
  column: string,
  added: readonly string[],
): Promise<void> {
  const [constraint] = (await db.query(
    `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE conrelid = $1::regclass AND conname = $2`,
    [table, name],
  )) as { definition: string }[];
  if (!constraint) throw new Error(`${table} has no check ${name} to widen`);
  const values = new Set(
    [...constraint.definition.matchAll(/'([a-z][a-z-]*)'/g)].map((match) => match[1]),
  );
  for (const value of added) values.add(value);
  await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  await db.query(`
    ALTER TABLE ${table} ADD CONSTRAINT ${name}
      CHECK (${column} IN (${[...values].map((value) => `'${value}'`).join(', ')}))`);
}
