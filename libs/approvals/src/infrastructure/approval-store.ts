import type { Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type {
  ApprovalDecision,
  ApprovalRequestRecord,
  ApprovalStatus,
} from '../domain/approval-request';
import type { AppliedRule } from '../domain/approval-rule';

/** SQL of approval requests and decisions; every statement names the cooperative. */

interface RequestRow {
  cooperative_id: string;
  id: string;
  type: string;
  status: ApprovalStatus;
  payload: unknown;
  summary: string;
  amount: string | null;
  currency: string | null;
  functional_equivalent: string | null;
  maker_id: string;
  reason: string | null;
  /** Requests submitted before also-required roles existed lack that key. */
  rule: Omit<AppliedRule, 'alsoRequiredRoles'> & { alsoRequiredRoles?: string[] };
  excluded_approvers: string[];
  created_at: Date;
  decided_at: Date | null;
  result: unknown;
}

interface DecisionRow {
  request_id: string;
  approver_id: string;
  decision: 'approve' | 'reject';
  approver_roles: string[];
  reason: string | null;
  decided_at: Date;
}

const requestColumns = `cooperative_id, id, type, status, payload, summary, amount, currency,
  functional_equivalent, maker_id, reason, rule, excluded_approvers::text[] AS excluded_approvers,
  created_at, decided_at, result`;

export interface NewRequest {
  readonly cooperativeId: string;
  readonly id: string;
  readonly type: string;
  readonly payload: unknown;
  readonly summary: string;
  readonly amount: Money | null;
  readonly functionalEquivalent: string | null;
  readonly makerId: string;
  readonly reason: string | null;
  readonly rule: AppliedRule;
  readonly excludedApprovers: readonly string[];
}

export async function insertRequest(tx: Tx, request: NewRequest): Promise<void> {
  await tx.query(
    `INSERT INTO approval_request (cooperative_id, id, type, status, payload, summary, amount,
                                   currency, functional_equivalent, maker_id, reason, rule,
                                   excluded_approvers)
     VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      request.cooperativeId,
      request.id,
      request.type,
      JSON.stringify(request.payload),
      request.summary,
      request.amount?.toString() ?? null,
      request.amount?.currency.code ?? null,
      request.functionalEquivalent,
      request.makerId,
      request.reason,
      JSON.stringify(request.rule),
      request.excludedApprovers,
    ],
  );
}

/** The request with its decisions; `lock` takes the row lock that serialises decisions. */
export async function readRequest(
  tx: Tx,
  cooperativeId: string,
  id: string,
  lock = false,
): Promise<ApprovalRequestRecord | undefined> {
  const [row] = await tx.query<RequestRow>(
    `SELECT ${requestColumns} FROM approval_request
      WHERE cooperative_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [cooperativeId, id],
  );
  if (!row) return undefined;
  return toRecord(row, await readDecisions(tx, cooperativeId, [id]));
}

export interface RequestFilter {
  readonly status?: ApprovalStatus;
  readonly type?: string;
  readonly after?: string;
  readonly limit: number;
}

export async function listRequests(
  tx: Tx,
  cooperativeId: string,
  filter: RequestFilter,
): Promise<ApprovalRequestRecord[]> {
  const rows = await tx.query<RequestRow>(
    `SELECT ${requestColumns} FROM approval_request
      WHERE cooperative_id = $1 AND ($2::text IS NULL OR status = $2)
        AND ($3::text IS NULL OR type = $3) AND ($4::uuid IS NULL OR id > $4)
      ORDER BY id LIMIT $5`,
    [cooperativeId, filter.status ?? null, filter.type ?? null, filter.after ?? null, filter.limit],
  );
  const decisions = await readDecisions(
    tx,
    cooperativeId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toRecord(row, decisions));
}

export interface NewDecision {
  readonly cooperativeId: string;
  readonly requestId: string;
  readonly approverId: string;
  readonly decision: 'approve' | 'reject';
  readonly approverRoles: readonly string[];
  readonly reason: string | null;
}

export async function insertDecision(tx: Tx, decision: NewDecision): Promise<void> {
  await tx.query(
    `INSERT INTO approval_decision (cooperative_id, request_id, approver_id, decision,
                                    approver_roles, reason)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      decision.cooperativeId,
      decision.requestId,
      decision.approverId,
      decision.decision,
      decision.approverRoles,
      decision.reason,
    ],
  );
}

/** Moves a pending request to its final status; the table's trigger allows nothing else. */
export async function finishRequest(
  tx: Tx,
  cooperativeId: string,
  id: string,
  status: Exclude<ApprovalStatus, 'pending'>,
  result: unknown = null,
): Promise<void> {
  // SQL NULL, not JSON null: only an executed request carries a result.
  const rows = await tx.query(
    // Wrapped in a SELECT: TypeORM hands UPDATE results back as [rows, count].
    `WITH finished AS (
       UPDATE approval_request SET status = $3, decided_at = clock_timestamp(), result = $4
        WHERE cooperative_id = $1 AND id = $2 AND status = 'pending' RETURNING id)
     SELECT id FROM finished`,
    [cooperativeId, id, status, result === null ? null : JSON.stringify(result)],
  );
  // Unreachable while callers hold the row lock: a second finisher would otherwise win silently.
  if (rows.length !== 1) throw new Error(`approval request ${id} was not pending`);
}

async function readDecisions(
  tx: Tx,
  cooperativeId: string,
  requestIds: readonly string[],
): Promise<Map<string, ApprovalDecision[]>> {
  const byRequest = new Map<string, ApprovalDecision[]>();
  if (requestIds.length === 0) return byRequest;
  const rows = await tx.query<DecisionRow>(
    `SELECT request_id, approver_id, decision, approver_roles, reason, decided_at
       FROM approval_decision WHERE cooperative_id = $1 AND request_id = ANY($2::uuid[])
      ORDER BY decided_at, approver_id`,
    [cooperativeId, requestIds],
  );
  for (const row of rows) {
    const list = byRequest.get(row.request_id) ?? [];
    list.push({
      approverId: row.approver_id,
      decision: row.decision,
      approverRoles: row.approver_roles,
      reason: row.reason,
      decidedAt: row.decided_at.toISOString(),
    });
    byRequest.set(row.request_id, list);
  }
  return byRequest;
}

function toRecord(
  row: RequestRow,
  decisions: Map<string, ApprovalDecision[]>,
): ApprovalRequestRecord {
  return {
    cooperativeId: row.cooperative_id,
    id: row.id,
    type: row.type,
    status: row.status,
    payload: row.payload,
    summary: row.summary,
    amount:
      row.amount === null || row.currency === null
        ? null
        : { amount: row.amount, currency: row.currency },
    functionalEquivalent: row.functional_equivalent,
    makerId: row.maker_id,
    reason: row.reason,
    rule: { ...row.rule, alsoRequiredRoles: row.rule.alsoRequiredRoles ?? [] },
    excludedApprovers: row.excluded_approvers,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    result: row.result,
    decisions: decisions.get(row.id) ?? [],
  };
}
