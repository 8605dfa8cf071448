import type { AppliedRule } from './approval-rule';

export const approvalStatuses = ['pending', 'executed', 'rejected', 'cancelled'] as const;

export type ApprovalStatus = (typeof approvalStatuses)[number];

/** Who acts, with the roles they hold in the request's cooperative (supplied by the caller). */
export interface Actor {
  readonly id: string;
  readonly roles: readonly string[];
}

export interface ApprovalDecision {
  readonly approverId: string;
  readonly decision: 'approve' | 'reject';
  /** The roles by which the approver qualified under the request's rule. */
  readonly approverRoles: readonly string[];
  readonly reason: string | null;
  readonly decidedAt: string;
}

/** A request as stored, with its decisions in the order they were taken. */
export interface ApprovalRequestRecord {
  readonly cooperativeId: string;
  readonly id: string;
  readonly type: string;
  readonly status: ApprovalStatus;
  readonly payload: unknown;
  readonly summary: string;
  readonly amount: { readonly amount: string; readonly currency: string } | null;
  /** In the cooperative's functional currency, as the executor computed it at submission. */
  readonly functionalEquivalent: string | null;
  readonly makerId: string;
  readonly reason: string | null;
  readonly rule: AppliedRule;
  readonly excludedApprovers: readonly string[];
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly result: unknown;
  readonly decisions: readonly ApprovalDecision[];
}

/** What callers get back: the record itself, so an executor sees exactly what the api shows. */
export type ApprovalRequestView = ApprovalRequestRecord;
