import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tightens the ledger's guards after the foundation's first measurements and review:
 *
 * - The trigger checks look rows up only by their full keys (correlated subqueries the planner
 *   cannot flatten into joins). With a new cooperative's rows not yet in the statistics, joins
 *   were planned as scans of the whole cooperative per posting row: 120 ms for a 500-entry batch.
 * - A stored balance can only be committed if it is the `balance_after` of its account's posting
 *   at that version (deferred check), and the application role may no longer change floors
 *   outside a migration or move a business date backwards.
 */
export class LedgerGuards1795318000000 implements MigrationInterface {
  name = 'LedgerGuards1795318000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`REVOKE UPDATE (floor) ON ledger_balance FROM lumbung_application`);
    await this.replaceEntryChecks(db);
    await this.replacePostingChecks(db);
    await this.guardStoredBalances(db);
    await this.guardBusinessDate(db);
  }

  private async replaceEntryChecks(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION ledger_check_entries() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        problem text;
      BEGIN
        SELECT x.problem INTO problem FROM (
            SELECT CASE
                WHEN i.txid <> pg_current_xact_id()
                  THEN format('LB002:entry %s carries txid %s, not its own transaction''s', i.id, i.txid)
                WHEN i.posting_date <> c.business_date
                  THEN format('LB009:entry %s: posting date %s is not the business date %s',
                              i.id, i.posting_date, c.business_date)
                WHEN EXISTS (SELECT 1 FROM accounting_period p
                              WHERE p.cooperative_id = i.cooperative_id
                                AND p.month = date_trunc('month', i.value_date)::date
                                AND p.status = 'closed')
                  THEN format('LB005:value date %s falls in %s, a closed month',
                              i.value_date, to_char(i.value_date, 'YYYY-MM'))
                WHEN i.reverses_entry_id IS NOT NULL
                 AND (SELECT o.reverses_entry_id FROM journal_entry o
                       WHERE o.cooperative_id = i.cooperative_id AND o.id = i.reverses_entry_id) IS NOT NULL
                  THEN format('LB008:entry %s reverses %s, which is itself a reversal', i.id, i.reverses_entry_id)
              END AS problem
              FROM inserted i
              CROSS JOIN LATERAL (SELECT business_date FROM cooperative
                                   WHERE id = i.cooperative_id LIMIT 1) c
          ) x
         WHERE x.problem IS NOT NULL LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = left(problem, 5), MESSAGE = substr(problem, 7);
        END IF;
        RETURN NULL;
      END $$`);
  }

  private async replacePostingChecks(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION ledger_check_postings() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        problem text;
      BEGIN
        -- Per entry: created in this transaction, and balanced over all of its postings.
        SELECT x.problem INTO problem FROM (
            SELECT CASE
                WHEN (SELECT txid FROM journal_entry
                       WHERE cooperative_id = t.cooperative_id AND id = t.entry_id) IS DISTINCT FROM pg_current_xact_id()
                  THEN format('LB002:entry %s was not created in this transaction', t.entry_id)
                WHEN EXISTS (SELECT 1 FROM posting p
                              WHERE p.cooperative_id = t.cooperative_id AND p.entry_id = t.entry_id
                              GROUP BY p.currency HAVING sum(p.amount) <> 0)
                  OR (SELECT sum(p.functional_amount) <> 0 OR count(*) < 2 FROM posting p
                       WHERE p.cooperative_id = t.cooperative_id AND p.entry_id = t.entry_id)
                  THEN format('LB001:entry %s does not balance: every currency and the functional amounts must sum to zero over at least two postings', t.entry_id)
              END AS problem
              FROM (SELECT DISTINCT cooperative_id, entry_id FROM inserted) t
          ) x
         WHERE x.problem IS NOT NULL LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = left(problem, 5), MESSAGE = substr(problem, 7);
        END IF;

        -- Per posting: its own fields against its entry, account, currency and cooperative.
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
              CROSS JOIN LATERAL (SELECT value_date FROM journal_entry
                                   WHERE cooperative_id = i.cooperative_id AND id = i.entry_id LIMIT 1) e
              CROSS JOIN LATERAL (SELECT functional_currency FROM cooperative
                                   WHERE id = i.cooperative_id LIMIT 1) c
              CROSS JOIN LATERAL (SELECT minor_units FROM currency WHERE code = i.currency LIMIT 1) cur
              CROSS JOIN LATERAL (SELECT minor_units FROM currency
                                   WHERE code = c.functional_currency LIMIT 1) fcur
              CROSS JOIN LATERAL (SELECT class FROM account
                                   WHERE cooperative_id = i.cooperative_id AND id = i.account_id LIMIT 1) a
          ) x
         WHERE x.reason IS NOT NULL LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = 'LB004', MESSAGE = problem;
        END IF;

        -- Per account: versions without gaps, balances chained, the stored balance last, floors.
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
                WHEN o.previous_version IS NULL AND o.account_version > 1 AND prior.balance_after IS NULL
                  THEN 'account versions have a gap'
                WHEN o.balance_after <> coalesce(o.previous_balance, prior.balance_after, 0) + o.amount
                  THEN 'balance_after does not follow from the previous posting'
                WHEN o.is_last AND (b.version <> o.account_version OR b.balance <> o.balance_after)
                  THEN 'the stored balance does not match the last posting'
                WHEN b.floor IS NOT NULL AND b.normal_sign * o.amount < 0
                 AND b.normal_sign * o.balance_after < b.floor
                  THEN 'the balance would fall below its floor'
              END AS reason
              FROM ordered o
              CROSS JOIN LATERAL (SELECT version, balance, floor, normal_sign FROM ledger_balance
                                   WHERE cooperative_id = o.cooperative_id AND account_id = o.account_id
                                   LIMIT 1) b
              LEFT JOIN LATERAL (SELECT balance_after FROM posting
                                  WHERE o.previous_version IS NULL
                                    AND cooperative_id = o.cooperative_id AND account_id = o.account_id
                                    AND account_version = o.account_version - 1
                                  LIMIT 1) prior ON true
          ) x
         WHERE x.reason IS NOT NULL LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = 'LB006', MESSAGE = problem;
        END IF;
        RETURN NULL;
      END $$`);
  }

  private async guardStoredBalances(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ledger_check_stored_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.version < OLD.version OR NOT EXISTS (
             SELECT 1 FROM posting
              WHERE cooperative_id = NEW.cooperative_id AND account_id = NEW.account_id
                AND account_version = NEW.version AND balance_after = NEW.balance) THEN
          RAISE EXCEPTION USING ERRCODE = 'LB006',
            MESSAGE = format('account %s: stored balance %s at version %s is not the balance after its postings',
                             NEW.account_id, NEW.balance, NEW.version);
        END IF;
        RETURN NULL;
      END $$`);
    // Checked at commit, when every posting of the transaction is in place.
    await db.query(`
      CREATE CONSTRAINT TRIGGER ledger_balance_matches_postings AFTER UPDATE ON ledger_balance
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW
        WHEN (NEW.balance IS DISTINCT FROM OLD.balance OR NEW.version IS DISTINCT FROM OLD.version)
        EXECUTE FUNCTION ledger_check_stored_balance()`);
  }

  private async guardBusinessDate(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ledger_check_business_date() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.business_date < OLD.business_date THEN
          RAISE EXCEPTION USING ERRCODE = 'LB009',
            MESSAGE = format('cooperative %s: the business date never moves backwards (%s to %s)',
                             NEW.code, OLD.business_date, NEW.business_date);
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER cooperative_business_date_forward BEFORE UPDATE OF business_date ON cooperative
        FOR EACH ROW EXECUTE FUNCTION ledger_check_business_date()`);
  }

  async down(): Promise<void> {
    throw new Error('Ledger guards are never rolled back');
  }
}
