import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Going live, second landing (issue 12, item 1): a cut-over also brings the loans still owed, in
 * their own opening entry; the cut-over row counts them and names that entry. Cut-overs made
 * before had none.
 */
export class CutoverLoans1795370500000 implements MigrationInterface {
  name = 'CutoverLoans1795370500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE cutover
        ADD COLUMN loans integer NOT NULL DEFAULT 0 CHECK (loans >= 0),
        ADD COLUMN loans_entry_id uuid`);
  }

  async down(): Promise<void> {
    throw new Error('Cut-overs are never rolled back: records are kept (UU 8/1997)');
  }
}
