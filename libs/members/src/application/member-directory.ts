import { AuditLog } from '@lumbung/audit';
import { isUuid, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { assertStatusChange, type MemberStatus } from '../domain/member-status';
import { readSummary, updateStatus } from '../infrastructure/member-store';
import type { MemberSummary } from './member-view';

/**
 * What other modules (savings, loans, the end-of-day run) ask of members, inside their own
 * transaction. Another cooperative's member is as unknown as one that does not exist.
 */
@Injectable()
export class MemberDirectory {
  constructor(private readonly audit: AuditLog) {}

  async requireMember(tx: Tx, cooperativeId: string, memberId: string): Promise<MemberSummary> {
    return this.find(tx, cooperativeId, memberId, false);
  }

  /** Row lock until commit: take it before any ledger balance lock (DESIGN.md section 3). */
  async lockMember(tx: Tx, cooperativeId: string, memberId: string): Promise<MemberSummary> {
    return this.find(tx, cooperativeId, memberId, true);
  }

  /** Savings activates an applicant when simpanan pokok is paid; end of day makes dormant. */
  async changeStatus(
    tx: Tx,
    cooperativeId: string,
    memberId: string,
    to: MemberStatus,
    reason?: string,
  ): Promise<MemberSummary> {
    const before = await this.lockMember(tx, cooperativeId, memberId);
    assertStatusChange(before.status, to);
    await updateStatus(tx, cooperativeId, memberId, to);
    const after = { ...before, status: to };
    await this.audit.record(tx, {
      cooperativeId,
      action: 'members.member.status',
      targetType: 'member',
      targetId: memberId,
      before: { status: before.status },
      after: { status: to },
      reason,
    });
    return after;
  }

  private async find(
    tx: Tx,
    cooperativeId: string,
    memberId: string,
    lock: boolean,
  ): Promise<MemberSummary> {
    const member = isUuid(memberId)
      ? await readSummary(tx, cooperativeId, memberId, lock)
      : undefined;
    if (!member) throw new NotFoundError('member', memberId);
    return member;
  }
}
