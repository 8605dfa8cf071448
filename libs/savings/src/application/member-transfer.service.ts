import { AuditLog } from '@lumbung/audit';
import { InvalidInputError, isUuid, Money, NotFoundError, RuleViolationError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { PostingService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { requireOpen, requireWithdrawable } from '../domain/withdrawal-rules';
import {
  accountById,
  type SavingsAccountRecord,
  touchAccount,
} from '../infrastructure/account-store';
import { recordTransaction } from '../infrastructure/transaction-store';
import { receiptSeries } from './teller-operations';

export interface TransferRequest {
  readonly fromAccountId: string;
  readonly toAccountId: string;
  readonly amount: string;
  readonly currency: string;
}

export interface TransferReceipt {
  readonly receiptNumber: string;
  readonly entryId: string;
  readonly fromAccountNumber: string;
  readonly toAccountNumber: string;
  readonly amount: string;
  readonly currency: string;
  readonly businessDate: string;
}

/** Moves a member's money between their own voluntary savings accounts: no cash changes hands. */
@Injectable()
export class MemberTransferService {
  constructor(
    private readonly posting: PostingService,
    private readonly audit: AuditLog,
  ) {}

  async transfer(
    tx: Tx,
    cooperativeId: string,
    actorId: string,
    request: TransferRequest,
  ): Promise<TransferReceipt> {
    if (request.fromAccountId === request.toAccountId) {
      throw new InvalidInputError('A transfer needs two accounts', [
        { field: 'toAccountId', message: 'must differ from fromAccountId' },
      ]);
    }
    // Locked in id order, like the ledger's balance rows, so two opposite transfers cannot deadlock.
    const [first, second] = [request.fromAccountId, request.toAccountId].sort();
    const locked = new Map<string, SavingsAccountRecord>();
    for (const id of [first, second]) {
      const account = isUuid(id) ? await accountById(tx, cooperativeId, id, true) : undefined;
      if (!account) throw new NotFoundError('savings account', id);
      locked.set(id, account);
    }
    const from = locked.get(request.fromAccountId)!;
    const to = locked.get(request.toAccountId)!;
    if (from.memberId !== to.memberId) {
      throw new RuleViolationError(
        'different-members',
        'Different members',
        'A transfer moves money between one member’s own accounts',
        { field: 'toAccountId' },
      );
    }
    requireOpen(from.status, from.accountNumber);
    requireOpen(to.status, to.accountNumber);
    requireWithdrawable(from.kind, from.accountNumber);
    if (to.kind !== 'sukarela') {
      throw new RuleViolationError(
        'wrong-account-kind',
        'Wrong kind of account',
        `Account ${to.accountNumber} is simpanan ${to.kind}: transfers go to voluntary savings`,
        { field: 'toAccountId' },
      );
    }
    if (request.currency !== from.currency || request.currency !== to.currency) {
      throw new InvalidInputError('Both accounts and the amount share one currency', [
        { field: 'currency', message: `must be ${from.currency}` },
      ]);
    }
    const amount = Money.parse(request.amount, request.currency, 'amount');
    if (!amount.isPositive()) {
      throw new InvalidInputError('amount must be above zero', [
        { field: 'amount', message: 'must be above zero' },
      ]);
    }
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Pemindahbukuan ${from.accountNumber} ke ${to.accountNumber}`,
      source: { type: 'savings.transfer', id: from.id },
      voucherSeries: receiptSeries,
      recordedBy: actorId,
      postings: [
        { accountId: from.ledgerAccountId, amount },
        { accountId: to.ledgerAccountId, amount: amount.negated() },
      ],
    });
    for (const [account, operation, direction] of [
      [from, 'transfer-out', 'out'],
      [to, 'transfer-in', 'in'],
    ] as const) {
      await recordTransaction(tx, cooperativeId, {
        entryId: entry.id,
        operation,
        savingsAccountId: account.id,
        memberId: account.memberId,
        amount: amount.toString(),
        currency: amount.currency.code,
        direction,
        cash: false,
        receiptNumber: operation === 'transfer-out' ? entry.voucher!.number : null,
        businessDate: entry.postingDate,
        tellerId: actorId,
        approvalId: null,
      });
      await touchAccount(tx, cooperativeId, account.id, entry.postingDate);
    }
    const receipt: TransferReceipt = {
      receiptNumber: entry.voucher!.number,
      entryId: entry.id,
      fromAccountNumber: from.accountNumber,
      toAccountNumber: to.accountNumber,
      amount: amount.toString(),
      currency: amount.currency.code,
      businessDate: entry.postingDate,
    };
    await this.audit.record(tx, {
      cooperativeId,
      action: 'savings.transfer',
      targetType: 'savings_account',
      targetId: from.id,
      after: receipt,
    });
    return receipt;
  }
}
