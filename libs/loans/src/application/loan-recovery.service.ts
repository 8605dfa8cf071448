import type { Actor } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  type BusinessDate,
  InvalidInputError,
  Money,
  RuleViolationError,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { BusinessDayService, PostingService } from '@lumbung/ledger';
import { receiptSeries, VoluntarySavingsAccess } from '@lumbung/savings';
import { Injectable } from '@nestjs/common';
import { recoverable, recoveredOf } from '../domain/non-accrual';
import { insertRecovery, recoveriesOf, writeOffOf } from '../infrastructure/non-accrual-store';
import { InterestSuspension } from './interest-suspension';
import { LoanInterest } from './loan-interest';
import { LoanRepaymentService } from './loan-repayment.service';
import { LoanViews } from './loan-views';

export interface RecoveryRequest {
  readonly amount: string;
  readonly channel: 'cash' | 'savings';
  readonly savingsAccountId?: string;
}

export interface RecoveryReceipt {
  readonly recoveryId: string;
  readonly loanId: string;
  readonly receivedOn: BusinessDate;
  readonly amount: string;
  readonly entryId: string;
  readonly receiptNumber: string | null;
  /** Recovered so far, this one included, and what the written-off claim still allows. */
  readonly recovered: string;
  readonly recoverable: string;
}

/**
 * Money received for a written-off loan (a teller's, with an Idempotency-Key): recovery income
 * (`4-2102`, Pemulihan Pinjaman Dihapusbukukan) when received, and the claim kept in memorandum
 * (`9-1102`) reduced by it. Never more than the claim has left (`recovery-above-written-off`).
 */
@Injectable()
export class LoanRecoveryService {
  constructor(
    private readonly views: LoanViews,
    private readonly repayments: LoanRepaymentService,
    private readonly interest: LoanInterest,
    private readonly suspension: InterestSuspension,
    private readonly savings: VoluntarySavingsAccess,
    private readonly days: BusinessDayService,
    private readonly posting: PostingService,
    private readonly audit: AuditLog,
  ) {}

  async recover(
    tx: Tx,
    cooperativeId: string,
    teller: Actor,
    loanId: string,
    request: RecoveryRequest,
  ): Promise<RecoveryReceipt> {
    if (request.channel !== 'cash' && request.channel !== 'savings') {
      throw new InvalidInputError('Receive in cash or from savings', [
        { field: 'channel', message: 'cash or savings' },
      ]);
    }
    const loan = await this.views.lockInStatus(
      tx,
      cooperativeId,
      loanId,
      'written-off',
      'only a written-off loan takes recoveries',
    );
    const amount = Money.parse(request.amount, loan.currency, 'amount');
    if (!amount.isPositive()) {
      throw new InvalidInputError('A recovery is above zero', [
        { field: 'amount', message: 'above zero' },
      ]);
    }
    const { businessDate } = await this.days.enter(tx, cooperativeId, 'shared');
    const writeOff = (await writeOffOf(tx, cooperativeId, loan.id))!;
    const before = recoveredOf(loan.currency, await recoveriesOf(tx, cooperativeId, loan.id));
    const left = recoverable(Money.of(writeOff.writtenOff, loan.currency), before);
    if (amount.compare(left) > 0) {
      throw new RuleViolationError(
        'recovery-above-written-off',
        'More than was written off',
        `Loan ${loan.loanNumber} was written off for ${writeOff.writtenOff} and ${before.toString()} has been recovered: at most ${left.toString()} more`,
        { field: 'amount', recoverable: left.toString() },
      );
    }
    const funding = await this.repayments.fund(tx, cooperativeId, teller, loan, request, amount);
    const accounts = await this.suspension.accounts(tx, cooperativeId);
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Pemulihan pinjaman dihapusbukukan ${loan.loanNumber}`,
      source: { type: 'loans.recovery', id: loan.id },
      voucherSeries: funding.channel === 'cash' ? receiptSeries : undefined,
      recordedBy: teller.id,
      postings: [
        ...funding.sources.map((s) => ({ accountId: s.ledgerAccountId, amount: s.amount })),
        {
          accountId: accounts.recoveries,
          amount: amount.negated(),
          counterpartyClass: 'member',
          dimensions: this.interest.dimensionsOf(loan),
        },
        { accountId: accounts.contra, amount },
        { accountId: accounts.writtenOff, amount: amount.negated() },
      ],
    });
    if (funding.account) {
      await this.savings.recorded(tx, cooperativeId, {
        account: funding.account,
        entry,
        operation: 'loan-repayment',
        amount,
        actorId: teller.id,
      });
    }
    const recoveryId = uuidv7();
    const receiptNumber = entry.voucher?.number ?? null;
    await insertRecovery(tx, cooperativeId, {
      id: recoveryId,
      loanId: loan.id,
      receivedOn: businessDate,
      amount: amount.toString(),
      channel: funding.channel,
      savingsAccountId: funding.account?.id ?? null,
      entryId: entry.id,
      receiptNumber,
      recordedBy: teller.id,
    });
    const recovered = before.plus(amount);
    const receipt: RecoveryReceipt = {
      recoveryId,
      loanId: loan.id,
      receivedOn: businessDate,
      amount: amount.toString(),
      entryId: entry.id,
      receiptNumber,
      recovered: recovered.toString(),
      recoverable: left.minus(amount).toString(),
    };
    await this.audit.record(tx, {
      cooperativeId,
      action: 'loans.recovery',
      targetType: 'loan',
      targetId: loan.id,
      after: receipt,
      actorId: teller.id,
    });
    return receipt;
  }
}
