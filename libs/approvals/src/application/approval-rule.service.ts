import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { type AppliedRule, applicableRule, type RuleTier } from '../domain/approval-rule';
import { readTiers } from '../infrastructure/rule-store';
import type { ApprovalExecutor } from './approval-executor';
import { ApprovalRegistry } from './approval-registry';
import { requireUuid } from './input-checks';

/** The rule in force for one action type in one cooperative. */
export interface TypeRules {
  readonly type: string;
  /** `default`: the cooperative set no tier, the executor's rule applies (as one tier at 0). */
  readonly source: 'cooperative' | 'default';
  readonly tiers: readonly RuleTier[];
}

/**
 * Reads the approval rules. They change only through an `approvals.rule.set` request, which
 * needs approval itself.
 */
@Injectable()
export class ApprovalRuleService {
  constructor(private readonly registry: ApprovalRegistry) {}

  async rulesFor(tx: Tx, cooperativeId: string, type?: string): Promise<TypeRules[]> {
    requireUuid(cooperativeId, 'cooperativeId');
    const executors = type
      ? [this.registry.executor(type)]
      : this.registry.types().map((t) => this.registry.executor(t));
    const tiers = await readTiers(tx, cooperativeId, type);
    return executors.map((executor) => {
      const own = tiers.get(executor.type);
      return own
        ? { type: executor.type, source: 'cooperative', tiers: own }
        : {
            type: executor.type,
            source: 'default',
            tiers: [{ minEquivalent: '0', ...executor.defaultRule }],
          };
    });
  }

  /**
   * The rule a new request of `executor`'s type is submitted under, with the roles its prepared
   * action requires on top.
   */
  async ruleFor(
    tx: Tx,
    cooperativeId: string,
    executor: ApprovalExecutor,
    functionalEquivalent: string | null,
    alsoRequiredRoles: readonly string[] = [],
  ): Promise<AppliedRule> {
    const tiers = await readTiers(tx, cooperativeId, executor.type);
    return applicableRule(
      tiers.get(executor.type) ?? [],
      executor.defaultRule,
      functionalEquivalent,
      alsoRequiredRoles,
    );
  }
}
