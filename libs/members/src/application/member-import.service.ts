import { AuditLog } from '@lumbung/audit';
import { type BusinessDate, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import type { Registration } from '../domain/member-details';
import {
  advanceMemberNumber,
  insertMember,
  readMember,
  saveBusinessProfile,
  updateStatus,
} from '../infrastructure/member-store';
import { auditedMember, type MemberView } from './member-view';

/** A member as the cooperative's previous books knew them, already parsed and checked. */
export interface ImportedMember {
  /** Six digits or more, as the member number column stores them. */
  readonly memberNumber: string;
  readonly joinDate: BusinessDate;
  readonly registration: Registration;
}

/**
 * Members brought over at a cut-over (libs/onboarding): they keep their member numbers and join
 * dates, and are active at once, since they paid simpanan pokok in the old books. The caller has
 * checked numbers and identity documents for duplicates; the unique keys still stand behind it.
 */
@Injectable()
export class MemberImport {
  constructor(private readonly audit: AuditLog) {}

  async importMember(tx: Tx, cooperativeId: string, member: ImportedMember): Promise<MemberView> {
    const id = uuidv7();
    const { registration } = member;
    await insertMember(
      tx,
      { cooperativeId, id, memberNumber: member.memberNumber, joinDate: member.joinDate },
      registration,
    );
    await updateStatus(tx, cooperativeId, id, 'active');
    if (registration.businessProfile) {
      await saveBusinessProfile(tx, cooperativeId, id, registration.businessProfile);
    }
    await advanceMemberNumber(tx, cooperativeId, Number(member.memberNumber));
    const imported = (await readMember(tx, cooperativeId, id))!;
    await this.audit.record(tx, {
      cooperativeId,
      action: 'members.member.import',
      targetType: 'member',
      targetId: id,
      after: auditedMember(imported),
    });
    return imported;
  }
}
