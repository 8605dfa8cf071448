import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members of a cooperative (anggota), issue 5.
 *
 * - `member`: one row per member, never deleted (records are kept, UU 8/1997): exit and death
 *   are statuses. The identity number is stored normalised (digits only for NIK, MyKad and
 *   IDU), so one document registers once per cooperative. Only contact details, status and
 *   related-party flags change; name, birth date and document do not.
 * - `member_number_sequence`: the last member number per cooperative. Registration increments
 *   it in its own transaction, so the row lock queues concurrent registrations and a rolled-back
 *   one returns its number: numbers are gap-free.
 * - `member_business_profile`: the member's micro or small business, replaced as a whole.
 *
 * Name search is case-insensitive on `lower(full_name)`; the text_pattern_ops index serves
 * prefix patterns without any extension.
 */
export class Members1795340000000 implements MigrationInterface {
  name = 'Members1795340000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE member_number_sequence (
        cooperative_id uuid PRIMARY KEY REFERENCES cooperative (id),
        last_number bigint NOT NULL CHECK (last_number > 0)
      )`);

    await db.query(`
      CREATE TABLE member (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        id uuid NOT NULL,
        member_number text NOT NULL CHECK (member_number ~ '^[0-9]{6,}$'),
        full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
        birth_date date,
        sex text CHECK (sex IN ('female','male')),
        identity_type text NOT NULL
          CHECK (identity_type IN ('nik','mykad','tl-idu','tl-bilhete','tl-electoral')),
        identity_number text NOT NULL CHECK (CASE identity_type
          WHEN 'nik' THEN identity_number ~ '^[0-9]{16}$'
          WHEN 'mykad' THEN identity_number ~ '^[0-9]{12}$'
          WHEN 'tl-idu' THEN identity_number ~ '^[0-9]{10}$'
          ELSE length(identity_number) BETWEEN 1 AND 40 AND identity_number = btrim(identity_number)
        END),
        phone text CHECK (phone ~ '^\\+?[0-9]{6,15}$'),
        address text CHECK (length(address) BETWEEN 1 AND 500),
        join_date date NOT NULL,
        status text NOT NULL DEFAULT 'applicant'
          CHECK (status IN ('applicant','active','dormant','exited','deceased')),
        related_party text[] NOT NULL DEFAULT '{}'
          CHECK (related_party <@ ARRAY['board','supervisor','staff','family']),
        related_member_id uuid,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, member_number),
        CONSTRAINT member_identity_unique UNIQUE (cooperative_id, identity_type, identity_number),
        FOREIGN KEY (cooperative_id, related_member_id) REFERENCES member (cooperative_id, id),
        CHECK (('family' = ANY (related_party)) = (related_member_id IS NOT NULL)),
        CHECK (related_member_id <> id)
      )`);
    // Pages go by member number as a number: (length, text) orders 999999 before 1000000.
    await db.query(`
      CREATE INDEX member_by_number ON member (cooperative_id, length(member_number), member_number)`);
    await db.query(`
      CREATE INDEX member_by_name ON member (cooperative_id, lower(full_name) text_pattern_ops)`);

    await db.query(`
      CREATE TABLE member_business_profile (
        cooperative_id uuid NOT NULL,
        member_id uuid NOT NULL,
        sector text NOT NULL CHECK (sector IN ('agriculture','fisheries','trade','processing')),
        commodity text CHECK (commodity ~ '^[a-z0-9][a-z0-9 -]{0,59}$'),
        province char(2) CHECK (province ~ '^[0-9]{2}$'),
        country char(2) CHECK (country ~ '^[A-Z]{2}$'),
        export_oriented boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, member_id),
        FOREIGN KEY (cooperative_id, member_id) REFERENCES member (cooperative_id, id),
        CHECK (province IS NULL OR country = 'ID')
      )`);

    for (const table of ['member', 'member_business_profile', 'member_number_sequence']) {
      await db.query(`
        CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
      await db.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    }

    const grants = [
      `GRANT SELECT, INSERT ON member TO lumbung_application`,
      `GRANT UPDATE (phone, address, status, related_party, related_member_id, updated_at)
         ON member TO lumbung_application`,
      `GRANT SELECT, INSERT ON member_business_profile TO lumbung_application`,
      `GRANT UPDATE (sector, commodity, province, country, export_oriented, updated_at)
         ON member_business_profile TO lumbung_application`,
      `GRANT SELECT, INSERT ON member_number_sequence TO lumbung_application`,
      `GRANT UPDATE (last_number) ON member_number_sequence TO lumbung_application`,
    ];
    for (const grant of grants) await db.query(grant);
  }

  async down(): Promise<void> {
    throw new Error('Members are never rolled back: records are kept (UU 8/1997)');
  }
}
