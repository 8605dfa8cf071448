import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cooperative's cash unit (e.g. Rp100): cash handed over the counter is the amount rounded
 * to it, and the difference posts to 5-9102 Selisih Pembulatan. Null: cash to the minor unit.
 */
export class CashRounding1795346000000 implements MigrationInterface {
  name = 'CashRounding1795346000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE savings_settings
        ADD COLUMN cash_rounding_unit numeric CHECK (cash_rounding_unit > 0)`);
    await db.query(`GRANT UPDATE (cash_rounding_unit) ON savings_settings TO lumbung_application`);
    await db.query(`ALTER TABLE savings_transaction ADD COLUMN cash_amount numeric`);
  }

  async down(): Promise<void> {
    throw new Error('Settings history is never rolled back: records are kept (UU 8/1997)');
  }
}
