import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Also-required roles (libs/approvals): a request's rule may name roles it needs on top of its
 * `requiredApprovals` approvers, one more distinct approver each (e.g. "two managers, plus a
 * supervisor when the borrower is a related party"), kept in `rule->'alsoRequiredRoles'`.
 * Requests submitted earlier lack the key and need none.
 *
 * The guards of 1795330000000-Approvals are replaced to check the same (LB011): a decision's
 * roles lie within the approver roles and the also-required roles, and a request is executed
 * only with at least `requiredApprovals` plus one approval per also-required role, among them
 * an approval by each also-required role. Which approver fills which place (one place per
 * person) is matched by the service; the database checks these necessary conditions.
 */
export class ApprovalRequiredRoles1795349000000 implements MigrationInterface {
  name = 'ApprovalRequiredRoles1795349000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE approval_request ADD CONSTRAINT approval_request_also_required_roles
        CHECK (jsonb_typeof(coalesce(rule->'alsoRequiredRoles', '[]'::jsonb)) = 'array'
               AND coalesce(rule->'alsoRequiredRoles', '[]'::jsonb)
                   <@ '["teller","manager","supervisor","auditor"]'::jsonb)`);

    await db.query(`
      CREATE OR REPLACE FUNCTION approval_request_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        also_required jsonb;
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = 'pending' AND NEW.status <> 'pending'
           AND (to_jsonb(NEW) - 'status' - 'decided_at' - 'result')
             = (to_jsonb(OLD) - 'status' - 'decided_at' - 'result')
        THEN
          also_required := coalesce(NEW.rule->'alsoRequiredRoles', '[]'::jsonb);
          IF NEW.status = 'executed' AND (
               (SELECT count(*) FROM approval_decision d
                 WHERE d.cooperative_id = NEW.cooperative_id AND d.request_id = NEW.id
                   AND d.decision = 'approve')
                 < (NEW.rule->>'requiredApprovals')::int + jsonb_array_length(also_required)
               OR EXISTS (
                 SELECT FROM jsonb_array_elements_text(also_required) AS required(role)
                  WHERE NOT EXISTS (
                    SELECT FROM approval_decision d
                     WHERE d.cooperative_id = NEW.cooperative_id AND d.request_id = NEW.id
                       AND d.decision = 'approve' AND required.role = ANY (d.approver_roles))))
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
      CREATE OR REPLACE FUNCTION approval_decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
        IF NOT NEW.approver_roles <@ ARRAY(
                 SELECT jsonb_array_elements_text(request.rule->'approverRoles')
                 UNION ALL
                 SELECT jsonb_array_elements_text(
                          coalesce(request.rule->'alsoRequiredRoles', '[]'::jsonb)))
           OR (request.amount IS NOT NULL AND 'admin' = ANY (NEW.approver_roles))
        THEN
          RAISE EXCEPTION USING ERRCODE = 'LB011',
            MESSAGE = format('roles %s do not qualify for approval request %s', NEW.approver_roles, NEW.request_id);
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(): Promise<void> {
    throw new Error('Approval records are never rolled back: records are kept (UU 8/1997)');
  }
}
