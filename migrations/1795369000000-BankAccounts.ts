import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * The cooperative's bank accounts and their statements (issue 12, item 3).
 *
 * - `bank_account`: a bank account (bank, number, holder name) and its ledger leaf under the
 *   bank heading `1-12`: the chart's `1-1201` or a leaf opened for it.
 * - `bank_statement_import`: one file imported, by whom, how many lines it had and added.
 * - `bank_statement_line`: each line as the bank printed it, once: a line is named by its date,
 *   amount, reference, description and its occurrence among identical lines of its file, so a
 *   statement imported again, or an overlapping one, adds only what is new.
 * - `bank_statement_match`: a line paired with one posting of the bank leaf (named by account
 *   and version, without a foreign key to postings, as every table keeps entries: a key would
 *   turn the ledger's TRUNCATE refusal into PostgreSQL's), one to one both ways.
 * All append-only.
 */
export class BankAccounts1795369000000 implements MigrationInterface {
  name = 'BankAccounts1795369000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE bank_account (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        ledger_account_id uuid NOT NULL,
        bank_name text NOT NULL CHECK (length(bank_name) BETWEEN 1 AND 100),
        account_number text NOT NULL CHECK (account_number ~ '^[0-9A-Za-z.-]{1,40}$'),
        account_name text NOT NULL CHECK (length(account_name) BETWEEN 1 AND 200),
        currency char(3) NOT NULL,
        opened_by uuid NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, ledger_account_id),
        UNIQUE (cooperative_id, bank_name, account_number),
        FOREIGN KEY (cooperative_id, ledger_account_id, currency)
          REFERENCES account (cooperative_id, id, currency)
      )`);
    await db.query(`
      CREATE TABLE bank_statement_import (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        bank_account_id uuid NOT NULL,
        lines_in_file int NOT NULL CHECK (lines_in_file > 0),
        lines_added int NOT NULL CHECK (lines_added BETWEEN 0 AND lines_in_file),
        imported_by uuid NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        FOREIGN KEY (cooperative_id, bank_account_id) REFERENCES bank_account (cooperative_id, id)
      )`);
    await db.query(`
      CREATE TABLE bank_statement_line (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        bank_account_id uuid NOT NULL,
        import_id uuid NOT NULL,
        value_date date NOT NULL,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        amount numeric NOT NULL CHECK (amount <> 0),
        reference text NOT NULL CHECK (length(reference) <= 100),
        running_balance numeric,
        occurrence int NOT NULL CHECK (occurrence >= 1),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, bank_account_id, value_date, amount, reference, description,
                occurrence),
        FOREIGN KEY (cooperative_id, bank_account_id) REFERENCES bank_account (cooperative_id, id),
        FOREIGN KEY (cooperative_id, import_id) REFERENCES bank_statement_import (cooperative_id, id)
      )`);
    await db.query(`
      CREATE INDEX bank_statement_line_date
        ON bank_statement_line (cooperative_id, bank_account_id, value_date)`);
    await db.query(`
      CREATE TABLE bank_statement_match (
        cooperative_id uuid NOT NULL,
        statement_line_id uuid NOT NULL,
        bank_account_id uuid NOT NULL,
        account_id uuid NOT NULL,
        account_version bigint NOT NULL,
        by_reference boolean NOT NULL,
        matched_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, statement_line_id),
        UNIQUE (cooperative_id, account_id, account_version),
        FOREIGN KEY (cooperative_id, statement_line_id)
          REFERENCES bank_statement_line (cooperative_id, id)
      )`);
    const tables = [
      'bank_account',
      'bank_statement_import',
      'bank_statement_line',
      'bank_statement_match',
    ];
    await keepRecords(db, tables, { appendOnly: true });
    for (const table of tables) {
      await db.query(`GRANT SELECT, INSERT ON ${table} TO lumbung_application`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Bank records are never rolled back: records are kept (UU 8/1997)');
  }
}
