export { ApprovalsModule } from './approvals.module';
export { type ApprovalExecutor } from './application/approval-executor';
export { ApprovalRegistry } from './application/approval-registry';
export { oneManagerApproves, RegisteredExecutor } from './application/registered-executor';
export { ApprovalRuleService, type TypeRules } from './application/approval-rule.service';
export { SettingsChangeExecutor } from './application/settings-change-executor';
export {
  type ApprovalListQuery,
  type ApprovalPage,
  ApprovalService,
  type CancelApproval,
  type DecideApproval,
  maxApprovalPage,
  type RejectApproval,
  type SubmitApproval,
} from './application/approval.service';
export {
  type Actor,
  type ApprovalDecision,
  type ApprovalRequestRecord,
  type ApprovalRequestView,
  type ApprovalStatus,
  approvalStatuses,
} from './domain/approval-request';
export {
  type AppliedRule,
  type ApprovalRule,
  type RuleTier,
  type RuleWithRequiredRoles,
} from './domain/approval-rule';
export { type PreparedAction } from './domain/prepared-action';
export { type CooperativeRole, cooperativeRoles } from './domain/roles';
export { maxRequiredApprovals, type RuleSetPayload, ruleSetType } from './domain/rule-set-payload';
