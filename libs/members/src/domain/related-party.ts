import { isUuid } from '@lumbung/core';
import { FieldErrors } from './field-errors';

/**
 * Who counts as a related party of the cooperative (board, supervisors, staff, and the family of
 * one of them): lending to them needs board and supervisor approval.
 */
export const relatedPartyFlags = ['board', 'supervisor', 'staff', 'family'] as const;
export type RelatedPartyFlag = (typeof relatedPartyFlags)[number];

export interface RelatedParty {
  /** Deduplicated, in the order of `relatedPartyFlags`. */
  readonly flags: readonly RelatedPartyFlag[];
  /** The member this one is family of; set exactly when `family` is. */
  readonly relatedMemberId: string | null;
}

export function parseRelatedParty(
  memberId: string,
  flags: unknown,
  relatedMemberId: unknown,
): RelatedParty {
  const errors = new FieldErrors();
  if (!Array.isArray(flags) || flags.some((flag) => !relatedPartyFlags.includes(flag))) {
    errors.add('flags', `must be a list of ${relatedPartyFlags.join(', ')}`);
  }
  const family = Array.isArray(flags) && flags.includes('family');
  const related = relatedMemberId ?? null;
  if (related !== null && !isUuid(related)) {
    errors.add('relatedMemberId', 'must be a member id (uuid)');
  } else if (family && related === null) {
    errors.add('relatedMemberId', 'is required with family: whose family is this member?');
  } else if (!family && related !== null) {
    errors.add('relatedMemberId', 'is only given with the family flag');
  } else if (related === memberId) {
    errors.add('relatedMemberId', 'a member is not family of themselves');
  }
  errors.throwIfAny('The related-party flags are not valid');
  return {
    flags: relatedPartyFlags.filter((flag) => (flags as unknown[]).includes(flag)),
    relatedMemberId: related as string | null,
  };
}
