import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepRecords } from './support/records-kept';

/**
 * Cross-border financing, first landing (issue 9): partner cooperatives abroad, cooperation
 * agreements, FX rates, exposure limits and facility requests with their approval.
 *
 * - `partner_cooperative`: a cooperative abroad a cooperative lends to (the closed loop: never
 *   an individual). Country, registry number and functional currency never change.
 * - `cooperation_agreement`: with one partner, its period, renewal and programs (financing,
 *   training, shared production house...) with their commodities, as JSON.
 * - `fx_rate`: one rate per pair and day (counting the inverse pair), NUMERIC(20,10), entered or
 *   imported through an approved `cross-border.fx-rates.set` request, never changed: postings
 *   name the rate they used by `fx_rate_id`.
 * - `exposure_limit`: per partner or per country, in the functional currency.
 * - `cross_border_settings`: the supervisor threshold for facilities.
 * - `cross_border_facility`: a facility from request through its approval; drawdowns,
 *   repayments and revaluation come in a later landing.
 */
export class CrossBorder1795360000000 implements MigrationInterface {
  name = 'CrossBorder1795360000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE partner_cooperative (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        id uuid NOT NULL,
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 200),
        registry_number text NOT NULL CHECK (length(registry_number) BETWEEN 1 AND 100),
        functional_currency char(3) NOT NULL REFERENCES currency (code),
        officers jsonb NOT NULL CHECK (jsonb_typeof(officers) = 'array'),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','closed')),
        related_party boolean NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, country, registry_number)
      )`);

    await db.query(`
      CREATE TABLE cooperation_agreement (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        partner_id uuid NOT NULL,
        reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        signed_on date NOT NULL,
        effective_from date NOT NULL,
        effective_to date NOT NULL CHECK (effective_to >= effective_from),
        renewal text NOT NULL CHECK (renewal IN ('none','automatic','by-amendment')),
        renewal_months integer CHECK (renewal_months BETWEEN 1 AND 120),
        programs jsonb NOT NULL CHECK (jsonb_typeof(programs) = 'array'),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        UNIQUE (cooperative_id, reference),
        FOREIGN KEY (cooperative_id, partner_id) REFERENCES partner_cooperative (cooperative_id, id),
        CHECK ((renewal = 'automatic') = (renewal_months IS NOT NULL))
      )`);
    await db.query(
      `CREATE INDEX cooperation_agreement_partner ON cooperation_agreement (cooperative_id, partner_id)`,
    );

    await db.query(`
      CREATE TABLE fx_rate (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        id uuid NOT NULL,
        base char(3) NOT NULL REFERENCES currency (code),
        quote char(3) NOT NULL REFERENCES currency (code),
        rate_date date NOT NULL,
        rate numeric(20,10) NOT NULL CHECK (rate > 0),
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
        approval_request_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        CHECK (base <> quote)
      )`);
    // A pair and its inverse on one day would disagree: one row per unordered pair and day.
    await db.query(`
      CREATE UNIQUE INDEX fx_rate_pair_day
        ON fx_rate (cooperative_id, rate_date, least(base, quote), greatest(base, quote))`);

    await db.query(`
      CREATE TABLE exposure_limit (
        cooperative_id uuid NOT NULL REFERENCES cooperative (id),
        id uuid NOT NULL,
        scope text NOT NULL CHECK (scope IN ('partner','country')),
        partner_id uuid,
        country char(2),
        amount numeric NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL REFERENCES currency (code),
        approval_request_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        FOREIGN KEY (cooperative_id, partner_id) REFERENCES partner_cooperative (cooperative_id, id),
        CHECK ((scope = 'partner') = (partner_id IS NOT NULL)),
        CHECK ((scope = 'country') = (country IS NOT NULL))
      )`);
    await db.query(`
      CREATE UNIQUE INDEX exposure_limit_partner ON exposure_limit (cooperative_id, partner_id)
        WHERE scope = 'partner'`);
    await db.query(`
      CREATE UNIQUE INDEX exposure_limit_country ON exposure_limit (cooperative_id, country)
        WHERE scope = 'country'`);

    await db.query(`
      CREATE TABLE cross_border_settings (
        cooperative_id uuid PRIMARY KEY REFERENCES cooperative (id),
        supervisor_threshold numeric NOT NULL CHECK (supervisor_threshold >= 0),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);

    await db.query(`
      CREATE TABLE cross_border_facility (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        partner_id uuid NOT NULL,
        agreement_id uuid NOT NULL,
        program text NOT NULL,
        currency char(3) NOT NULL REFERENCES currency (code)
          CHECK (currency IN ('USD','MYR','IDR')),
        limit_amount numeric NOT NULL CHECK (limit_amount > 0),
        rate numeric NOT NULL CHECK (rate >= 0),
        instalments integer NOT NULL CHECK (instalments BETWEEN 1 AND 520),
        terms jsonb NOT NULL,
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        sector text NOT NULL,
        commodity text,
        related_party boolean NOT NULL,
        status text NOT NULL DEFAULT 'requested'
          CHECK (status IN ('requested','approved','rejected','cancelled')),
        requested_by uuid NOT NULL,
        requested_on date NOT NULL,
        functional_equivalent numeric NOT NULL CHECK (functional_equivalent >= 0),
        fx_rate_id uuid,
        approval_request_id uuid,
        decided_on date,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, id),
        FOREIGN KEY (cooperative_id, partner_id) REFERENCES partner_cooperative (cooperative_id, id),
        FOREIGN KEY (cooperative_id, agreement_id) REFERENCES cooperation_agreement (cooperative_id, id),
        FOREIGN KEY (cooperative_id, fx_rate_id) REFERENCES fx_rate (cooperative_id, id),
        CHECK ((status = 'requested') = (decided_on IS NULL))
      )`);
    await db.query(
      `CREATE INDEX cross_border_facility_partner ON cross_border_facility (cooperative_id, partner_id)`,
    );

    // Partners, limits, settings and facilities change state; agreements and rates are only added.
    await keepRecords(
      db,
      ['partner_cooperative', 'exposure_limit', 'cross_border_settings', 'cross_border_facility'],
      { appendOnly: false },
    );
    await keepRecords(db, ['cooperation_agreement', 'fx_rate'], { appendOnly: true });

    const grants = [
      `GRANT SELECT, INSERT ON partner_cooperative TO lumbung_application`,
      `GRANT UPDATE (legal_name, officers, status, related_party, updated_at)
         ON partner_cooperative TO lumbung_application`,
      `GRANT SELECT, INSERT ON cooperation_agreement TO lumbung_application`,
      `GRANT SELECT, INSERT ON fx_rate TO lumbung_application`,
      `GRANT SELECT, INSERT ON exposure_limit TO lumbung_application`,
      `GRANT UPDATE (amount, approval_request_id, updated_at) ON exposure_limit TO lumbung_application`,
      `GRANT SELECT, INSERT ON cross_border_settings TO lumbung_application`,
      `GRANT UPDATE (supervisor_threshold, updated_at) ON cross_border_settings TO lumbung_application`,
      `GRANT SELECT, INSERT ON cross_border_facility TO lumbung_application`,
      `GRANT UPDATE (status, approval_request_id, decided_on) ON cross_border_facility TO lumbung_application`,
    ];
    for (const grant of grants) await db.query(grant);
  }

  async down(): Promise<void> {
    throw new Error('Cross-border records are never rolled back: records are kept (UU 8/1997)');
  }
}
