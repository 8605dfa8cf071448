import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The write path as one database call (DESIGN.md section 6): `ledger_post_entries` takes a set
 * of entries as arrays and, inside the caller's transaction, takes the business-day lock, the
 * idempotency-key locks and the balance locks in their fixed order, decides every entry's fate
 * after locking (replay, refusal with a reason, or posting), and writes balances, entries and
 * postings set-based. With `p_atomic` one refusal writes nothing; without it, each entry has its
 * own outcome (coalesced requests). The triggers still check everything it writes.
 *
 * Outcomes: posted, replayed, or refused with one of value-date-in-future, period-closed,
 * idempotency-key-reused, invalid-postings (detail lists each line), insufficient-funds.
 */
export class LedgerWritePath1795319000000 implements MigrationInterface {
  name = 'LedgerWritePath1795319000000';

  async up(db: QueryRunner): Promise<void> {
    await this.slimEntryIndexes(db);
    await this.checkPerStatement(db);
    await db.query(`
      CREATE FUNCTION ledger_post_entries(
        p_cooperative uuid,
        p_atomic boolean,
        e_id uuid[], e_value_date date[], e_description text[], e_source_type text[],
        e_source_id text[], e_idempotency_key text[], e_reverses uuid[], e_voucher_series text[],
        e_recorded_by uuid[], e_fingerprint text[],
        p_entry int[], p_account uuid[], p_currency text[], p_amount numeric[],
        p_functional numeric[], p_fx_rate numeric[], p_fx_rate_id uuid[], p_counterparty text[],
        p_agreement uuid[], p_program text[], p_sector text[], p_commodity text[],
        p_region text[], p_memo text[])
      RETURNS TABLE (entry_index int, outcome text, entry_id uuid, problem text, detail jsonb,
                     posting_date date, value_date date, voucher_number bigint,
                     recorded_at timestamptz, balances_after numeric[], versions bigint[])
      LANGUAGE plpgsql AS $fn$
      DECLARE
        n int := coalesce(array_length(e_id, 1), 0);
        m int := coalesce(array_length(p_entry, 1), 0);
        v_lock int;
        v_date date;
        v_status text[] := array_fill('pending'::text, ARRAY[n]);
        v_problem text[] := array_fill(NULL::text, ARRAY[n]);
        v_detail jsonb[] := array_fill(NULL::jsonb, ARRAY[n]);
        v_entry_id uuid[] := e_id;
        v_value_date date[] := array_fill(NULL::date, ARRAY[n]);
        v_voucher bigint[] := array_fill(NULL::bigint, ARRAY[n]);
        v_first int[] := array_fill(0, ARRAY[n]);
        v_last int[] := array_fill(-1, ARRAY[n]);
        v_closed date[];
        acc uuid[]; bal numeric[]; ver bigint[]; ver0 bigint[]; flo numeric[]; sgn int[];
        cur text[]; cls text[];
        pidx int[];
        p_after numeric[] := array_fill(NULL::numeric, ARRAY[m]);
        p_ver bigint[] := array_fill(NULL::bigint, ARRAY[m]);
        lines jsonb;
        breach int;
        i int; j int; k int;
        r record;
        v_series text;
        v_next bigint;
      BEGIN
        SELECT lock_key INTO v_lock FROM cooperative WHERE id = p_cooperative;
        IF NOT FOUND THEN
          RAISE EXCEPTION USING ERRCODE = 'LB010', MESSAGE = format('cooperative %s does not exist', p_cooperative);
        END IF;
        PERFORM pg_advisory_xact_lock_shared(7301, v_lock);
        -- A new statement, so a new snapshot: the date a rollover committed while we waited.
        SELECT business_date INTO v_date FROM cooperative WHERE id = p_cooperative;

        -- Postings arrive grouped by entry, in entry order.
        FOR j IN 1..m LOOP
          i := p_entry[j];
          IF v_first[i] = 0 THEN v_first[i] := j; END IF;
          v_last[i] := j;
        END LOOP;

        -- Value dates: never after the business date, never inside a closed month.
        SELECT array_agg(month) INTO v_closed FROM accounting_period
         WHERE cooperative_id = p_cooperative AND status = 'closed';
        FOR i IN 1..n LOOP
          v_value_date[i] := coalesce(e_value_date[i], v_date);
          IF v_value_date[i] > v_date THEN
            v_status[i] := 'refused'; v_problem[i] := 'value-date-in-future';
            v_detail[i] := jsonb_build_object('businessDate', v_date);
          ELSIF date_trunc('month', v_value_date[i])::date = ANY(coalesce(v_closed, '{}')) THEN
            v_status[i] := 'refused'; v_problem[i] := 'period-closed';
            v_detail[i] := jsonb_build_object('valueDate', v_value_date[i]);
          END IF;
        END LOOP;

        -- Requests sharing a key queue here; once the first commits, the next finds its entry.
        FOR r IN SELECT DISTINCT hashtext(p_cooperative::text || ':' || key) AS h
                   FROM unnest(e_idempotency_key) AS key WHERE key IS NOT NULL ORDER BY 1 LOOP
          PERFORM pg_advisory_xact_lock(7302, r.h);
        END LOOP;
        -- By key only (a join would scan every entry of the cooperative when no key is given).
        FOR r IN SELECT u.i, je.id,
                        (SELECT string_agg(p.account_id || ':' || p.currency || ':' || p.amount, '|' ORDER BY p.line_no)
                           FROM posting p WHERE p.cooperative_id = p_cooperative AND p.entry_id = je.id)
                          || '>' || coalesce(je.reverses_entry_id::text, '') AS fingerprint
                   FROM unnest(e_idempotency_key) WITH ORDINALITY AS u(key, i)
                   CROSS JOIN LATERAL (SELECT j.id, j.reverses_entry_id FROM journal_entry j
                                        WHERE j.cooperative_id = p_cooperative AND j.idempotency_key = u.key
                                        LIMIT 1) je
                  WHERE u.key IS NOT NULL LOOP
          IF r.fingerprint = e_fingerprint[r.i] THEN
            v_status[r.i] := 'replayed'; v_problem[r.i] := NULL; v_detail[r.i] := NULL; v_entry_id[r.i] := r.id;
          ELSIF v_status[r.i] = 'pending' THEN
            v_status[r.i] := 'refused'; v_problem[r.i] := 'idempotency-key-reused';
            v_detail[r.i] := jsonb_build_object('entryId', r.id);
          END IF;
        END LOOP;

        -- Balance rows of every leaf named, locked in account order.
        SELECT array_agg(s.account_id ORDER BY s.account_id), array_agg(s.balance ORDER BY s.account_id),
               array_agg(s.version ORDER BY s.account_id), array_agg(s.floor ORDER BY s.account_id),
               array_agg(s.normal_sign ORDER BY s.account_id), array_agg(s.currency::text ORDER BY s.account_id),
               array_agg(s.class ORDER BY s.account_id)
          INTO acc, bal, ver, flo, sgn, cur, cls
          FROM (SELECT b.account_id, b.balance, b.version, b.floor, b.normal_sign, b.currency,
                       (SELECT a.class FROM account a
                         WHERE a.cooperative_id = b.cooperative_id AND a.id = b.account_id) AS class
                  FROM ledger_balance b
                 WHERE b.cooperative_id = p_cooperative
                   AND b.account_id = ANY(ARRAY(SELECT DISTINCT x FROM unnest(p_account) AS x))
                 ORDER BY b.account_id
                   FOR UPDATE OF b) s;
        ver0 := ver;
        SELECT array_agg(a.pos ORDER BY u.o) INTO pidx
          FROM unnest(p_account) WITH ORDINALITY AS u(id, o)
          LEFT JOIN unnest(acc) WITH ORDINALITY AS a(id, pos) ON a.id = u.id;

        FOR i IN 1..n LOOP
          CONTINUE WHEN v_status[i] <> 'pending';
          lines := '[]'::jsonb;
          FOR j IN v_first[i]..v_last[i] LOOP
            k := pidx[j];
            IF k IS NULL THEN
              lines := lines || jsonb_build_object('line', j - v_first[i], 'field', 'accountId',
                'problem', CASE WHEN EXISTS (SELECT 1 FROM account
                                              WHERE cooperative_id = p_cooperative AND id = p_account[j])
                                THEN 'heading' ELSE 'unknown' END);
            ELSIF cur[k] <> p_currency[j] THEN
              lines := lines || jsonb_build_object('line', j - v_first[i], 'field', 'currency',
                'problem', 'currency', 'accountCurrency', cur[k]);
            ELSIF cls[k] IN ('income', 'expense') AND p_counterparty[j] IS NULL THEN
              lines := lines || jsonb_build_object('line', j - v_first[i], 'field', 'counterpartyClass',
                'problem', 'counterparty');
            END IF;
          END LOOP;
          IF jsonb_array_length(lines) > 0 THEN
            v_status[i] := 'refused'; v_problem[i] := 'invalid-postings'; v_detail[i] := lines;
            CONTINUE;
          END IF;
          -- Floors are decided entry by entry after locking; a breaching entry leaves no trace.
          breach := NULL;
          FOR j IN v_first[i]..v_last[i] LOOP
            k := pidx[j];
            bal[k] := bal[k] + p_amount[j];
            ver[k] := ver[k] + 1;
            p_after[j] := bal[k];
            p_ver[j] := ver[k];
            IF breach IS NULL AND flo[k] IS NOT NULL AND sgn[k] * p_amount[j] < 0
               AND sgn[k] * bal[k] < flo[k] THEN
              breach := j;
            END IF;
          END LOOP;
          IF breach IS NOT NULL THEN
            FOR j IN REVERSE v_last[i]..v_first[i] LOOP
              k := pidx[j];
              bal[k] := bal[k] - p_amount[j];
              ver[k] := ver[k] - 1;
              p_after[j] := NULL;
              p_ver[j] := NULL;
            END LOOP;
            k := pidx[breach];
            v_status[i] := 'refused'; v_problem[i] := 'insufficient-funds';
            -- Amounts leave as text: a JSON number would reach JavaScript as a float.
            v_detail[i] := jsonb_build_object('accountId', acc[k], 'available',
                                              (sgn[k] * bal[k] - flo[k])::text);
            CONTINUE;
          END IF;
          v_status[i] := 'posted';
        END LOOP;

        IF NOT (p_atomic AND 'refused' = ANY(v_status)) THEN
          -- Gap-free voucher numbers per series, in entry order.
          FOR v_series IN SELECT DISTINCT s FROM unnest(e_voucher_series) AS s WHERE s IS NOT NULL ORDER BY 1 LOOP
            SELECT count(*) INTO k FROM generate_series(1, n) AS g
             WHERE v_status[g] = 'posted' AND e_voucher_series[g] = v_series;
            CONTINUE WHEN k = 0;
            INSERT INTO voucher_sequence AS vs (cooperative_id, series, last_number)
            VALUES (p_cooperative, v_series, k)
            ON CONFLICT (cooperative_id, series) DO UPDATE SET last_number = vs.last_number + EXCLUDED.last_number
            RETURNING vs.last_number - k INTO v_next;
            FOR i IN 1..n LOOP
              IF v_status[i] = 'posted' AND e_voucher_series[i] = v_series THEN
                v_next := v_next + 1;
                v_voucher[i] := v_next;
              END IF;
            END LOOP;
          END LOOP;

          -- One statement, so the statement-level triggers check balances, entries and postings together.
          WITH moved AS (
            UPDATE ledger_balance b SET balance = u.balance, version = u.version
              FROM unnest(acc, bal, ver, ver0) AS u(account_id, balance, version, was)
             WHERE b.cooperative_id = p_cooperative AND b.account_id = u.account_id AND u.version <> u.was
          ), new_entries AS (
            INSERT INTO journal_entry (cooperative_id, id, posting_date, value_date, description,
                                       source_type, source_id, idempotency_key, reverses_entry_id,
                                       voucher_series, voucher_number, recorded_by)
            SELECT p_cooperative, u.id, v_date, u.day, u.description, u.source_type, u.source_id,
                   u.idempotency_key, u.reverses, CASE WHEN u.voucher IS NULL THEN NULL ELSE u.series END,
                   u.voucher, u.recorded_by
              FROM unnest(e_id, v_value_date, e_description, e_source_type, e_source_id,
                          e_idempotency_key, e_reverses, e_voucher_series, v_voucher, e_recorded_by, v_status)
                   AS u(id, day, description, source_type, source_id, idempotency_key, reverses, series,
                        voucher, recorded_by, state)
             WHERE u.state = 'posted'
            RETURNING 1
          ), new_postings AS (
            INSERT INTO posting (cooperative_id, entry_id, line_no, account_id, currency, amount,
                                 functional_amount, fx_rate, fx_rate_id, value_date, counterparty_class,
                                 agreement_id, program, sector, commodity, region, memo,
                                 balance_after, account_version)
            SELECT p_cooperative, e.id, u.o - e.first + 1, u.account, u.currency, u.amount, u.functional,
                   u.fx_rate, u.fx_rate_id, e.day, u.counterparty, u.agreement, u.program, u.sector,
                   u.commodity, u.region, u.memo, u.after, u.version
              FROM unnest(p_entry, p_account, p_currency, p_amount, p_functional, p_fx_rate, p_fx_rate_id,
                          p_counterparty, p_agreement, p_program, p_sector, p_commodity, p_region, p_memo,
                          p_after, p_ver) WITH ORDINALITY
                   AS u(entry, account, currency, amount, functional, fx_rate, fx_rate_id, counterparty,
                        agreement, program, sector, commodity, region, memo, after, version, o)
              JOIN unnest(e_id, v_value_date, v_status, v_first) WITH ORDINALITY AS e(id, day, state, first, n)
                ON e.n = u.entry
             WHERE e.state = 'posted'
            RETURNING 1
          )
          SELECT count(*) INTO k FROM new_entries;
        END IF;

        RETURN QUERY
          WITH per_entry AS (
            SELECT u.entry, array_agg(u.after ORDER BY u.o) AS afters, array_agg(u.version ORDER BY u.o) AS vers
              FROM unnest(p_entry, p_after, p_ver) WITH ORDINALITY AS u(entry, after, version, o)
             GROUP BY u.entry)
          SELECT e.n::int, e.state, e.id, e.why, e.info, v_date, e.day, e.voucher, now(),
                 CASE WHEN e.state = 'posted' THEN l.afters END,
                 CASE WHEN e.state = 'posted' THEN l.vers END
            FROM unnest(v_status, v_entry_id, v_problem, v_detail, v_value_date, v_voucher) WITH ORDINALITY
                 AS e(state, id, why, info, day, voucher, n)
            LEFT JOIN per_entry l ON l.entry = e.n
           ORDER BY e.n;
      END $fn$`);
    await db.query(`
      GRANT EXECUTE ON FUNCTION ledger_post_entries(uuid, boolean, uuid[], date[], text[], text[],
        text[], text[], uuid[], text[], uuid[], text[], int[], uuid[], text[], numeric[], numeric[],
        numeric[], uuid[], text[], uuid[], text[], text[], text[], text[], text[])
      TO lumbung_application`);
  }

  /**
   * Most entries carry no idempotency key, reversal or voucher: unique indexes over those columns
   * only where they are set, and none by value date (postings carry it, indexed per account).
   */
  private async slimEntryIndexes(db: QueryRunner): Promise<void> {
    for (const [constraint, index, columns, present] of [
      [
        'journal_entry_cooperative_id_idempotency_key_key',
        'journal_entry_idempotency_key',
        'cooperative_id, idempotency_key',
        'idempotency_key',
      ],
      [
        'journal_entry_cooperative_id_reverses_entry_id_key',
        'journal_entry_reverses_entry_id',
        'cooperative_id, reverses_entry_id',
        'reverses_entry_id',
      ],
      [
        'journal_entry_cooperative_id_voucher_series_voucher_number_key',
        'journal_entry_voucher',
        'cooperative_id, voucher_series, voucher_number',
        'voucher_number',
      ],
    ]) {
      await db.query(`ALTER TABLE journal_entry DROP CONSTRAINT ${constraint}`);
      await db.query(
        `CREATE UNIQUE INDEX ${index} ON journal_entry (${columns}) WHERE ${present} IS NOT NULL`,
      );
    }
    await db.query(`DROP INDEX journal_entry_value_date`);
    await db.query(`DROP INDEX journal_entry_source`);
    await db.query(
      `CREATE INDEX journal_entry_source ON journal_entry (cooperative_id, source_type, source_id) WHERE source_id IS NOT NULL`,
    );
  }

  /**
   * The per-row deferred checks of LedgerGuards cost a trigger call per entry and per balance at
   * commit (half the time of a small call). Entries, postings and balances are written in one
   * statement, so statement-level checks at its end see them all, for a set-based query each.
   */
  private async checkPerStatement(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER journal_entry_has_postings ON journal_entry`);
    await db.query(`DROP FUNCTION ledger_check_entry_has_postings()`);
    await db.query(`DROP TRIGGER ledger_balance_matches_postings ON ledger_balance`);
    await db.query(`DROP FUNCTION ledger_check_stored_balance()`);
    await db.query(`
      CREATE FUNCTION ledger_check_stored_balances() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        problem text;
      BEGIN
        SELECT format('account %s: stored balance %s at version %s is not the balance after its postings',
                      a.account_id, a.balance, a.version)
          INTO problem
          FROM after_update a
          JOIN before_update b ON b.cooperative_id = a.cooperative_id AND b.account_id = a.account_id
         WHERE (a.balance IS DISTINCT FROM b.balance OR a.version IS DISTINCT FROM b.version)
           AND (a.version < b.version
                OR (SELECT p.balance_after FROM posting p
                     WHERE p.cooperative_id = a.cooperative_id AND p.account_id = a.account_id
                       AND p.account_version = a.version) IS DISTINCT FROM a.balance)
         LIMIT 1;
        IF problem IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = 'LB006', MESSAGE = problem;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER ledger_balance_matches_postings AFTER UPDATE ON ledger_balance
        REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_stored_balances()`);
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
                WHEN NOT EXISTS (SELECT 1 FROM posting p
                                  WHERE p.cooperative_id = i.cooperative_id AND p.entry_id = i.id)
                  THEN format('LB007:entry %s has no postings: an entry and its postings are one statement', i.id)
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

  async down(): Promise<void> {
    throw new Error('The ledger write path is never rolled back');
  }
}
