import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The four-eyes engine (libs/approvals).
 *
 * - `approval_request`: one action awaiting approval, with the rule it was submitted under
 *   (snapshotted, so a later rule change does not move it). Platform requests use the nil
 *   cooperative id (the audit log's platform scope), so there is no foreign key to
 *   `cooperative`. A request changes once, from pending to its final status; its other columns
 *   never change, and it is never deleted.
 * - `approval_decision`: one approval or rejection per person and request, append-only through
 *   the ledger's `ledger_refuse_change()` (LB003).
 * - `approval_rule`: a cooperative's tiers per action type; the tier with the greatest
 *   `min_equivalent` not above a request's functional equivalent applies. Replaced as a whole
 *   (DELETE, then INSERT) by an approved `approvals.rule.set` request.
 *
 * The services check four eyes first; the triggers check it again for anyone writing raw SQL as
 * the application role (LB011): no decision on a request that is not pending, by its maker or
 * an excluded person, under a role the rule does not name, or as admin on money; no request
 * executed before its rule is met, none rejected without a rejection.
 */
export class Approvals1795330000000 implements MigrationInterface {
  name = 'Approvals1795330000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE approval_request (
        cooperative_id uuid NOT NULL,
        id uuid NOT NULL,
        type text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_.-]{0,99}$'),
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending','executed','rejected','cancelled')),
        payload jsonb NOT NULL,
        summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
        amount numeric CHECK (amount > 0),
        currency char(3) REFERENCES currency (code),
        functional_equivalent numeric CHECK (functional_equivalent >= 0),
        maker_id uuid NOT NULL,
        reason text,
        rule jsonb NOT NULL CHECK ((rule->>'requiredApprovals')::int BETWEEN 1 AND 5
                                   AND jsonb_array_length(rule->'approverRoles') > 0),
        excluded_approvers uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        decided_at timestamptz,
        result jsonb,
        PRIMARY KEY (cooperative_id, id),
        CHECK ((amount IS NULL) = (currency IS NULL)
               AND (amount IS NULL) = (functional_equivalent IS NULL)),
        CHECK ((status = 'pending') = (decided_at IS NULL)),
        CHECK (result IS NULL OR status = 'executed')
      )`);
    await db.query(`
      CREATE INDEX approval_request_by_status ON approval_request (cooperative_id, status, id)`);

    await db.query(`
      CREATE TABLE approval_decision (
        cooperative_id uuid NOT NULL,
        request_id uuid NOT NULL,
        approver_id uuid NOT NULL,
        decision text NOT NULL CHECK (decision IN ('approve','reject')),
        approver_roles text[] NOT NULL CHECK (cardinality(approver_roles) > 0),
        reason text,
        decided_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cooperative_id, request_id, approver_id),
        FOREIGN KEY (cooperative_id, request_id) REFERENCES approval_request (cooperative_id, id),
        CHECK (decision = 'approve' OR length(trim(reason)) > 0)
      )`);

    await db.query(`
      CREATE TABLE approval_rule (
        cooperative_id uuid NOT NULL,
        action_type text NOT NULL CHECK (action_type ~ '^[a-z][a-z0-9_.-]{0,99}$'),
        min_equivalent numeric NOT NULL CHECK (min_equivalent >= 0),
        required_approvals integer NOT NULL CHECK (required_approvals BETWEEN 1 AND 5),
        approver_roles text[] NOT NULL
          CHECK (cardinality(approver_roles) > 0
                 AND approver_roles <@ ARRAY['teller','manager','supervisor','auditor','admin']),
        PRIMARY KEY (cooperative_id, action_type, min_equivalent)
      )`);

    await this.guardRequests(db);
    await this.guardDecisions(db);

    await db.query(
      `GRANT SELECT, INSERT ON approval_request, approval_decision TO lumbung_application`,
    );
    await db.query(
      `GRANT UPDATE (status, decided_at, result) ON approval_request TO lumbung_application`,
    );
    await db.query(`GRANT SELECT, INSERT, DELETE ON approval_rule TO lumbung_application`);
  }

  private async guardRequests(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION approval_request_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = 'pending' AND NEW.status <> 'pending'
           AND (to_jsonb(NEW) - 'status' - 'decided_at' - 'result')
             = (to_jsonb(OLD) - 'status' - 'decided_at' - 'result')
        THEN
          IF NEW.status = 'executed' AND (
               SELECT count(*) FROM approval_decision d
                WHERE d.cooperative_id = NEW.cooperative_id AND d.request_id = NEW.id
                  AND d.decision = 'approve') < (NEW.rule->>'requiredApprovals')::int
          THEN
            RAISE EXCEPTION USING ERRCODE = 'LB011',
              MESSAGE = format('approval request %s has not met its rule', NEW.id);
          END IF;
          IF NEW.status = 'rejected' AND NOT EXISTS (
               SELECT FROM approval_decision d
                WHERE d.cooperative_id = NEW.cooperative_id AND d.request_id = NEW.id
                  AND d.decision = 'reject')
          THEN
            RAISE EXCEPTION USING ERRCODE = 'LB011',
              MESSAGE = format('approval request %s has no rejection', NEW.id);
          END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'LB003',
          MESSAGE = format('approval requests change only from pending to a final status: %s refused', TG_OP);
      END $$`);
    await db.query(`
      CREATE TRIGGER approval_request_final_once BEFORE UPDATE OR DELETE ON approval_request
        FOR EACH ROW EXECUTE FUNCTION approval_request_guard()`);
    await db.query(`
      CREATE TRIGGER approval_request_no_truncate BEFORE TRUNCATE ON approval_request
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
  }

  private async guardDecisions(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION approval_decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        request approval_request;
      BEGIN
        SELECT * INTO request FROM approval_request
         WHERE cooperative_id = NEW.cooperative_id AND id = NEW.request_id;
        IF request.status IS DISTINCT FROM 'pending' THEN
          RAISE EXCEPTION USING ERRCODE = 'LB011',
            MESSAGE = format('approval request %s is not pending', NEW.request_id);
        END IF;
        IF NEW.approver_id = request.maker_id OR NEW.approver_id = ANY (request.excluded_approvers) THEN
          RAISE EXCEPTION USING ERRCODE = 'LB011',
            MESSAGE = format('%s may not decide on approval request %s', NEW.approver_id, NEW.request_id);
        END IF;
        IF NOT NEW.approver_roles <@ ARRAY(SELECT jsonb_array_elements_text(request.rule->'approverRoles'))
           OR (request.amount IS NOT NULL AND 'admin' = ANY (NEW.approver_roles))
        THEN
          RAISE EXCEPTION USING ERRCODE = 'LB011',
            MESSAGE = format('roles %s do not qualify for approval request %s', NEW.approver_roles, NEW.request_id);
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER approval_decision_eligible BEFORE INSERT ON approval_decision
        FOR EACH ROW EXECUTE FUNCTION approval_decision_guard()`);
    await db.query(`
      CREATE TRIGGER approval_decision_append_only BEFORE UPDATE OR DELETE ON approval_decision
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
    await db.query(`
      CREATE TRIGGER approval_decision_no_truncate BEFORE TRUNCATE ON approval_decision
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
  }

  async down(): Promise<void> {
    throw new Error('Approval records are never rolled back: records are kept (UU 8/1997)');
  }
}
