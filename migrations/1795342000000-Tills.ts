import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The vault and tills (issue 5): the vault is the chart's leaf `1-1101`; each teller has one till
 * per currency, a ledger leaf under `1-1102` (Kas Teller), whose cash balance lives in the ledger
 * and nowhere else.
 *
 * - `till`: the teller's drawer in one currency and the leaf that holds its cash. Never changes.
 * - `till_session`: one business day of a till, from the opening float to the cash count. A count
 *   that differs from the book leaves the session `closing` until a manager approves the
 *   difference (`approval_id`); at most one session per till is not `closed`. Sessions are kept
 *   for good: a close only moves the status forward.
 */
export class Tills1795342000000 implements MigrationInterface {
  name = 'Tills1795342000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE till (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        id uuid NOT NULL,
        teller_id uuid NOT NULL REFERENCES app_user (id),
        currency char(3) NOT NULL REFERENCES currency (code),
        ledger_account_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, teller_id, currency),
        UNIQUE (cooperative_id, ledger_account_id),
        UNIQUE (cooperative_id, id, teller_id),
        FOREIGN KEY (cooperative_id, ledger_account_id, currency)
          REFERENCES account (cooperative_id, id, currency)
      )`);

    await db.query(`
      CREATE TABLE till_session (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        till_id uuid NOT NULL,
        teller_id uuid NOT NULL,
        business_date date NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closing','closed')),
        opened_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        closed_at timestamptz,
        opening_float numeric NOT NULL CHECK (opening_float >= 0),
        cash_count jsonb CHECK (jsonb_typeof(cash_count) = 'array'),
        counted numeric CHECK (counted >= 0),
        book_balance numeric,
        difference numeric,
        approval_id uuid,
        PRIMARY KEY (cooperative_id, id),
        FOREIGN KEY (cooperative_id, till_id, teller_id) REFERENCES till (cooperative_id, id, teller_id),
        FOREIGN KEY (cooperative_id, approval_id) REFERENCES approval_request (cooperative_id, id),
        CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
        CHECK ((status = 'open') = (cash_count IS NULL)),
        CHECK (num_nulls(cash_count, counted, book_balance, difference) IN (0, 4)),
        CHECK (difference = counted - book_balance),
        CHECK (status <> 'closing' OR (approval_id IS NOT NULL AND difference <> 0))
      )`);
    await db.query(`
      CREATE UNIQUE INDEX till_session_one_live ON till_session (cooperative_id, till_id)
        WHERE status <> 'closed'`);
    await db.query(`
      CREATE INDEX till_session_by_date ON till_session (cooperative_id, business_date, id)`);

    for (const table of ['till', 'till_session']) {
      await db.query(`
        CREATE TRIGGER ${table}_kept BEFORE DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
      await db.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    }
    await db.query(`
      CREATE TRIGGER till_append_only BEFORE UPDATE ON till
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
    // A day's close is final: a session never returns to open, and a closed one never changes.
    await db.query(`
      CREATE FUNCTION till_session_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'closed' OR NEW.status = 'open' AND OLD.status <> 'open' THEN
          RAISE EXCEPTION USING ERRCODE = 'LB003',
            MESSAGE = format('till session %s cannot go from %s to %s', OLD.id, OLD.status, NEW.status);
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER till_session_forward BEFORE UPDATE ON till_session
        FOR EACH ROW EXECUTE FUNCTION till_session_moves_forward()`);

    const grants = [
      `GRANT SELECT, INSERT ON till, till_session TO lumbung_application`,
      `GRANT UPDATE (status, closed_at, cash_count, counted, book_balance, difference, approval_id)
         ON till_session TO lumbung_application`,
    ];
    for (const grant of grants) await db.query(grant);
  }

  async down(): Promise<void> {
    throw new Error('Till records are never rolled back: records are kept (UU 8/1997)');
  }
}
