import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * Going live (issue 12, item 1): one row per cooperative that opened its books from CSV files
 * (libs/onboarding). The primary key is what refuses a second commit, of the same files or any
 * others: a cooperative goes live once. The row names the cut-over date, the SHA-256 of the file
 * set, what was imported and the opening entries posted per area; it is never changed. The
 * entry ids carry no foreign key, as no table's does: one would stand in the way of the guard
 * that refuses TRUNCATE of journal entries even to the owner.
 */
export class Cutover1795370000000 implements MigrationInterface {
  name = 'Cutover1795370000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cutover (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        cutover_date date NOT NULL CHECK (extract(day FROM cutover_date) = 1),
        files_sha256 text NOT NULL CHECK (files_sha256 ~ '^[0-9a-f]{64}$'),
        members integer NOT NULL CHECK (members >= 0),
        savings_accounts integer NOT NULL CHECK (savings_accounts >= 0),
        gl_lines integer NOT NULL CHECK (gl_lines >= 0),
        savings_entry_id uuid,
        gl_entry_id uuid,
        committed_by uuid,
        committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id)
      )`);
    await keepRecords(db, ['cutover'], { appendOnly: true });
    await db.query(`GRANT SELECT, INSERT ON cutover TO lumbung_application`);
  }

  async down(): Promise<void> {
    throw new Error('Cut-overs are never rolled back: records are kept (UU 8/1997)');
  }
}
