import { applicableRule, type ApprovalRule, ruleSatisfied, type RuleTier } from './approval-rule';

const defaultRule: ApprovalRule = { requiredApprovals: 1, approverRoles: ['manager'] };

const tiers: RuleTier[] = [
  { minEquivalent: '100000000', requiredApprovals: 3, approverRoles: ['manager', 'supervisor'] },
  { minEquivalent: '0', requiredApprovals: 1, approverRoles: ['teller', 'manager'] },
  { minEquivalent: '1000000', requiredApprovals: 2, approverRoles: ['manager'] },
];

describe('applicableRule', () => {
  it.each([
    ['0.01', '0', 1],
    ['999999.99', '0', 1],
    ['1000000.00', '1000000', 2],
    ['99999999.99', '1000000', 2],
    ['100000000', '100000000', 3],
    ['123456789012.50', '100000000', 3],
  ])('picks the greatest threshold not above %s', (equivalent, threshold, required) => {
    const rule = applicableRule(tiers, defaultRule, equivalent);
    expect(rule).toMatchObject({
      source: 'cooperative',
      minEquivalent: threshold,
      requiredApprovals: required,
    });
  });

  it('gives a request without an amount the tier at zero', () => {
    expect(applicableRule(tiers, defaultRule, null)).toEqual({
      source: 'cooperative',
      minEquivalent: '0',
      requiredApprovals: 1,
      approverRoles: ['teller', 'manager'],
    });
  });

  it('falls back to the default rule without tiers, or without one that fits', () => {
    const expected = { ...defaultRule, source: 'default', minEquivalent: null };
    expect(applicableRule([], defaultRule, '5000000')).toEqual(expected);
    expect(applicableRule(tiers.slice(0, 1), defaultRule, '5000000')).toEqual(expected);
    expect(applicableRule(tiers.slice(0, 1), defaultRule, null)).toEqual(expected);
  });

  it('compares thresholds as decimals, not as strings', () => {
    const decimals: RuleTier[] = [
      { minEquivalent: '0', requiredApprovals: 1, approverRoles: ['manager'] },
      { minEquivalent: '9', requiredApprovals: 2, approverRoles: ['manager'] },
      { minEquivalent: '10', requiredApprovals: 3, approverRoles: ['manager'] },
    ];
    expect(applicableRule(decimals, defaultRule, '10').requiredApprovals).toBe(3);
    expect(applicableRule(decimals, defaultRule, '9.99').requiredApprovals).toBe(2);
  });
});

describe('ruleSatisfied', () => {
  it('needs as many distinct approvers as the rule requires', () => {
    const rule = { requiredApprovals: 2, approverRoles: ['manager'] };
    expect(ruleSatisfied(rule, 1)).toBe(false);
    expect(ruleSatisfied(rule, 2)).toBe(true);
  });
});
