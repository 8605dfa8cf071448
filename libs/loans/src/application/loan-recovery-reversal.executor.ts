import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import { InvalidInputError, Money, RuleViolationError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { recoverable, recoveredOf } from '../domain/non-accrual';
import {
  insertRecoveryReversal,
  recoveriesOf,
  writeOffOf,
} from '../infrastructure/non-accrual-store';
import { LoanReceiptReversal } from './loan-receipt-reversal';
import { LoanViews } from './loan-views';

export const recoveryReversalType = 'loans.recovery.reverse';

/**
 * Reversing a recovery on a written-off loan (keyed to the wrong loan, a bounced transfer), as a
 * repayment is reversed: asked by a teller or manager with a reason, done when a manager other
 * than the one asking approves (`loans.recovery.reverse`). Its entry is reversed whole, so the
 * recovery income (`4-2102`) comes back out, the claim in `9-1102` is restored against `9-9101`
 * and the money goes back to the till or the member's account; the recovery then no longer
 * counts as recovered. Recoveries stand apart from each other, so any one may be reversed, once.
 */
@Injectable()
export class LoanRecoveryReversalExecutor extends RegisteredExecutor {
  readonly type = recoveryReversalType;
  readonly defaultRule = oneManagerApproves;
  readonly movesMoney = true;

  constructor(
    registry: ApprovalRegistry,
    private readonly views: LoanViews,
    private readonly receipts: LoanReceiptReversal,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const { loan, recovery } = await this.target(tx, input.cooperativeId, input.payload);
    return {
      payload: { loanId: loan.id, recoveryId: recovery.id },
      summary: `Reverse recovery of ${recovery.amount} ${loan.currency} on ${recovery.receivedOn} for written-off loan ${loan.loanNumber}`,
      amount: { amount: recovery.amount, currency: loan.currency },
      functionalEquivalent: recovery.amount,
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const { cooperativeId } = record;
    const { loan, recovery } = await this.target(tx, cooperativeId, record.payload);
    const { entry, businessDate, reason } = await this.receipts.reverse(tx, record, loan, {
      id: recovery.id,
      kind: 'recovery',
      amount: recovery.amount,
      entryId: recovery.entryId,
      savingsAccountId: recovery.savingsAccountId,
    });
    await insertRecoveryReversal(tx, cooperativeId, {
      recoveryId: recovery.id,
      loanId: loan.id,
      reversedOn: businessDate,
      entryId: entry.id,
      approvalRequestId: record.id,
      reason,
    });
    const writeOff = (await writeOffOf(tx, cooperativeId, loan.id))!;
    const recovered = recoveredOf(loan.currency, await recoveriesOf(tx, cooperativeId, loan.id));
    const result = {
      loanId: loan.id,
      recoveryId: recovery.id,
      reversalEntryId: entry.id,
      recovered: recovered.toString(),
      recoverable: recoverable(Money.of(writeOff.writtenOff, loan.currency), recovered).toString(),
    };
    await this.audit.record(tx, {
      cooperativeId,
      action: recoveryReversalType,
      targetType: 'loan',
      targetId: loan.id,
      before: { recovery },
      after: result,
      reason,
    });
    return result;
  }

  /** The written-off loan (locked) and its recovery still counting. */
  private async target(tx: Tx, cooperativeId: string, payload: unknown) {
    const raw = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
      string,
      unknown
    >;
    const loan = await this.views.lockInStatus(
      tx,
      cooperativeId,
      String(raw.loanId ?? ''),
      'written-off',
      'only a written-off loan has recoveries to reverse',
    );
    const recovery = (await recoveriesOf(tx, cooperativeId, loan.id)).find(
      (r) => r.id === raw.recoveryId,
    );
    if (!recovery) {
      throw new InvalidInputError('No such recovery to reverse', [
        { field: 'recoveryId', message: `a recovery of loan ${loan.loanNumber}` },
      ]);
    }
    if (recovery.reversedOn !== null) {
      throw new RuleViolationError(
        'recovery-already-reversed',
        'Recovery already reversed',
        `The recovery of ${recovery.amount} on ${recovery.receivedOn} for loan ${loan.loanNumber} was reversed on ${recovery.reversedOn}`,
        { field: 'recoveryId', reversedOn: recovery.reversedOn },
      );
    }
    return { loan, recovery };
  }
}
