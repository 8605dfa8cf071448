import { RuleViolationError } from '@lumbung/core';

/**
 * An applicant has registered but not yet paid simpanan pokok; paying it makes them active.
 * Dormancy comes and goes with activity; exit and death are final: the record stays, forever.
 */
export const memberStatuses = ['applicant', 'active', 'dormant', 'exited', 'deceased'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

const allowed: Readonly<Record<MemberStatus, readonly MemberStatus[]>> = {
  applicant: ['active'],
  active: ['dormant', 'exited', 'deceased'],
  dormant: ['active', 'exited', 'deceased'],
  exited: [],
  deceased: [],
};

export function canChangeStatus(from: MemberStatus, to: MemberStatus): boolean {
  return allowed[from].includes(to);
}

export function assertStatusChange(from: MemberStatus, to: MemberStatus): void {
  if (!canChangeStatus(from, to)) {
    throw new RuleViolationError(
      'member-status-transition',
      'Member status transition not allowed',
      `A member who is ${from} cannot become ${to}`,
      { from, to },
    );
  }
}
