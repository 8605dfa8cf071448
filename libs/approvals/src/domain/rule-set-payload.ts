import { Decimal, type FieldProblem, InvalidInputError, isPlainDecimalString } from '@lumbung/core';
import type { RuleTier } from './approval-rule';
import { adminRole, cooperativeRoles, isCooperativeRole } from './roles';

/** The action type that changes a cooperative's rules: rule changes need four eyes too. */
export const ruleSetType = 'approvals.rule.set';
export const maxRequiredApprovals = 5;
export const maxTiers = 10;

/** Replaces every tier of `type` in the cooperative; no tiers puts the default rule back. */
export interface RuleSetPayload {
  readonly type: string;
  readonly tiers: readonly RuleTier[];
}

/** What validating a rule needs to know about the action type it governs. */
export interface RuledType {
  readonly movesMoney: boolean;
}

/**
 * Validates and normalises a rule change: tiers sorted by threshold, thresholds unique, the
 * lowest at 0 so every amount is covered, thresholds above 0 only for types that move money,
 * and never a money type approved by admins alone.
 */
export function parseRuleSetPayload(
  payload: unknown,
  ruledType: (type: string) => RuledType | undefined,
): RuleSetPayload {
  const input = (typeof payload === 'object' && payload !== null ? payload : {}) as {
    type?: unknown;
    tiers?: unknown;
  };
  const problems: FieldProblem[] = [];
  const type = typeof input.type === 'string' ? input.type : '';
  const governed = ruledType(type);
  if (!governed) problems.push({ field: 'type', message: 'an action type with an executor' });
  if (!Array.isArray(input.tiers) || input.tiers.length > maxTiers) {
    problems.push({ field: 'tiers', message: `a list of at most ${maxTiers} tiers` });
    throw new InvalidInputError('Invalid approval rule', problems);
  }
  const tiers = input.tiers.map((tier: unknown, index) =>
    parseTier(tier, `tiers[${index}]`, governed?.movesMoney ?? false, problems),
  );
  if (problems.length > 0) throw new InvalidInputError('Invalid approval rule', problems);
  const sorted = [...tiers].sort((a, b) => new Decimal(a.minEquivalent).cmp(b.minEquivalent));
  sorted.forEach((tier, index) => {
    if (index > 0 && tier.minEquivalent === sorted[index - 1].minEquivalent) {
      problems.push({ field: 'tiers', message: `threshold ${tier.minEquivalent} appears twice` });
    }
  });
  if (sorted.length > 0 && sorted[0].minEquivalent !== '0') {
    problems.push({ field: 'tiers', message: 'the lowest tier starts at minEquivalent "0"' });
  }
  if (problems.length > 0) throw new InvalidInputError('Invalid approval rule', problems);
  return { type, tiers: sorted };
}

function parseTier(
  value: unknown,
  field: string,
  movesMoney: boolean,
  problems: FieldProblem[],
): RuleTier {
  const tier = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const { minEquivalent, requiredApprovals, approverRoles } = tier;
  let threshold = '0';
  if (!isPlainDecimalString(minEquivalent) || new Decimal(minEquivalent).lt(0)) {
    problems.push({ field: `${field}.minEquivalent`, message: 'a non-negative decimal string' });
  } else {
    threshold = new Decimal(minEquivalent).toFixed();
    if (!movesMoney && threshold !== '0') {
      problems.push({
        field: `${field}.minEquivalent`,
        message: 'only types that move money have thresholds above 0',
      });
    }
  }
  if (
    typeof requiredApprovals !== 'number' ||
    !Number.isInteger(requiredApprovals) ||
    requiredApprovals < 1 ||
    requiredApprovals > maxRequiredApprovals
  ) {
    problems.push({
      field: `${field}.requiredApprovals`,
      message: `an integer from 1 to ${maxRequiredApprovals}`,
    });
  }
  let roles: string[] = [];
  if (
    !Array.isArray(approverRoles) ||
    approverRoles.length === 0 ||
    !approverRoles.every(isCooperativeRole)
  ) {
    problems.push({
      field: `${field}.approverRoles`,
      message: `one or more of ${cooperativeRoles.join(', ')}`,
    });
  } else {
    roles = cooperativeRoles.filter((role) => approverRoles.includes(role));
    if (movesMoney && roles.every((role) => role === adminRole)) {
      problems.push({
        field: `${field}.approverRoles`,
        message: 'admins approve no money: name another role',
      });
    }
  }
  return {
    minEquivalent: threshold,
    requiredApprovals: requiredApprovals as number,
    approverRoles: roles,
  };
}
