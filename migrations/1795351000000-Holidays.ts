import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * A cooperative's holiday calendar: days its office is closed besides Sundays. Due dates that
 * fall on one move to the next open day where a product says so (DESIGN.md section 5: holidays
 * move due dates only; interest still accrues every calendar day). A holiday declared by mistake
 * is withdrawn, never deleted.
 */
export class Holidays1795351000000 implements MigrationInterface {
  name = 'Holidays1795351000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cooperative_holiday (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        holiday date NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        declared_by uuid,
        declared_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        withdrawn_at timestamptz,
        PRIMARY KEY (cooperative_id, holiday)
      )`);
    await keepRecords(db, ['cooperative_holiday'], { appendOnly: false });
    await db.query(`GRANT SELECT, INSERT ON cooperative_holiday TO lumbung_application`);
    await db.query(
      `GRANT UPDATE (name, declared_by, declared_at, withdrawn_at) ON cooperative_holiday TO lumbung_application`,
    );
  }

  async down(): Promise<void> {
    throw new Error('Holiday calendars are never rolled back: records are kept (UU 8/1997)');
  }
}
