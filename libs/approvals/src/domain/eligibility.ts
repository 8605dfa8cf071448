import { ConflictError, ForbiddenError } from '@lumbung/core';
import type { RuleWithRequiredRoles } from './approval-rule';
import type { Actor, ApprovalStatus } from './approval-request';
import { adminRole } from './roles';

/** What decides whether someone may approve or reject a request. */
export interface DecisionState {
  readonly status: ApprovalStatus;
  readonly makerId: string;
  readonly rule: RuleWithRequiredRoles;
  readonly hasAmount: boolean;
  readonly excludedApprovers: readonly string[];
  /** Everyone who already approved or rejected it. */
  readonly decidedBy: readonly string[];
}

/**
 * The roles by which `approver` may decide the request: those of the rule's approver roles and
 * also-required roles they hold. Throws the refusal otherwise. Admin never counts on a request
 * with an amount, whatever the rule says.
 */
export function qualifyingRoles(state: DecisionState, approver: Actor): string[] {
  if (state.status !== 'pending') throw notPendingError(state.status);
  if (approver.id === state.makerId) {
    throw new ForbiddenError('self-approval', 'Own request', 'No one decides on their own request');
  }
  if (state.excludedApprovers.includes(approver.id)) {
    throw new ForbiddenError(
      'approver-excluded',
      'Approver excluded',
      'This person is party to the request and may not decide on it',
    );
  }
  if (state.decidedBy.includes(approver.id)) {
    throw new ConflictError(
      'already-decided',
      'Already decided',
      'This person has already decided on the request; one person counts once',
    );
  }
  const ruleRoles = [
    ...new Set([...state.rule.approverRoles, ...(state.rule.alsoRequiredRoles ?? [])]),
  ];
  const roles = ruleRoles.filter(
    (role) => approver.roles.includes(role) && !(state.hasAmount && role === adminRole),
  );
  if (roles.length > 0) return roles;
  if (state.hasAmount && approver.roles.includes(adminRole)) {
    throw new ForbiddenError(
      'admin-approves-no-money',
      'Admins approve no money',
      'The admin role never approves a request that moves money',
    );
  }
  throw new ForbiddenError(
    'approver-role-required',
    'Approver role required',
    `Deciding on this request needs one of the roles: ${ruleRoles.join(', ')}`,
  );
}

export function notPendingError(status: ApprovalStatus): ConflictError {
  return new ConflictError(
    'approval-not-pending',
    'Approval request not pending',
    `The request is ${status} and can no longer change`,
  );
}
