import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * Settlement between two cooperatives that both keep their books on Lumbung (issue 9): the lender
 * in Kupang and the partner in Dili each book their own side, in their own transaction, under one
 * settlement id; a reconciliation report reads both sides.
 *
 * - `partner_cooperative.lumbung_cooperative_id`: the partner's own cooperative on Lumbung, when it
 *   has one. Set once. No foreign key: a cooperative is the unit of distribution, and the other
 *   book may live elsewhere.
 * - `cross_border_borrowing`: the borrower's liability leaf per lender partner and currency.
 * - `cross_border_settlement`: one side of a settlement, in one cooperative's book: kind
 *   (drawdown, repayment), direction (out, in), currency and amount, the leaf facing the partner
 *   and the entry. The primary key makes each settlement id one entry per book.
 */
export class CrossBorderSettlement1795364500000 implements MigrationInterface {
  name = 'CrossBorderSettlement1795364500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE partner_cooperative ADD COLUMN lumbung_cooperative_id uuid`);
    await db.query(`
      ALTER TABLE partner_cooperative ADD CONSTRAINT partner_cooperative_not_itself
        CHECK (lumbung_cooperative_id IS DISTINCT FROM cooperative_id)`);

    await db.query(`
      CREATE TABLE cross_border_borrowing (
        cooperative_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        currency char(3) NOT NULL REFERENCES currency (code),
        account_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, partner_id, currency),
        FOREIGN KEY (cooperative_id, partner_id) REFERENCES partner_cooperative (cooperative_id, id),
        FOREIGN KEY (cooperative_id, account_id) REFERENCES account (cooperative_id, id)
      )`);

    await db.query(`
      CREATE TABLE cross_border_settlement (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        partner_id uuid NOT NULL,
        counterpart_cooperative_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('drawdown','repayment')),
        direction text NOT NULL CHECK (direction IN ('out','in')),
        currency char(3) NOT NULL REFERENCES currency (code),
        amount numeric NOT NULL CHECK (amount > 0),
        value_date date NOT NULL,
        account_id uuid NOT NULL,
        entry_id uuid NOT NULL,
        source_id uuid,
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        FOREIGN KEY (cooperative_id, partner_id) REFERENCES partner_cooperative (cooperative_id, id),
        FOREIGN KEY (cooperative_id, account_id) REFERENCES account (cooperative_id, id),
        CHECK (counterpart_cooperative_id <> cooperative_id)
      )`);
    await db.query(`
      CREATE INDEX cross_border_settlement_counterpart
        ON cross_border_settlement (cooperative_id, counterpart_cooperative_id, id)`);

    await keepRecords(db, ['cross_border_borrowing', 'cross_border_settlement'], {
      appendOnly: true,
    });

    const grants = [
      `GRANT UPDATE (lumbung_cooperative_id) ON partner_cooperative TO lumbung_application`,
      `GRANT SELECT, INSERT ON cross_border_borrowing TO lumbung_application`,
      `GRANT SELECT, INSERT ON cross_border_settlement TO lumbung_application`,
    ];
    for (const grant of grants) await db.query(grant);
  }

  async down(): Promise<void> {
    throw new Error('Cross-border records are never rolled back: records are kept (UU 8/1997)');
  }
}
