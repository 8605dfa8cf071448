import type { Tx } from '@lumbung/database';
import type { RuleTier } from '../domain/approval-rule';

/** Namespace of the advisory lock that serialises rule changes per (cooperative, type). */
export const approvalRuleLockSpace = 7310;

interface TierRow {
  action_type: string;
  min_equivalent: string;
  required_approvals: number;
  approver_roles: string[];
}

/** The cooperative's tiers by action type, each list sorted by threshold. */
export async function readTiers(
  tx: Tx,
  cooperativeId: string,
  type?: string,
): Promise<Map<string, RuleTier[]>> {
  const rows = await tx.query<TierRow>(
    `SELECT action_type, min_equivalent, required_approvals, approver_roles FROM approval_rule
      WHERE cooperative_id = $1 AND ($2::text IS NULL OR action_type = $2)
      ORDER BY action_type, min_equivalent`,
    [cooperativeId, type ?? null],
  );
  const byType = new Map<string, RuleTier[]>();
  for (const row of rows) {
    const tiers = byType.get(row.action_type) ?? [];
    tiers.push({
      minEquivalent: row.min_equivalent,
      requiredApprovals: row.required_approvals,
      approverRoles: row.approver_roles,
    });
    byType.set(row.action_type, tiers);
  }
  return byType;
}

/** Replaces every tier of one type; concurrent replacements of the same type queue up. */
export async function replaceTiers(
  tx: Tx,
  cooperativeId: string,
  type: string,
  tiers: readonly RuleTier[],
): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
    approvalRuleLockSpace,
    `${cooperativeId}/${type}`,
  ]);
  await tx.query(`DELETE FROM approval_rule WHERE cooperative_id = $1 AND action_type = $2`, [
    cooperativeId,
    type,
  ]);
  if (tiers.length === 0) return;
  await tx.query(
    `INSERT INTO approval_rule (cooperative_id, action_type, min_equivalent, required_approvals,
                                approver_roles)
     SELECT $1, $2, t.min_equivalent, t.required_approvals, string_to_array(t.roles, ',')
       FROM unnest($3::numeric[], $4::int[], $5::text[]) AS t(min_equivalent, required_approvals, roles)`,
    [
      cooperativeId,
      type,
      tiers.map((t) => t.minEquivalent),
      tiers.map((t) => t.requiredApprovals),
      tiers.map((t) => t.approverRoles.join(',')),
    ],
  );
}
