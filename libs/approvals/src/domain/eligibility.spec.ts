import type { ProblemError } from '@lumbung/core';
import { type DecisionState, qualifyingRoles } from './eligibility';

const maker = '0190a000-0000-7000-8000-000000000001';
const manager = { id: '0190a000-0000-7000-8000-000000000002', roles: ['manager'] };
const grantee = '0190a000-0000-7000-8000-000000000003';

const pending: DecisionState = {
  status: 'pending',
  makerId: maker,
  rule: { requiredApprovals: 2, approverRoles: ['manager', 'supervisor', 'admin'] },
  hasAmount: false,
  excludedApprovers: [grantee],
  decidedBy: [],
};

function refusal(state: DecisionState, approver: { id: string; roles: string[] }): ProblemError {
  try {
    qualifyingRoles(state, approver);
  } catch (error) {
    return error as ProblemError;
  }
  throw new Error('not refused');
}

describe('qualifyingRoles', () => {
  it('returns the roles of the rule the approver holds', () => {
    expect(qualifyingRoles(pending, { id: manager.id, roles: ['teller', 'manager'] })).toEqual([
      'manager',
    ]);
  });

  it('refuses a request that is no longer pending, before anything else', () => {
    for (const status of ['executed', 'rejected', 'cancelled'] as const) {
      expect(refusal({ ...pending, status }, { id: maker, roles: [] })).toMatchObject({
        status: 409,
        slug: 'approval-not-pending',
      });
    }
  });

  it('refuses the maker, whatever roles they hold', () => {
    expect(refusal(pending, { id: maker, roles: ['manager'] })).toMatchObject({
      status: 403,
      slug: 'self-approval',
    });
  });

  it('refuses an excluded person', () => {
    expect(refusal(pending, { id: grantee, roles: ['manager'] })).toMatchObject({
      status: 403,
      slug: 'approver-excluded',
    });
  });

  it('refuses a second decision by the same person', () => {
    expect(refusal({ ...pending, decidedBy: [manager.id] }, manager)).toMatchObject({
      status: 409,
      slug: 'already-decided',
    });
  });

  it('refuses someone without a role the rule names', () => {
    expect(refusal(pending, { id: manager.id, roles: ['teller', 'auditor'] })).toMatchObject({
      status: 403,
      slug: 'approver-role-required',
    });
  });

  it('lets admin approve what moves no money', () => {
    expect(qualifyingRoles(pending, { id: manager.id, roles: ['admin'] })).toEqual(['admin']);
  });

  it('never counts admin on money, whatever the rule says', () => {
    const money = { ...pending, hasAmount: true };
    expect(refusal(money, { id: manager.id, roles: ['admin'] })).toMatchObject({
      status: 403,
      slug: 'admin-approves-no-money',
    });
    expect(
      refusal(
        { ...money, rule: { requiredApprovals: 1, approverRoles: ['manager'] } },
        {
          id: manager.id,
          roles: ['admin', 'teller'],
        },
      ),
    ).toMatchObject({ slug: 'admin-approves-no-money' });
    expect(qualifyingRoles(money, { id: manager.id, roles: ['admin', 'supervisor'] })).toEqual([
      'supervisor',
    ]);
  });

  describe('with also-required roles', () => {
    const related: DecisionState = {
      ...pending,
      hasAmount: true,
      rule: { requiredApprovals: 2, approverRoles: ['manager'], alsoRequiredRoles: ['supervisor'] },
    };

    it('accepts an approver holding an approver role or an also-required role', () => {
      expect(qualifyingRoles(related, { id: manager.id, roles: ['manager'] })).toEqual(['manager']);
      expect(qualifyingRoles(related, { id: manager.id, roles: ['supervisor'] })).toEqual([
        'supervisor',
      ]);
      expect(
        qualifyingRoles(related, { id: manager.id, roles: ['supervisor', 'teller', 'manager'] }),
      ).toEqual(['manager', 'supervisor']);
    });

    it('names every role that qualifies when refusing', () => {
      const error = refusal(related, { id: manager.id, roles: ['teller'] });
      expect(error).toMatchObject({ status: 403, slug: 'approver-role-required' });
      expect(error.detail).toContain('manager, supervisor');
    });

    it('still refuses the maker, an excluded person, a second decision and admin on money', () => {
      const both = ['manager', 'supervisor'];
      expect(refusal(related, { id: maker, roles: both })).toMatchObject({ slug: 'self-approval' });
      expect(refusal(related, { id: grantee, roles: both })).toMatchObject({
        slug: 'approver-excluded',
      });
      expect(
        refusal({ ...related, decidedBy: [manager.id] }, { id: manager.id, roles: both }),
      ).toMatchObject({ slug: 'already-decided' });
      expect(refusal(related, { id: manager.id, roles: ['admin'] })).toMatchObject({
        slug: 'admin-approves-no-money',
      });
    });

    it('lists a role in both lists once', () => {
      const overlap = {
        ...related,
        rule: { ...related.rule, approverRoles: ['manager', 'supervisor'] },
      };
      expect(qualifyingRoles(overlap, { id: manager.id, roles: ['supervisor'] })).toEqual([
        'supervisor',
      ]);
    });
  });
});
