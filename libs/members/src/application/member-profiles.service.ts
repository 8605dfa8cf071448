import { AuditLog } from '@lumbung/audit';
import { InvalidInputError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { type BusinessProfileInput, parseBusinessProfile } from '../domain/business-profile';
import { FieldErrors } from '../domain/field-errors';
import { parseContact } from '../domain/member-details';
import { readMember, saveBusinessProfile, updateContact } from '../infrastructure/member-store';
import { MemberDirectory } from './member-directory';
import { auditedMember, type MemberView } from './member-view';

/** Fields left out stay as they are; a null phone or address clears it. */
export interface MemberProfileChange {
  readonly phone?: string | null;
  readonly address?: string | null;
  /** Replaces the whole profile. */
  readonly businessProfile?: BusinessProfileInput;
}

/** Contact details and the business profile: what a teller keeps up to date. */
@Injectable()
export class MemberProfiles {
  constructor(
    private readonly audit: AuditLog,
    private readonly directory: MemberDirectory,
  ) {}

  async update(
    tx: Tx,
    cooperativeId: string,
    memberId: string,
    change: MemberProfileChange,
  ): Promise<MemberView> {
    await this.directory.lockMember(tx, cooperativeId, memberId);
    const errors = new FieldErrors();
    const contact = errors.check(() => parseContact(change));
    const profile =
      change.businessProfile === undefined
        ? undefined
        : errors.check(() => parseBusinessProfile(change.businessProfile!));
    errors.throwIfAny('The change is not valid');
    if (contact!.phone === undefined && contact!.address === undefined && !profile) {
      throw new InvalidInputError('Nothing to change', [
        { field: 'body', message: 'send phone, address or businessProfile' },
      ]);
    }
    const before = (await readMember(tx, cooperativeId, memberId))!;
    await updateContact(tx, cooperativeId, memberId, contact!);
    if (profile) await saveBusinessProfile(tx, cooperativeId, memberId, profile);
    const after = (await readMember(tx, cooperativeId, memberId))!;
    await this.audit.record(tx, {
      cooperativeId,
      action: 'members.member.update',
      targetType: 'member',
      targetId: memberId,
      before: auditedMember(before),
      after: auditedMember(after),
    });
    return after;
  }
}
