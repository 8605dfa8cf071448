import { AuditLog } from '@lumbung/audit';
import { ConflictError, uuidv7 } from '@lumbung/core';
import { driverError, type Tx } from '@lumbung/database';
import { BusinessDayService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { parseRegistration, type RegistrationInput } from '../domain/member-details';
import {
  insertMember,
  readMember,
  saveBusinessProfile,
  takeMemberNumber,
} from '../infrastructure/member-store';
import { auditedMember, type MemberView } from './member-view';

export type NewMember = RegistrationInput;

/** Registers an applicant: a member once simpanan pokok is paid (libs/savings). */
@Injectable()
export class MemberRegistration {
  constructor(
    private readonly audit: AuditLog,
    private readonly businessDays: BusinessDayService,
  ) {}

  async register(tx: Tx, cooperativeId: string, input: NewMember): Promise<MemberView> {
    // Shared business-day lock: the join date is the date this transaction commits under.
    const { businessDate } = await this.businessDays.enter(tx, cooperativeId);
    const registration = parseRegistration(input, businessDate);
    const id = uuidv7();
    const memberNumber = await takeMemberNumber(tx, cooperativeId);
    try {
      await insertMember(
        tx,
        { cooperativeId, id, memberNumber, joinDate: businessDate },
        registration,
      );
    } catch (error) {
      if (driverError(error)?.constraint === 'member_identity_unique') {
        throw new ConflictError(
          'duplicate-identity',
          'Duplicate identity',
          `A member of this cooperative is already registered with this ${registration.identity.type} number`,
          { field: 'identity.number' },
        );
      }
      throw error;
    }
    if (registration.businessProfile) {
      await saveBusinessProfile(tx, cooperativeId, id, registration.businessProfile);
    }
    const member = (await readMember(tx, cooperativeId, id))!;
    await this.audit.record(tx, {
      cooperativeId,
      action: 'members.member.register',
      targetType: 'member',
      targetId: id,
      after: auditedMember(member),
    });
    return member;
  }
}
