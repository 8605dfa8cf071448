import { Decimal } from '@lumbung/core';

export interface ApprovalRule {
  /** Distinct approvers needed, at least 1. */
  readonly requiredApprovals: number;
  /** An approver must hold one of these roles in the request's cooperative. */
  readonly approverRoles: readonly string[];
}

/** A cooperative's rule for requests whose functional equivalent is at least `minEquivalent`. */
export interface RuleTier extends ApprovalRule {
  readonly minEquivalent: string;
}

/** The rule a request was submitted under, kept with it so later rule changes do not move it. */
export interface AppliedRule extends ApprovalRule {
  readonly source: 'cooperative' | 'default';
  /** The threshold of the cooperative tier that applied; null for the executor's default. */
  readonly minEquivalent: string | null;
}

/**
 * The tier with the greatest threshold not above the request's functional equivalent; requests
 * without an amount count as zero. A cooperative without a fitting tier gets the executor's
 * default rule.
 */
export function applicableRule(
  tiers: readonly RuleTier[],
  defaultRule: ApprovalRule,
  functionalEquivalent: string | null,
): AppliedRule {
  const equivalent = new Decimal(functionalEquivalent ?? 0);
  let chosen: RuleTier | undefined;
  for (const tier of tiers) {
    const threshold = new Decimal(tier.minEquivalent);
    if (threshold.lte(equivalent) && (!chosen || threshold.gt(chosen.minEquivalent))) {
      chosen = tier;
    }
  }
  if (!chosen) {
    return {
      requiredApprovals: defaultRule.requiredApprovals,
      approverRoles: [...defaultRule.approverRoles],
      source: 'default',
      minEquivalent: null,
    };
  }
  return {
    requiredApprovals: chosen.requiredApprovals,
    approverRoles: [...chosen.approverRoles],
    source: 'cooperative',
    minEquivalent: chosen.minEquivalent,
  };
}

export function ruleSatisfied(rule: ApprovalRule, distinctApprovers: number): boolean {
  return distinctApprovers >= rule.requiredApprovals;
}
