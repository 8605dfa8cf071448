import { InvalidInputError, isUuid, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import type { SukarelaTerms } from '../domain/product-terms';
import { requireMinimumLeft, requireOpen } from '../domain/withdrawal-rules';
import {
  accountById,
  owedBalance,
  type SavingsAccountRecord,
  touchAccount,
} from '../infrastructure/account-store';
import { productBy } from '../infrastructure/product-store';
import { recordTransaction } from '../infrastructure/transaction-store';

export interface VoluntaryAccount {
  readonly id: string;
  readonly accountNumber: string;
  readonly memberId: string;
  readonly ledgerAccountId: string;
  readonly currency: string;
}

/** Money into the account: a loan paid out to it, or a repayment from it reversed. */
export type LoanMovement = 'loan-disbursement' | 'loan-repayment' | 'loan-repayment-reversal';

/**
 * Another domain's money into or out of a member's own voluntary savings (a loan paid out to
 * savings, an instalment debited from them), inside that domain's entry. The account is
 * locked here: take it after the member and the domain's own rows, before any till.
 */
@Injectable()
export class VoluntarySavingsAccess {
  async forCredit(
    tx: Tx,
    cooperativeId: string,
    accountId: string,
    memberId: string,
    field: string,
  ): Promise<VoluntaryAccount> {
    return this.lockVoluntary(tx, cooperativeId, accountId, memberId, field);
  }

  private async lockVoluntary(
    tx: Tx,
    cooperativeId: string,
    accountId: string,
    memberId: string,
    field: string,
  ): Promise<SavingsAccountRecord> {
    const account = isUuid(accountId)
      ? await accountById(tx, cooperativeId, accountId, true)
      : undefined;
    if (!account || account.memberId !== memberId || account.kind !== 'sukarela') {
      throw new InvalidInputError('Not one of the member’s voluntary savings accounts', [
        { field, message: "one of the member's own sukarela accounts" },
      ]);
    }
    requireOpen(account.status, account.accountNumber);
    return account;
  }

  /** As `forCredit`, and the product's minimum balance stays after the debit. */
  async forDebit(
    tx: Tx,
    cooperativeId: string,
    accountId: string,
    memberId: string,
    amount: Money,
    field: string,
  ): Promise<VoluntaryAccount> {
    const account = await this.lockVoluntary(tx, cooperativeId, accountId, memberId, field);
    const terms = (await productBy(tx, cooperativeId, { id: account.productId }))!
      .terms as SukarelaTerms;
    requireMinimumLeft(
      await owedBalance(tx, cooperativeId, account),
      amount,
      Money.parse(terms.minimumBalance, account.currency),
      account.ledgerAccountId,
    );
    return account;
  }

  /** Records the movement beside the entry, as the statement and cash reports read it. */
  async recorded(
    tx: Tx,
    cooperativeId: string,
    movement: {
      readonly account: VoluntaryAccount;
      readonly entry: { readonly id: string; readonly postingDate: string };
      readonly operation: LoanMovement;
      readonly amount: Money;
      readonly actorId: string;
    },
  ): Promise<void> {
    await recordTransaction(tx, cooperativeId, {
      entryId: movement.entry.id,
      operation: movement.operation,
      savingsAccountId: movement.account.id,
      memberId: movement.account.memberId,
      amount: movement.amount.toString(),
      currency: movement.account.currency,
      direction: movement.operation === 'loan-repayment' ? 'out' : 'in',
      cash: false,
      receiptNumber: null,
      businessDate: movement.entry.postingDate,
      tellerId: movement.actorId,
      approvalId: null,
    });
    await touchAccount(tx, cooperativeId, movement.account.id, movement.entry.postingDate);
  }
}
