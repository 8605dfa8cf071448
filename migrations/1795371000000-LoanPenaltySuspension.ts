import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Penalties of non-performing loans (issue 8's gap): a loan whose accrual is suspended keeps its
 * late penalties off income, as its interest (DESIGN.md section 3, Loan interest and penalties).
 *
 * - `loan_penalty.held`: where an assessed penalty went. `receivable` (penalty receivable against
 *   penalty income, as before), `memorandum` (assessed while suspended under a product keeping
 *   memorandum: `9-1101` against `9-9101`) or `off-books` (suspended without memorandum: no
 *   entry). Existing rows are `receivable`.
 * - `loan_interest_suspension.penalty_reversed`: penalties assessed and unpaid on the receivable
 *   taken back from income into memorandum by the suspension, in its entry.
 * - `loan_interest_receipt.penalty_memorandum`, `penalty_cash`: how a repayment on a loan ever
 *   suspended booked its penalty part: released from memorandum or received for a penalty kept
 *   off the books, both income when received; the rest settled the receivable.
 * - `loan_write_off.penalty_memorandum_closed`, `penalty_off_books`: unpaid penalties in
 *   memorandum and off the books, which join the written-off claim beside `penalty_reversed`
 *   (those on the receivable).
 */
export class LoanPenaltySuspension1795371000000 implements MigrationInterface {
  name = 'LoanPenaltySuspension1795371000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE loan_penalty
        ADD COLUMN held text NOT NULL DEFAULT 'receivable'
          CHECK (held IN ('receivable','memorandum','off-books')),
        ALTER COLUMN entry_id DROP NOT NULL,
        ADD CONSTRAINT loan_penalty_entry_check CHECK ((held = 'off-books') = (entry_id IS NULL))`);
    await db.query(`
      ALTER TABLE loan_interest_suspension
        ADD COLUMN penalty_reversed numeric NOT NULL DEFAULT 0 CHECK (penalty_reversed >= 0),
        ADD CONSTRAINT loan_interest_suspension_penalty_check
          CHECK (penalty_reversed = 0
                 OR (action = 'suspend' AND memorandum AND entry_id IS NOT NULL))`);
    await db.query(`
      ALTER TABLE loan_interest_receipt
        ADD COLUMN penalty_memorandum numeric NOT NULL DEFAULT 0 CHECK (penalty_memorandum >= 0),
        ADD COLUMN penalty_cash numeric NOT NULL DEFAULT 0 CHECK (penalty_cash >= 0)`);
    const claimChecks = (await db.query(`
      SELECT conname FROM pg_constraint
       WHERE conrelid = 'loan_write_off'::regclass AND contype = 'c'
         AND pg_get_constraintdef(oid) LIKE '%written_off = %'`)) as { conname: string }[];
    for (const { conname } of claimChecks) {
      await db.query(`ALTER TABLE loan_write_off DROP CONSTRAINT "${conname}"`);
    }
    await db.query(`
      ALTER TABLE loan_write_off
        ADD COLUMN penalty_memorandum_closed numeric NOT NULL DEFAULT 0
          CHECK (penalty_memorandum_closed >= 0),
        ADD COLUMN penalty_off_books numeric NOT NULL DEFAULT 0 CHECK (penalty_off_books >= 0),
        ADD CONSTRAINT loan_write_off_claim_check
          CHECK (written_off = principal + interest_claim + penalty_reversed
                               + penalty_memorandum_closed + penalty_off_books)`);
  }

  async down(): Promise<void> {
    throw new Error('Loan records are never rolled back: records are kept (UU 8/1997)');
  }
}
