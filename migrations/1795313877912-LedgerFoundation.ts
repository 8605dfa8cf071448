import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger of DESIGN.md section 3: cooperatives, chart, balances, entries and postings,
 * idempotency, periods, vouchers and the audit log, with the database enforcing what the code
 * also checks (balanced entries, append-only rows, chained balances, closed months).
 *
 * Custom SQLSTATEs (class LB) let the application map a refusal to a problem type:
 * LB001 unbalanced entry, LB002 posting outside its entry's transaction, LB003 append-only,
 * LB004 invalid posting, LB005 closed period, LB006 broken balance chain or floor,
 * LB007 entry without postings, LB008 invalid reversal, LB009 posting date not the business date.
 */
export class LedgerFoundation1795313877912 implements MigrationInterface {
  name = 'LedgerFoundation1795313877912';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        CREATE ROLE lumbung_application NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await db.query(`
      DO $$ BEGIN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO lumbung_application', current_database());
      END $$`);
    await db.query(`GRANT USAGE ON SCHEMA public TO lumbung_application`);
    await db.query(`GRANT SELECT ON schema_migration TO lumbung_application`);

    await db.query(`
      CREATE TABLE currency (
        code char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
        minor_units smallint NOT NULL CHECK (minor_units BETWEEN 0 AND 4),
        name text NOT NULL
      )`);
    await db.query(`
      INSERT INTO currency (code, minor_units, name) VALUES
        ('IDR', 2, 'Indonesian rupiah'), ('USD', 2, 'US dollar'), ('MYR', 2, 'Malaysian ringgit'),
        ('SGD', 2, 'Singapore dollar'), ('BND', 2, 'Brunei dollar'), ('PHP', 2, 'Philippine peso'),
        ('THB', 2, 'Thai baht'), ('AUD', 2, 'Australian dollar'), ('EUR', 2, 'Euro'),
        ('CNY', 2, 'Yuan renminbi'), ('JPY', 0, 'Yen'), ('KRW', 0, 'Won'),
        ('KWD', 3, 'Kuwaiti dinar')`);

    await db.query(`
      CREATE TABLE cooperative (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        time_zone text NOT NULL,
        functional_currency char(3) NOT NULL REFERENCES currency (code),
        business_date date NOT NULL,
        lock_key integer GENERATED ALWAYS AS IDENTITY UNIQUE,
        rounding_unit numeric NOT NULL DEFAULT 1 CHECK (rounding_unit > 0),
        rounding_mode text NOT NULL DEFAULT 'half-up'
          CHECK (rounding_mode IN ('half-up','half-even','half-down','up','down','ceiling','floor')),
        chart_template text NOT NULL,
        chart_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE account (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        id uuid NOT NULL,
        code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        class text NOT NULL
          CHECK (class IN ('asset','liability','equity','income','expense','memorandum')),
        normal_side text NOT NULL CHECK (normal_side IN ('debit','credit')),
        parent_id uuid,
        is_leaf boolean NOT NULL,
        currency char(3) REFERENCES currency (code),
        holder text NOT NULL DEFAULT 'general' CHECK (holder IN ('general','member')),
        template_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, code),
        UNIQUE (cooperative_id, template_key),
        UNIQUE (cooperative_id, id, currency),
        FOREIGN KEY (cooperative_id, parent_id) REFERENCES account (cooperative_id, id),
        CHECK (is_leaf = (currency IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX account_parent ON account (cooperative_id, parent_id)`);
    // A parent must be a heading: postings go to leaves only, so a leaf never gains children.
    await db.query(`
      CREATE FUNCTION ledger_check_account_parent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.parent_id IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM account
           WHERE cooperative_id = NEW.cooperative_id AND id = NEW.parent_id AND NOT is_leaf
             AND class = NEW.class) THEN
          RAISE EXCEPTION USING ERRCODE = 'LB004',
            MESSAGE = format('account %s: parent %s must be a heading of the same class', NEW.code, NEW.parent_id);
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER account_parent_is_heading BEFORE INSERT ON account
        FOR EACH ROW EXECUTE FUNCTION ledger_check_account_parent()`);

    await db.query(`
      CREATE TABLE ledger_balance (
        cooperative_id uuid NOT NULL,
        account_id uuid NOT NULL,
        currency char(3) NOT NULL,
        normal_sign smallint NOT NULL CHECK (normal_sign IN (-1, 1)),
        floor numeric,
        balance numeric NOT NULL DEFAULT 0,
        version bigint NOT NULL DEFAULT 0 CHECK (version >= 0),
        PRIMARY KEY (cooperative_id, account_id),
        FOREIGN KEY (cooperative_id, account_id, currency)
          REFERENCES account (cooperative_id, id, currency)
      )`);

    await db.query(`
      CREATE TABLE journal_entry (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        id uuid NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        posting_date date NOT NULL,
        value_date date NOT NULL,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        source_type text NOT NULL CHECK (source_type ~ '^[a-z][a-z0-9_.-]{0,63}$'),
        source_id text,
        idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        reverses_entry_id uuid,
        voucher_series text,
        voucher_number bigint CHECK (voucher_number > 0),
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, idempotency_key),
        UNIQUE (cooperative_id, reverses_entry_id),
        UNIQUE (cooperative_id, voucher_series, voucher_number),
        FOREIGN KEY (cooperative_id, reverses_entry_id) REFERENCES journal_entry (cooperative_id, id),
        CHECK ((voucher_series IS NULL) = (voucher_number IS NULL)),
        CHECK (value_date <= posting_date),
        CHECK (reverses_entry_id IS DISTINCT FROM id)
      )`);
    await db.query(`CREATE INDEX journal_entry_txid ON journal_entry (cooperative_id, txid, id)`);
    await db.query(
      `CREATE INDEX journal_entry_source ON journal_entry (cooperative_id, source_type, source_id)`,
    );
    await db.query(
      `CREATE INDEX journal_entry_value_date ON journal_entry (cooperative_id, value_date)`,
    );

    await db.query(`
      CREATE TABLE posting (
        cooperative_id uuid NOT NULL,
        entry_id uuid NOT NULL,
        line_no smallint NOT NULL CHECK (line_no >= 1),
        account_id uuid NOT NULL,
        currency char(3) NOT NULL,
        amount numeric NOT NULL CHECK (amount <> 0),
        functional_amount numeric NOT NULL,
        fx_rate numeric CHECK (fx_rate > 0),
        fx_rate_id uuid,
        value_date date NOT NULL,
        counterparty_class text
          CHECK (counterparty_class IN ('member','non_member','partner_cooperative')),
        agreement_id uuid,
        program text,
        sector text,
        commodity text,
        region text,
        memo text CHECK (length(memo) <= 500),
        balance_after numeric NOT NULL,
        account_version bigint NOT NULL CHECK (account_version >= 1),
        PRIMARY KEY (cooperative_id, entry_id, line_no),
        UNIQUE (cooperative_id, account_id, account_version),
        FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entry (cooperative_id, id),
        FOREIGN KEY (cooperative_id, account_id, currency)
          REFERENCES account (cooperative_id, id, currency),
        CHECK (functional_amount = 0 OR sign(functional_amount) = sign(amount)),
        CHECK (fx_rate_id IS NULL OR fx_rate IS NOT NULL)
      )`);
    await db.query(
      `CREATE INDEX posting_account_value_date ON posting (cooperative_id, account_id, value_date)`,
    );
    await db.query(`CREATE INDEX posting_value_date ON posting (cooperative_id, value_date)`);

    await db.query(`
      CREATE TABLE idempotency_key (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash text NOT NULL,
        response_status smallint,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cooperative_id, key)
      )`);

    await db.query(`
      CREATE TABLE accounting_period (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        status text NOT NULL CHECK (status IN ('open','closed')),
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by uuid,
        PRIMARY KEY (cooperative_id, month)
      )`);

    await db.query(`
      CREATE TABLE voucher_sequence (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        series text NOT NULL,
        last_number bigint NOT NULL CHECK (last_number > 0),
        PRIMARY KEY (cooperative_id, series)
      )`);

    await db.query(`
      CREATE TABLE audit_log (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid,
        request_id text,
        action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.-]{0,99}$'),
        target_type text,
        target_id text,
        before jsonb,
        after jsonb,
        reason text,
        PRIMARY KEY (cooperative_id, id)
      )`);
    await db.query(`CREATE INDEX audit_log_time ON audit_log (cooperative_id, occurred_at)`);
    await db.query(
      `CREATE INDEX audit_log_target ON audit_log (cooperative_id, target_type, target_id)`,
    );

    await this.createAppendOnlyGuards(db);
    await this.createEntryChecks(db);
    await this.createPostingChecks(db);
    await this.grantApplication(db);
  }

  private async createAppendOnlyGuards(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION USING ERRCODE = 'LB003',
          MESSAGE = format('%s is append-only: %s refused', TG_TABLE_NAME, TG_OP);
      END $$`);
    for (const table of ['journal_entry', 'posting', 'audit_log']) {
      await db.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
      await db.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    }
  }

  private async createEntryChecks(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ledger_check_entries() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        problem text;
      BEGIN
        SELECT format('entry %s carries txid %s, not its own transaction''s', i.id, i.txid)
          INTO problem FROM inserted i WHERE i.txid <> pg_current_xact_id() LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = 'LB002', MESSAGE = problem;
        END IF;

        SELECT format('entry %s: posting date %s is not the business date %s',
                      i.id, i.posting_date, c.business_date)
          INTO problem FROM inserted i JOIN cooperative c ON c.id = i.cooperative_id
         WHERE i.posting_date <> c.business_date LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = 'LB009', MESSAGE = problem;
        END IF;

        SELECT format('value date %s falls in %s, a closed month', i.value_date, to_char(p.month, 'YYYY-MM'))
          INTO problem FROM inserted i
          JOIN accounting_period p ON p.cooperative_id = i.cooperative_id
           AND p.month = date_trunc('month', i.value_date)::date AND p.status = 'closed'
         LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = 'LB005', MESSAGE = problem;
        END IF;

        SELECT format('entry %s reverses %s, which is itself a reversal', i.id, o.id)
          INTO problem FROM inserted i
          JOIN journal_entry o ON o.cooperative_id = i.cooperative_id AND o.id = i.reverses_entry_id
         WHERE o.reverses_entry_id IS NOT NULL LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = 'LB008', MESSAGE = problem;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER journal_entry_checks AFTER INSERT ON journal_entry
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_entries()`);

    await db.query(`
      CREATE FUNCTION ledger_check_entry_has_postings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM posting
                        WHERE cooperative_id = NEW.cooperative_id AND entry_id = NEW.id) THEN
          RAISE EXCEPTION USING ERRCODE = 'LB007',
            MESSAGE = format('entry %s has no postings', NEW.id);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER journal_entry_has_postings AFTER INSERT ON journal_entry
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_has_postings()`);
  }

  private async createPostingChecks(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ledger_check_postings() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        problem text;
      BEGIN
        SELECT format('entry %s was not created in this transaction', i.entry_id)
          INTO problem FROM inserted i
          JOIN journal_entry e ON e.cooperative_id = i.cooperative_id AND e.id = i.entry_id
         WHERE e.txid <> pg_current_xact_id() LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = 'LB002', MESSAGE = problem;
        END IF;

        SELECT format('posting %s/%s: %s', x.entry_id, x.line_no, x.reason) INTO problem
          FROM (
            SELECT i.entry_id, i.line_no, CASE
                WHEN i.value_date <> e.value_date THEN 'value date differs from its entry'
                WHEN i.amount <> round(i.amount, cur.minor_units)
                  THEN 'amount has more decimals than its currency allows'
                WHEN i.functional_amount <> round(i.functional_amount, fcur.minor_units)
                  THEN 'functional amount has more decimals than the functional currency allows'
                WHEN i.currency = c.functional_currency
                 AND (i.functional_amount <> i.amount OR i.fx_rate IS NOT NULL)
                  THEN 'a functional-currency posting carries its own amount and no FX rate'
                WHEN i.currency <> c.functional_currency AND i.fx_rate IS NULL
                  THEN 'a foreign-currency posting needs the FX rate it used'
                WHEN a.class IN ('income','expense') AND i.counterparty_class IS NULL
                  THEN 'income and expense postings need a counterparty class'
              END AS reason
              FROM inserted i
              JOIN journal_entry e ON e.cooperative_id = i.cooperative_id AND e.id = i.entry_id
              JOIN cooperative c ON c.id = i.cooperative_id
              JOIN currency cur ON cur.code = i.currency
              JOIN currency fcur ON fcur.code = c.functional_currency
              JOIN account a ON a.cooperative_id = i.cooperative_id AND a.id = i.account_id
          ) x
         WHERE x.reason IS NOT NULL LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = 'LB004', MESSAGE = problem;
        END IF;

        WITH touched AS (SELECT DISTINCT cooperative_id, entry_id FROM inserted),
        per_currency AS (
          SELECT p.cooperative_id, p.entry_id, p.currency, sum(p.amount) AS total,
                 sum(p.functional_amount) AS functional_total, count(*) AS lines
            FROM posting p
            JOIN touched t ON t.cooperative_id = p.cooperative_id AND t.entry_id = p.entry_id
           GROUP BY p.cooperative_id, p.entry_id, p.currency)
        SELECT format('entry %s does not balance: every currency and the functional amounts must sum to zero over at least two postings', entry_id)
          INTO problem FROM per_currency
         GROUP BY cooperative_id, entry_id
        HAVING bool_or(total <> 0) OR sum(functional_total) <> 0 OR sum(lines) < 2
         LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = 'LB001', MESSAGE = problem;
        END IF;

        WITH ordered AS (
          SELECT i.cooperative_id, i.account_id, i.amount, i.balance_after, i.account_version,
                 lag(i.account_version) OVER w AS previous_version,
                 lag(i.balance_after) OVER w AS previous_balance,
                 lead(i.account_version) OVER w IS NULL AS is_last
            FROM inserted i
          WINDOW w AS (PARTITION BY i.cooperative_id, i.account_id ORDER BY i.account_version))
        SELECT format('account %s version %s: %s', x.account_id, x.account_version, x.reason)
          INTO problem FROM (
            SELECT o.account_id, o.account_version, CASE
                WHEN o.previous_version IS NOT NULL AND o.account_version <> o.previous_version + 1
                  THEN 'account versions have a gap'
                WHEN o.balance_after <> coalesce(o.previous_balance, prior.balance_after, 0) + o.amount
                  THEN 'balance_after does not follow from the previous posting'
                WHEN o.previous_version IS NULL AND o.account_version > 1 AND prior.account_id IS NULL
                  THEN 'account versions have a gap'
                WHEN o.is_last AND (b.version <> o.account_version OR b.balance <> o.balance_after)
                  THEN 'the stored balance does not match the last posting'
                WHEN b.floor IS NOT NULL AND b.normal_sign * o.amount < 0
                 AND b.normal_sign * o.balance_after < b.floor
                  THEN 'the balance would fall below its floor'
              END AS reason
              FROM ordered o
              JOIN ledger_balance b ON b.cooperative_id = o.cooperative_id AND b.account_id = o.account_id
              LEFT JOIN posting prior ON o.previous_version IS NULL
               AND prior.cooperative_id = o.cooperative_id AND prior.account_id = o.account_id
               AND prior.account_version = o.account_version - 1
          ) x
         WHERE x.reason IS NOT NULL LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = 'LB006', MESSAGE = problem;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER posting_checks AFTER INSERT ON posting
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_postings()`);
  }

  private async grantApplication(db: QueryRunner): Promise<void> {
    const grants = [
      `GRANT SELECT ON currency TO lumbung_application`,
      `GRANT SELECT, INSERT ON cooperative TO lumbung_application`,
      `GRANT UPDATE (business_date, chart_version) ON cooperative TO lumbung_application`,
      `GRANT SELECT, INSERT ON account TO lumbung_application`,
      `GRANT SELECT, INSERT ON ledger_balance TO lumbung_application`,
      `GRANT UPDATE (balance, version, floor) ON ledger_balance TO lumbung_application`,
      `GRANT SELECT, INSERT ON journal_entry, posting, audit_log TO lumbung_application`,
      `GRANT SELECT, INSERT ON idempotency_key TO lumbung_application`,
      `GRANT UPDATE (response_status, response_body) ON idempotency_key TO lumbung_application`,
      `GRANT SELECT, INSERT ON accounting_period TO lumbung_application`,
      `GRANT UPDATE (status, changed_at, changed_by) ON accounting_period TO lumbung_application`,
      `GRANT SELECT, INSERT ON voucher_sequence TO lumbung_application`,
      `GRANT UPDATE (last_number) ON voucher_sequence TO lumbung_application`,
    ];
    for (const grant of grants) await db.query(grant);
  }

  async down(): Promise<void> {
    throw new Error('The ledger foundation is never rolled back: records are kept (UU 8/1997)');
  }
}
