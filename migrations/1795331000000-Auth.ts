import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, their role grants per cooperative, and login sessions (issue 4).
 *
 * - `app_user` and `auth_session` are platform tables: a person may work for several
 *   cooperatives (a manager in Kupang auditing Dili), so users lead with their own id. Users are
 *   never deleted (records are kept); leaving staff are disabled.
 * - `role_grant` is a tenant table: the platform `admin` role lives under the nil cooperative id
 *   (the audit log's platform scope), so there is no foreign key to `cooperative`; the grant
 *   executor checks the cooperative exists. A grant row exists only once a second person
 *   confirmed it through the approvals engine (or an operator created it with the CLI); it is
 *   ended by setting `revoked_at`, never deleted or rewritten.
 * - A session row holds the hash of its current refresh token and of the one it replaced, so a
 *   replayed (stolen) refresh token is recognised and ends the session.
 */
export class Auth1795331000000 implements MigrationInterface {
  name = 'Auth1795331000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        disabled_at timestamptz,
        CHECK (disabled = (disabled_at IS NOT NULL))
      )`);

    await db.query(`
      CREATE TABLE role_grant (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user (id),
        role text NOT NULL CHECK (role IN ('teller','manager','supervisor','auditor','admin')),
        valid_until timestamptz,
        granted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        requested_by uuid,
        confirmed_by uuid,
        approval_id uuid,
        revoked_at timestamptz,
        revoked_by uuid,
        PRIMARY KEY (cooperative_id, id),
        CHECK ((role = 'admin') = (cooperative_id = '00000000-0000-0000-0000-000000000000')),
        CHECK (role <> 'auditor' OR valid_until IS NOT NULL),
        CHECK (user_id IS DISTINCT FROM requested_by AND user_id IS DISTINCT FROM confirmed_by)
      )`);
    await db.query(`
      CREATE UNIQUE INDEX role_grant_one_live ON role_grant (cooperative_id, user_id, role)
        WHERE revoked_at IS NULL`);
    await db.query(`CREATE INDEX role_grant_user ON role_grant (user_id) WHERE revoked_at IS NULL`);
    await db.query(`
      CREATE FUNCTION auth_guard_role_grant() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL
           AND (to_jsonb(NEW) - 'revoked_at' - 'revoked_by') = (to_jsonb(OLD) - 'revoked_at' - 'revoked_by')
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'LB003',
          MESSAGE = format('role grants are ended by revoking them: %s refused', TG_OP);
      END $$`);
    await db.query(`
      CREATE TRIGGER role_grant_revoke_only BEFORE UPDATE OR DELETE ON role_grant
        FOR EACH ROW EXECUTE FUNCTION auth_guard_role_grant()`);
    await db.query(`
      CREATE TRIGGER role_grant_no_truncate BEFORE TRUNCATE ON role_grant
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    await db.query(`
      CREATE TRIGGER app_user_no_delete BEFORE DELETE ON app_user
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
    await db.query(`
      CREATE TRIGGER app_user_no_truncate BEFORE TRUNCATE ON app_user
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);

    await db.query(`
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user (id),
        refresh_hash bytea NOT NULL UNIQUE,
        previous_refresh_hash bytea UNIQUE,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        refreshed_at timestamptz,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX auth_session_user ON auth_session (user_id)`);

    const grants = [
      `GRANT SELECT, INSERT ON app_user TO lumbung_application`,
      `GRANT UPDATE (display_name, password_hash, disabled, disabled_at) ON app_user TO lumbung_application`,
      `GRANT SELECT, INSERT ON role_grant TO lumbung_application`,
      `GRANT UPDATE (revoked_at, revoked_by) ON role_grant TO lumbung_application`,
      `GRANT SELECT, INSERT ON auth_session TO lumbung_application`,
      `GRANT UPDATE (refresh_hash, previous_refresh_hash, refreshed_at, revoked_at) ON auth_session TO lumbung_application`,
    ];
    for (const grant of grants) await db.query(grant);
  }

  async down(): Promise<void> {
    throw new Error('Users and their grants are never rolled back: records are kept (UU 8/1997)');
  }
}
