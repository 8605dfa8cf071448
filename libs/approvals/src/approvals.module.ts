import { Module, type OnModuleInit } from '@nestjs/common';
import { ApprovalRegistry } from './application/approval-registry';
import { ApprovalRuleService } from './application/approval-rule.service';
import { ApprovalService } from './application/approval.service';
import { RuleSetExecutor } from './application/rule-set.executor';

/**
 * The four-eyes engine: needs DatabaseModule and AuditModule registered by the application.
 * Domain modules import it and register their executors with ApprovalRegistry.
 */
@Module({
  providers: [ApprovalRegistry, ApprovalRuleService, ApprovalService, RuleSetExecutor],
  exports: [ApprovalRegistry, ApprovalRuleService, ApprovalService],
})
export class ApprovalsModule implements OnModuleInit {
  constructor(
    private readonly registry: ApprovalRegistry,
    private readonly ruleSet: RuleSetExecutor,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.ruleSet);
  }
}
