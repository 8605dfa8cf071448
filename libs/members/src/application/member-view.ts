import type { BusinessDate } from '@lumbung/core';
import type { BusinessProfile } from '../domain/business-profile';
import type { IdentityType } from '../domain/identity-document';
import type { MemberStatus } from '../domain/member-status';
import type { RelatedPartyFlag } from '../domain/related-party';
import type { Sex } from '../domain/sex';

/** A member as the api shows it to the cooperative's staff and auditors. */
export interface MemberView {
  readonly id: string;
  readonly cooperativeId: string;
  readonly memberNumber: string;
  readonly fullName: string;
  readonly birthDate: BusinessDate | null;
  readonly sex: Sex | null;
  readonly identity: { readonly type: IdentityType; readonly number: string };
  readonly phone: string | null;
  readonly address: string | null;
  readonly joinDate: BusinessDate;
  readonly status: MemberStatus;
  readonly relatedParty: {
    readonly flags: readonly RelatedPartyFlag[];
    readonly relatedMemberId: string | null;
  };
  readonly businessProfile: BusinessProfile | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What other modules need of a member: who it is and whether it may act. */
export interface MemberSummary {
  readonly id: string;
  readonly memberNumber: string;
  readonly fullName: string;
  readonly status: MemberStatus;
}

/**
 * The member as the audit log keeps it. The audit log masks values under keys that name an
 * identity document, but `identity.number` sits under the key `number`: flattened here to
 * `identityNumber`, and the type moved to `documentType` so it is not masked to `**k`.
 */
export function auditedMember(member: MemberView): Record<string, unknown> {
  const { identity, ...rest } = member;
  return { ...rest, documentType: identity.type, identityNumber: identity.number };
}
