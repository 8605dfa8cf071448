import type { ApprovalRequestRecord } from '@lumbung/approvals';
import { type BusinessDate, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { BusinessDayService, type PostedEntry, ReversalService } from '@lumbung/ledger';
import { VoluntarySavingsAccess } from '@lumbung/savings';
import { Injectable } from '@nestjs/common';
import type { LoanRecord } from '../infrastructure/loan-store';

/** Money a loan received, as far as undoing it goes: its entry and where the money came from. */
export interface LoanReceipt {
  readonly id: string;
  readonly kind: 'repayment' | 'recovery';
  readonly amount: string;
  readonly entryId: string;
  readonly savingsAccountId: string | null;
}

/**
 * What reversing a repayment and reversing a recovery share, in the approving transaction: the
 * receipt's entry reversed whole on today's business date, and money taken from the member's
 * voluntary account put back on its record there. The executors keep the loan's own state.
 */
@Injectable()
export class LoanReceiptReversal {
  constructor(
    private readonly savings: VoluntarySavingsAccess,
    private readonly reversals: ReversalService,
    private readonly days: BusinessDayService,
  ) {}

  async reverse(
    tx: Tx,
    record: ApprovalRequestRecord,
    loan: LoanRecord,
    receipt: LoanReceipt,
  ): Promise<{ entry: PostedEntry; businessDate: BusinessDate; reason: string }> {
    const { cooperativeId } = record;
    const account = receipt.savingsAccountId
      ? await this.savings.forCredit(
          tx,
          cooperativeId,
          receipt.savingsAccountId,
          loan.memberId,
          `${receipt.kind}Id`,
        )
      : null;
    const { businessDate } = await this.days.enter(tx, cooperativeId, 'shared');
    const reason = record.reason ?? `Reversal approved in request ${record.id}`;
    const { entry } = await this.reversals.reverse(tx, cooperativeId, receipt.entryId, {
      reason,
      source: { type: `loans.${receipt.kind}.reversal`, id: receipt.id },
    });
    if (account) {
      await this.savings.recorded(tx, cooperativeId, {
        account,
        entry,
        operation: 'loan-repayment-reversal',
        amount: Money.of(receipt.amount, loan.currency),
        actorId: record.makerId,
      });
    }
    return { entry, businessDate, reason };
  }
}
