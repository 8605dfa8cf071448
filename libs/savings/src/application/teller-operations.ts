import { ApprovalService, type ApprovalRequestView } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  Decimal,
  InvalidInputError,
  isUuid,
  Money,
  NotFoundError,
  RuleViolationError,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import {
  BusinessDayService,
  ChartService,
  type PostingDraft,
  PostingService,
} from '@lumbung/ledger';
import { MemberDirectory } from '@lumbung/members';
import { Injectable } from '@nestjs/common';
import type { PokokTerms, SukarelaTerms, WajibTerms } from '../domain/product-terms';
import { cashFor } from '../domain/cash-rounding';
import { owedFrom } from '../domain/owed';
import { wajibCollection, wajibPosition } from '../domain/wajib';
import { requireMinimumLeft, requireOpen, requireWithdrawable } from '../domain/withdrawal-rules';
import {
  accountById,
  type SavingsAccountRecord,
  owedBalance,
  touchAccount,
} from '../infrastructure/account-store';
import { productBy } from '../infrastructure/product-store';
import { type SavingsSettings, settingsOf } from '../infrastructure/settings-store';
import {
  flagCashDay,
  type Operation,
  recordTransaction,
} from '../infrastructure/transaction-store';
import { TillService } from './till.service';

export const cashOperationType = 'savings.cash.operation';
export const receiptSeries = 'receipt';

export type CashRequest =
  | {
      readonly operation: 'deposit' | 'withdrawal';
      readonly accountId: string;
      readonly amount: string;
      readonly currency: string;
    }
  | { readonly operation: 'wajib'; readonly accountId: string; readonly months: number };

export interface Teller {
  readonly userId: string;
}

export interface Receipt {
  readonly receiptNumber: string;
  readonly entryId: string;
  readonly operation: Operation;
  readonly accountId: string;
  readonly accountNumber: string;
  readonly memberId: string;
  readonly amount: string;
  /** The cash handed over: the amount rounded to the cooperative's cash unit. */
  readonly cash: string;
  readonly currency: string;
  /** The account's balance after the operation, owed to the member. */
  readonly balanceAfter: string;
  readonly businessDate: string;
  readonly tellerId: string;
  readonly approvalId: string | null;
  /** The member's cash today reached the reporting threshold. */
  readonly cashThresholdReached: boolean;
  readonly wajibMonths?: { readonly from: string; readonly through: string };
}

export type CashOutcome =
  | { readonly status: 'done'; readonly receipt: Receipt }
  | { readonly status: 'awaiting-approval'; readonly approval: ApprovalRequestView };

interface Planned {
  readonly account: SavingsAccountRecord;
  readonly operation: Operation;
  readonly amount: Money;
  readonly direction: 'in' | 'out';
  readonly description: string;
  readonly wajibMonths?: { from: string; through: string };
}

/**
 * A teller's cash operations on members' savings: each one entry through the ledger (till
 * against the member's account), a gap-free receipt number (the entry's voucher in series
 * `receipt`), the savings record, and the cash-threshold flag, in one transaction.
 */
@Injectable()
export class TellerOperations {
  constructor(
    private readonly posting: PostingService,
    private readonly charts: ChartService,
    private readonly days: BusinessDayService,
    private readonly tills: TillService,
    private readonly members: MemberDirectory,
    private readonly approvals: ApprovalService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Above the teller limit the operation becomes an approval request and runs, receipt and all,
   * when a manager approves it (CashOperationExecutor).
   */
  async submit(
    tx: Tx,
    cooperativeId: string,
    teller: Teller & { roles: readonly string[] },
    request: CashRequest,
  ): Promise<CashOutcome> {
    const planned = await this.plan(tx, cooperativeId, request);
    const settings = await this.settings(tx, cooperativeId);
    const { tellerLimit } = settings;
    if (tellerLimit !== null && planned.amount.amount.gt(new Decimal(tellerLimit))) {
      const approval = await this.approvals.submit(tx, {
        cooperativeId,
        type: cashOperationType,
        payload: request,
        maker: { id: teller.userId, roles: teller.roles },
      });
      return { status: 'awaiting-approval', approval };
    }
    return {
      status: 'done',
      receipt: await this.post(tx, cooperativeId, teller, planned, settings, null),
    };
  }

  /** Checks a request and states what it would move; nothing is written. */
  async plan(tx: Tx, cooperativeId: string, request: CashRequest): Promise<Planned> {
    const account = await this.lockedAccount(tx, cooperativeId, request.accountId);
    const member = await this.members.requireMember(tx, cooperativeId, account.memberId);
    if (request.operation === 'wajib') {
      if (account.kind !== 'wajib') throw wrongKind(account, 'simpanan wajib');
      requireOpen(account.status, account.accountNumber);
      const terms = await this.termsOf<WajibTerms>(tx, cooperativeId, account);
      const { businessDate } = await this.days.enter(tx, cooperativeId, 'shared');
      const position = wajibPosition(account.openedOn, account.wajibPaidThrough, businessDate);
      const months = wajibCollection(position, request.months, businessDate);
      return {
        account,
        operation: 'wajib',
        amount: Money.parse(terms.amount, account.currency).times(
          String(request.months),
          'half-up',
        ),
        direction: 'in',
        description: `Simpanan wajib ${months.from}..${months.through} ${account.accountNumber}`,
        wajibMonths: months,
      };
    }
    const amount = positiveAmount(request.amount, request.currency, account);
    requireOpen(account.status, account.accountNumber);
    if (request.operation === 'withdrawal') {
      requireWithdrawable(account.kind, account.accountNumber);
      const terms = await this.termsOf<SukarelaTerms>(tx, cooperativeId, account);
      const balance = await owedBalance(tx, cooperativeId, account);
      requireMinimumLeft(
        balance,
        amount,
        Money.parse(terms.minimumBalance, account.currency),
        account.ledgerAccountId,
      );
      return {
        account,
        operation: 'withdrawal',
        amount,
        direction: 'out',
        description: `Penarikan tunai ${account.accountNumber}`,
      };
    }
    if (account.kind === 'pokok') {
      const terms = await this.termsOf<PokokTerms>(tx, cooperativeId, account);
      if (member.status !== 'applicant') {
        throw new RuleViolationError(
          'pokok-already-paid',
          'Simpanan pokok already paid',
          `Member ${member.memberNumber} paid simpanan pokok on joining; it is paid once`,
          { field: 'accountId' },
        );
      }
      if (!amount.equals(Money.parse(terms.amount, account.currency))) {
        throw new InvalidInputError(`Simpanan pokok is ${terms.amount} ${account.currency}`, [
          { field: 'amount', message: `simpanan pokok is ${terms.amount}, the same for everyone` },
        ]);
      }
      return {
        account,
        operation: 'pokok',
        amount,
        direction: 'in',
        description: `Simpanan pokok ${member.memberNumber}`,
      };
    }
    if (account.kind === 'wajib') throw wrongKind(account, 'a wajib collection (months)');
    return {
      account,
      operation: 'deposit',
      amount,
      direction: 'in',
      description: `Setoran tunai ${account.accountNumber}`,
    };
  }

  /** Checks the request again and posts it (an approved request runs here, maybe days later). */
  async perform(
    tx: Tx,
    cooperativeId: string,
    teller: Teller,
    request: CashRequest,
    approvalId: string | null,
  ): Promise<Receipt> {
    const planned = await this.plan(tx, cooperativeId, request);
    const settings = await this.settings(tx, cooperativeId);
    return this.post(tx, cooperativeId, teller, planned, settings, approvalId);
  }

  /** Posts a planned operation in cash through the teller's open till. */
  private async post(
    tx: Tx,
    cooperativeId: string,
    teller: Teller,
    planned: Planned,
    settings: SavingsSettings & { functional: string },
    approvalId: string | null,
  ): Promise<Receipt> {
    const { account, amount } = planned;
    const till = await this.tills.requireOpenSession(
      tx,
      cooperativeId,
      teller.userId,
      account.currency,
    );
    const cash = cashFor(amount, settings.cashRoundingUnit);
    const inward = planned.direction === 'in';
    const postings: PostingDraft[] = [
      { accountId: till.tillAccountId, amount: inward ? cash : cash.negated() },
      { accountId: account.ledgerAccountId, amount: inward ? amount.negated() : amount },
    ];
    if (!cash.equals(amount)) {
      const rounding = await this.charts.accountByCode(tx, cooperativeId, '5-9102');
      postings.push({
        accountId: rounding.id,
        amount: inward ? amount.minus(cash) : cash.minus(amount),
        counterpartyClass: 'member',
      });
    }
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: planned.description,
      source: { type: `savings.${planned.operation}`, id: account.id },
      voucherSeries: receiptSeries,
      recordedBy: teller.userId,
      postings,
    });
    const receiptNumber = entry.voucher!.number;
    await recordTransaction(tx, cooperativeId, {
      entryId: entry.id,
      operation: planned.operation,
      savingsAccountId: account.id,
      memberId: account.memberId,
      amount: amount.toString(),
      cashAmount: cash.toString(),
      currency: account.currency,
      direction: planned.direction,
      cash: true,
      receiptNumber,
      businessDate: entry.postingDate,
      tellerId: teller.userId,
      approvalId,
    });
    await touchAccount(
      tx,
      cooperativeId,
      account.id,
      entry.postingDate,
      planned.wajibMonths?.through,
    );
    if (planned.operation === 'pokok')
      await this.members.changeStatus(tx, cooperativeId, account.memberId, 'active');
    const { cashReportThreshold, functional } = settings;
    const flagged =
      cashReportThreshold !== null && account.currency === functional
        ? await flagCashDay(tx, cooperativeId, {
            memberId: account.memberId,
            businessDate: entry.postingDate,
            currency: account.currency,
            threshold: cashReportThreshold,
          })
        : false;
    const leafLine = entry.postings.find((p) => p.accountId === account.ledgerAccountId)!;
    const receipt: Receipt = {
      receiptNumber,
      entryId: entry.id,
      operation: planned.operation,
      accountId: account.id,
      accountNumber: account.accountNumber,
      memberId: account.memberId,
      amount: amount.toString(),
      cash: cash.toString(),
      currency: account.currency,
      balanceAfter: owedFrom(leafLine.balanceAfter, account.currency).toString(),
      businessDate: entry.postingDate,
      tellerId: teller.userId,
      approvalId,
      cashThresholdReached: flagged,
      ...(planned.wajibMonths ? { wajibMonths: planned.wajibMonths } : {}),
    };
    await this.audit.record(tx, {
      cooperativeId,
      action: `savings.${planned.operation}`,
      targetType: 'savings_account',
      targetId: account.id,
      after: receipt,
      actorId: teller.userId,
    });
    return receipt;
  }

  private async settings(tx: Tx, cooperativeId: string) {
    const day = await this.days.enter(tx, cooperativeId, 'shared');
    const settings = await settingsOf(tx, cooperativeId, day.functionalCurrency);
    return { ...settings, functional: day.functionalCurrency };
  }

  /**
   * Locks the account. Paying pokok changes the member's status, so then the member is locked
   * first, in the same order as exit and death lock them (member, then accounts).
   */
  private async lockedAccount(
    tx: Tx,
    cooperativeId: string,
    accountId: string,
  ): Promise<SavingsAccountRecord> {
    const unlocked = isUuid(accountId)
      ? await accountById(tx, cooperativeId, accountId)
      : undefined;
    if (!unlocked) throw new NotFoundError('savings account', accountId);
    if (unlocked.kind === 'pokok') {
      await this.members.lockMember(tx, cooperativeId, unlocked.memberId);
    }
    return (await accountById(tx, cooperativeId, accountId, true))!;
  }

  private async termsOf<T>(
    tx: Tx,
    cooperativeId: string,
    account: SavingsAccountRecord,
  ): Promise<T> {
    const product = await productBy(tx, cooperativeId, { id: account.productId });
    return product!.terms as T;
  }
}

function positiveAmount(value: string, currency: string, account: SavingsAccountRecord): Money {
  if (currency !== account.currency) {
    throw new InvalidInputError(`Account ${account.accountNumber} is kept in ${account.currency}`, [
      { field: 'currency', message: `must be ${account.currency}, the account's currency` },
    ]);
  }
  const amount = Money.parse(value, currency, 'amount');
  if (!amount.isPositive()) {
    throw new InvalidInputError('amount must be above zero', [
      { field: 'amount', message: 'must be above zero' },
    ]);
  }
  return amount;
}

function wrongKind(account: SavingsAccountRecord, expected: string): RuleViolationError {
  return new RuleViolationError(
    'wrong-account-kind',
    'Wrong kind of account',
    `Account ${account.accountNumber} is simpanan ${account.kind}, not for ${expected}`,
    { field: 'accountId' },
  );
}
