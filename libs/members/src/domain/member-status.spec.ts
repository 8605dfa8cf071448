import { RuleViolationError } from '@lumbung/core';
import {
  assertStatusChange,
  canChangeStatus,
  type MemberStatus,
  memberStatuses,
} from './member-status';

const allowed = new Set([
  'applicant>active',
  'active>dormant',
  'active>exited',
  'active>deceased',
  'dormant>active',
  'dormant>exited',
  'dormant>deceased',
]);

describe('member status transitions', () => {
  it('allows exactly the listed moves and nothing out of exited or deceased', () => {
    for (const from of memberStatuses) {
      for (const to of memberStatuses) {
        expect([`${from}>${to}`, canChangeStatus(from, to)]).toEqual([
          `${from}>${to}`,
          allowed.has(`${from}>${to}`),
        ]);
      }
    }
  });

  it('refuses with member-status-transition naming both ends', () => {
    const refuse = (from: MemberStatus, to: MemberStatus) => () => assertStatusChange(from, to);
    expect(refuse('applicant', 'dormant')).toThrow(RuleViolationError);
    let refusal: unknown;
    try {
      assertStatusChange('exited', 'active');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      status: 422,
      slug: 'member-status-transition',
      extensions: { from: 'exited', to: 'active' },
    });
    expect(refuse('applicant', 'active')).not.toThrow();
  });
});
