import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { parseMemberExitRequest } from './member-exit-request';
import { MemberExitService, type StoredExit } from './member-exit.service';

export const memberExitType = 'savings.member.exit';

/**
 * A member's exit or death, submitted by the teller who will pay out: the request stores the
 * settlement computed at submission, so the approver sees exactly what will move, and runs in
 * the maker's till when a manager approves it.
 */
@Injectable()
export class MemberExitExecutor extends RegisteredExecutor {
  readonly type = memberExitType;
  readonly movesMoney = true;
  readonly defaultRule = oneManagerApproves;

  constructor(
    registry: ApprovalRegistry,
    private readonly exits: MemberExitService,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const request = parseMemberExitRequest(input.payload);
    const { member, settlement } = await this.exits.plan(tx, input.cooperativeId, request);
    const total = Money.parse(settlement.totalPaidOut, settlement.currency);
    const stored: StoredExit = { request, settlement };
    const paidTo = request.reason === 'death' ? 'to the heirs' : 'to the member';
    // The approver reads what the savings settle before anything is paid out.
    const settling = settlement.obligations.length
      ? `settle ${settlement.obligations.map((o) => `${o.description} ${o.amount}`).join(', ')} from savings, then `
      : '';
    return {
      payload: stored,
      summary: `${request.reason === 'death' ? 'Death' : 'Exit'} of member ${member.memberNumber} ${member.fullName}: ${settling}pay ${total.toString()} ${total.currency.code} ${paidTo}`,
      // Savings are kept only in the functional currency (settleExit), so the amount is its own
      // equivalent; an exit with nothing owed moves no money.
      ...(total.isPositive()
        ? { amount: total.toJSON(), functionalEquivalent: total.toString() }
        : {}),
    };
  }

  execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    return this.exits.execute(tx, record.cooperativeId, {
      id: record.id,
      makerId: record.makerId,
      stored: record.payload as StoredExit,
    });
  }
}
