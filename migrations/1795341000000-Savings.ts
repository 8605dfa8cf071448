import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Savings (issue 5): products, members' savings accounts, the record of each teller operation
 * and the cash-threshold flags.
 *
 * - `savings_product`: one product per code and cooperative; `terms` holds the kind's rules
 *   (validated by libs/savings before they reach here) and changes only through an approved
 *   `savings.product.set` request. One active simpanan pokok product per currency: pokok is the
 *   same for every member.
 * - `savings_account`: a member's account, backed by one ledger leaf (its balance lives in the
 *   ledger, nowhere else). One pokok and one wajib account per member.
 * - `savings_transaction`: what a teller did, with the entry that did it and the receipt number
 *   (the entry's gap-free voucher number in series `receipt`). Append-only.
 * - `cash_threshold_flag`: a member whose cash in or out on one business day reached the
 *   cooperative's reporting threshold (DESIGN.md section 7).
 * - `savings_settings`: per cooperative, the teller limit per operation and the threshold.
 */
export class Savings1795341000000 implements MigrationInterface {
  name = 'Savings1795341000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE savings_product (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        id uuid NOT NULL,
        code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
        kind text NOT NULL CHECK (kind IN ('pokok','wajib','sukarela','berjangka')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        currency char(3) NOT NULL REFERENCES currency (code),
        terms jsonb NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','retired')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, code)
      )`);
    await db.query(`
      CREATE UNIQUE INDEX savings_product_one_pokok ON savings_product (cooperative_id, currency)
        WHERE kind = 'pokok' AND status = 'active'`);

    await db.query(`
      CREATE TABLE savings_account_number (
        cooperative_id uuid PRIMARY KEY REFERENCES cooperative (id),
        last_number bigint NOT NULL CHECK (last_number > 0)
      )`);
    await db.query(`
      CREATE TABLE savings_account (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        account_number text NOT NULL,
        member_id uuid NOT NULL,
        product_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('pokok','wajib','sukarela','berjangka')),
        currency char(3) NOT NULL REFERENCES currency (code),
        ledger_account_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','dormant','closed')),
        opened_on date NOT NULL,
        last_activity_on date NOT NULL,
        closed_on date,
        wajib_paid_through date CHECK (wajib_paid_through IS NULL OR kind = 'wajib'),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, account_number),
        UNIQUE (cooperative_id, ledger_account_id),
        FOREIGN KEY (cooperative_id, member_id) REFERENCES member (cooperative_id, id),
        FOREIGN KEY (cooperative_id, product_id) REFERENCES savings_product (cooperative_id, id),
        FOREIGN KEY (cooperative_id, ledger_account_id) REFERENCES account (cooperative_id, id),
        CHECK ((status = 'closed') = (closed_on IS NOT NULL))
      )`);
    await db.query(`
      CREATE UNIQUE INDEX savings_account_one_equity ON savings_account (cooperative_id, member_id, kind)
        WHERE kind IN ('pokok','wajib')`);
    await db.query(
      `CREATE INDEX savings_account_member ON savings_account (cooperative_id, member_id)`,
    );

    await db.query(`
      CREATE TABLE savings_transaction (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        entry_id uuid NOT NULL,
        operation text NOT NULL CHECK (operation ~ '^[a-z][a-z-]{1,39}$'),
        savings_account_id uuid NOT NULL,
        member_id uuid NOT NULL,
        amount numeric NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        direction text NOT NULL CHECK (direction IN ('in','out')),
        cash boolean NOT NULL,
        receipt_number bigint,
        business_date date NOT NULL,
        teller_id uuid,
        approval_id uuid,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, receipt_number),
        FOREIGN KEY (cooperative_id, savings_account_id) REFERENCES savings_account (cooperative_id, id)
      )`);
    await db.query(`
      CREATE INDEX savings_transaction_cash_day ON savings_transaction
        (cooperative_id, member_id, business_date) WHERE cash`);
    await db.query(`
      CREATE INDEX savings_transaction_account ON savings_transaction (cooperative_id, savings_account_id, id)`);

    await db.query(`
      CREATE TABLE cash_threshold_flag (
        cooperative_id uuid NOT NULL,
        member_id uuid NOT NULL,
        business_date date NOT NULL,
        currency char(3) NOT NULL,
        total numeric NOT NULL,
        threshold numeric NOT NULL,
        flagged_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, member_id, business_date, currency),
        FOREIGN KEY (cooperative_id, member_id) REFERENCES member (cooperative_id, id)
      )`);

    await db.query(`
      CREATE TABLE savings_settings (
        cooperative_id uuid PRIMARY KEY REFERENCES cooperative (id),
        teller_limit numeric CHECK (teller_limit > 0),
        cash_report_threshold numeric CHECK (cash_report_threshold > 0),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);

    for (const table of ['savings_transaction', 'savings_product', 'savings_account']) {
      await db.query(`
        CREATE TRIGGER ${table}_kept BEFORE DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
      await db.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    }
    await db.query(`
      CREATE TRIGGER savings_transaction_append_only BEFORE UPDATE ON savings_transaction
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);

    const grants = [
      `GRANT SELECT, INSERT ON savings_product TO lumbung_application`,
      `GRANT UPDATE (name, terms, status, updated_at) ON savings_product TO lumbung_application`,
      `GRANT SELECT, INSERT ON savings_account_number TO lumbung_application`,
      `GRANT UPDATE (last_number) ON savings_account_number TO lumbung_application`,
      `GRANT SELECT, INSERT ON savings_account TO lumbung_application`,
      `GRANT UPDATE (status, last_activity_on, closed_on, wajib_paid_through) ON savings_account TO lumbung_application`,
      `GRANT SELECT, INSERT ON savings_transaction TO lumbung_application`,
      `GRANT SELECT, INSERT ON cash_threshold_flag TO lumbung_application`,
      `GRANT UPDATE (total) ON cash_threshold_flag TO lumbung_application`,
      `GRANT SELECT, INSERT ON savings_settings TO lumbung_application`,
      `GRANT UPDATE (teller_limit, cash_report_threshold, updated_at) ON savings_settings TO lumbung_application`,
    ];
    for (const grant of grants) await db.query(grant);
  }

  async down(): Promise<void> {
    throw new Error('Savings records are never rolled back: records are kept (UU 8/1997)');
  }
}
