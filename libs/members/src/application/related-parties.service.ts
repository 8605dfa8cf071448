import { AuditLog } from '@lumbung/audit';
import { InvalidInputError, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { invalidField } from '../domain/field-errors';
import { parseRelatedParty } from '../domain/related-party';
import { readMember, updateRelatedParty } from '../infrastructure/member-store';
import { MemberDirectory } from './member-directory';
import { auditedMember, type MemberView } from './member-view';

export interface RelatedPartyChange {
  readonly flags: readonly string[];
  readonly relatedMemberId?: string | null;
  readonly reason: string;
}

/**
 * Related-party flags drive lending limits and who must approve a loan, so setting them is a
 * manager's decision (the api enforces the role) and always says why.
 */
@Injectable()
export class RelatedParties {
  constructor(
    private readonly audit: AuditLog,
    private readonly directory: MemberDirectory,
  ) {}

  async set(
    tx: Tx,
    cooperativeId: string,
    memberId: string,
    change: RelatedPartyChange,
  ): Promise<MemberView> {
    await this.directory.lockMember(tx, cooperativeId, memberId);
    const party = parseRelatedParty(memberId, change.flags, change.relatedMemberId);
    const reason = change.reason?.trim();
    if (!reason) throw invalidField('reason', 'say why, in a few words');
    if (party.relatedMemberId) {
      await this.directory
        .requireMember(tx, cooperativeId, party.relatedMemberId)
        .catch((error) => {
          if (!(error instanceof NotFoundError)) throw error;
          throw new InvalidInputError('No such member', [
            { field: 'relatedMemberId', message: 'is not a member of this cooperative' },
          ]);
        });
    }
    const before = (await readMember(tx, cooperativeId, memberId))!;
    await updateRelatedParty(tx, cooperativeId, memberId, party);
    const after = (await readMember(tx, cooperativeId, memberId))!;
    await this.audit.record(tx, {
      cooperativeId,
      action: 'members.member.related-party',
      targetType: 'member',
      targetId: memberId,
      before: auditedMember(before),
      after: auditedMember(after),
      reason,
    });
    return after;
  }
}
