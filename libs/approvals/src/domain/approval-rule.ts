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

/**
 * A rule with the roles a particular request needs on top of it: for each also-required role,
 * one more distinct approver holding that role, besides the `requiredApprovals` approvers who
 * qualify by `approverRoles`. A person fills one place only.
 */
export interface RuleWithRequiredRoles extends ApprovalRule {
  /** Absent on requests submitted before also-required roles existed: none. */
  readonly alsoRequiredRoles?: readonly string[];
}

/** The rule a request was submitted under, kept with it so later rule changes do not move it. */
export interface AppliedRule extends ApprovalRule {
  readonly source: 'cooperative' | 'default';
  /** The threshold of the cooperative tier that applied; null for the executor's default. */
  readonly minEquivalent: string | null;
  /**
   * Set by the executor for this request (e.g. a supervisor when the borrower is a related
   * party): each needs one more distinct approver holding it. Empty when none.
   */
  readonly alsoRequiredRoles: readonly string[];
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
  alsoRequiredRoles: readonly string[] = [],
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
      alsoRequiredRoles: [...alsoRequiredRoles],
    };
  }
  return {
    requiredApprovals: chosen.requiredApprovals,
    approverRoles: [...chosen.approverRoles],
    source: 'cooperative',
    minEquivalent: chosen.minEquivalent,
    alsoRequiredRoles: [...alsoRequiredRoles],
  };
}

/** The roles one place of a rule accepts: any of them qualifies a person for it. */
export type ApprovalSlot = readonly string[];

/**
 * The places a request's approvers must fill: `requiredApprovals` places for `approverRoles`,
 * then one per also-required role.
 */
export function approvalSlots(rule: RuleWithRequiredRoles): ApprovalSlot[] {
  const slots: ApprovalSlot[] = Array.from(
    { length: rule.requiredApprovals },
    () => rule.approverRoles,
  );
  for (const role of rule.alsoRequiredRoles ?? []) slots.push([role]);
  return slots;
}

/**
 * Whether the approvals meet the rule: every place filled by a distinct approver qualifying for
 * it, each approver given by the roles they qualified by. A bipartite matching (augmenting
 * paths), so the order of the approvals does not matter and a person holding two roles still
 * fills one place.
 */
export function ruleSatisfied(
  rule: RuleWithRequiredRoles,
  approvals: readonly (readonly string[])[],
): boolean {
  const slots = approvalSlots(rule);
  if (approvals.length < slots.length) return false;
  /** The place each approver fills, by approver index. */
  const placeOf = new Map<number, number>();
  const fits = (slot: number, approver: number): boolean =>
    slots[slot].some((role) => approvals[approver].includes(role));
  const assign = (slot: number, tried: Set<number>): boolean => {
    for (let approver = 0; approver < approvals.length; approver++) {
      if (tried.has(approver) || !fits(slot, approver)) continue;
      tried.add(approver);
      const taken = placeOf.get(approver);
      if (taken === undefined || assign(taken, tried)) {
        placeOf.set(approver, slot);
        return true;
      }
    }
    return false;
  };
  return slots.every((_, slot) => assign(slot, new Set()));
}
