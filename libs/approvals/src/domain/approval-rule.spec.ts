import {
  applicableRule,
  type ApprovalRule,
  approvalSlots,
  ruleSatisfied,
  type RuleTier,
} from './approval-rule';

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
      alsoRequiredRoles: [],
    });
  });

  it('falls back to the default rule without tiers, or without one that fits', () => {
    const expected = {
      ...defaultRule,
      source: 'default',
      minEquivalent: null,
      alsoRequiredRoles: [],
    };
    expect(applicableRule([], defaultRule, '5000000')).toEqual(expected);
    expect(applicableRule(tiers.slice(0, 1), defaultRule, '5000000')).toEqual(expected);
    expect(applicableRule(tiers.slice(0, 1), defaultRule, null)).toEqual(expected);
  });

  it('carries the roles the request requires on top of the tier', () => {
    expect(applicableRule(tiers, defaultRule, '5000000', ['supervisor'])).toEqual({
      source: 'cooperative',
      minEquivalent: '1000000',
      requiredApprovals: 2,
      approverRoles: ['manager'],
      alsoRequiredRoles: ['supervisor'],
    });
    expect(applicableRule([], defaultRule, null, ['auditor']).alsoRequiredRoles).toEqual([
      'auditor',
    ]);
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

describe('approvalSlots', () => {
  it('lists the required approvals, then one place per also-required role', () => {
    expect(
      approvalSlots({
        requiredApprovals: 2,
        approverRoles: ['manager'],
        alsoRequiredRoles: ['supervisor', 'auditor'],
      }),
    ).toEqual([['manager'], ['manager'], ['supervisor'], ['auditor']]);
    expect(approvalSlots({ requiredApprovals: 1, approverRoles: ['manager'] })).toEqual([
      ['manager'],
    ]);
  });
});

describe('ruleSatisfied', () => {
  const manager = ['manager'];
  const supervisor = ['supervisor'];
  const both = ['manager', 'supervisor'];
  const related = {
    requiredApprovals: 2,
    approverRoles: ['manager'],
    alsoRequiredRoles: ['supervisor'],
  };

  /** Every order of the approvals. */
  function orders<T>(items: readonly T[]): T[][] {
    if (items.length <= 1) return [[...items]];
    return items.flatMap((item, i) =>
      orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
    );
  }

  it('needs as many distinct approvers as the rule requires', () => {
    const rule = { requiredApprovals: 2, approverRoles: ['manager'] };
    expect(ruleSatisfied(rule, [manager])).toBe(false);
    expect(ruleSatisfied(rule, [manager, manager])).toBe(true);
    expect(ruleSatisfied({ ...rule, alsoRequiredRoles: [] }, [manager, manager])).toBe(true);
  });

  it('counts only approvers qualifying for a place', () => {
    const rule = { requiredApprovals: 2, approverRoles: ['manager', 'supervisor'] };
    expect(ruleSatisfied(rule, [manager, supervisor])).toBe(true);
    expect(ruleSatisfied(rule, [manager, ['auditor']])).toBe(false);
  });

  it('needs two managers and one more person who is a supervisor', () => {
    expect(ruleSatisfied(related, [manager, manager])).toBe(false);
    expect(ruleSatisfied(related, [manager, supervisor])).toBe(false);
    expect(ruleSatisfied(related, [supervisor, supervisor, manager])).toBe(false);
    expect(ruleSatisfied(related, [manager, manager, manager])).toBe(false);
    for (const order of orders([manager, manager, supervisor])) {
      expect(ruleSatisfied(related, order)).toBe(true);
    }
  });

  it('lets a person holding both roles fill one place only, in whatever order', () => {
    expect(ruleSatisfied(related, [both, manager])).toBe(false);
    expect(ruleSatisfied(related, [both, supervisor])).toBe(false);
    for (const order of orders([both, manager, supervisor])) {
      expect(ruleSatisfied(related, order)).toBe(true);
    }
    for (const order of orders([both, both, manager])) {
      expect(ruleSatisfied(related, order)).toBe(true);
    }
    // The first to arrive may have to move places: both fills supervisor, not manager.
    expect(ruleSatisfied(related, [both, manager, manager])).toBe(true);
    expect(ruleSatisfied(related, [both, supervisor, supervisor])).toBe(false);
  });

  it('needs a distinct person for each also-required role', () => {
    const rule = {
      requiredApprovals: 1,
      approverRoles: ['manager'],
      alsoRequiredRoles: ['supervisor', 'auditor'],
    };
    const supervisingAuditor = ['supervisor', 'auditor'];
    expect(ruleSatisfied(rule, [manager, supervisingAuditor])).toBe(false);
    for (const order of orders([manager, supervisingAuditor, ['auditor']])) {
      expect(ruleSatisfied(rule, order)).toBe(true);
    }
    for (const order of orders([manager, supervisingAuditor, supervisor])) {
      expect(ruleSatisfied(rule, order)).toBe(true);
    }
  });

  it('fills an also-required role that is among the approver roles too', () => {
    const rule = {
      requiredApprovals: 2,
      approverRoles: ['manager', 'supervisor'],
      alsoRequiredRoles: ['supervisor'],
    };
    expect(ruleSatisfied(rule, [supervisor, supervisor, supervisor])).toBe(true);
    expect(ruleSatisfied(rule, [manager, manager, manager])).toBe(false);
    expect(ruleSatisfied(rule, [manager, supervisor, manager])).toBe(true);
  });
});
