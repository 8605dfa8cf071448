import { AuditLog } from '@lumbung/audit';
import { ConflictError, Money, RuleViolationError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import {
  BusinessDayService,
  ChartService,
  type PostingDraft,
  PostingService,
} from '@lumbung/ledger';
import { MemberDirectory, type MemberSummary } from '@lumbung/members';
import { Injectable } from '@nestjs/common';
import {
  type ExitAccount,
  type ExitReason,
  type ExitSettlement,
  exitStatusOf,
  settleExit,
  settlementsAgree,
  type WajibDue,
} from '../domain/member-exit';
import { cashFor } from '../domain/cash-rounding';
import type { WajibTerms } from '../domain/product-terms';
import { wajibPosition } from '../domain/wajib';
import {
  accountById,
  accountsOfMember,
  closeAccount,
  owedBalance,
  type SavingsAccountRecord,
  touchAccount,
} from '../infrastructure/account-store';
import { productBy } from '../infrastructure/product-store';
import { settingsOf } from '../infrastructure/settings-store';
import {
  flagCashDay,
  type Operation,
  recordTransaction,
} from '../infrastructure/transaction-store';
import { ExitObligations } from './exit-obligations';
import type { Heir, MemberExitRequest } from './member-exit-request';
import { receiptSeries } from './teller-operations';
import { TillService } from './till.service';

/** What an exit request stores: the request and the settlement the approver saw. */
export interface StoredExit {
  readonly request: MemberExitRequest;
  readonly settlement: ExitSettlement;
}

/** An exit request whose rule is met, run in the maker's till. */
export interface ApprovedExit {
  readonly id: string;
  readonly makerId: string;
  readonly stored: StoredExit;
}

export interface ExitPlan {
  readonly member: MemberSummary;
  readonly settlement: ExitSettlement;
}

/** The settlement receipt, given to the member or the heirs. */
export interface ExitReceipt {
  /** Null when nothing was owed: no cash moved, so no receipt number was spent. */
  readonly receiptNumber: string | null;
  readonly entryId: string | null;
  readonly memberId: string;
  readonly memberNumber: string;
  readonly memberName: string;
  readonly reason: ExitReason;
  readonly status: (typeof exitStatusOf)[ExitReason];
  readonly paidTo: 'member' | 'heirs';
  readonly heirs: readonly Heir[];
  readonly settlement: ExitSettlement;
  readonly businessDate: string;
  readonly tellerId: string;
  readonly approvalId: string;
  readonly cashThresholdReached: boolean;
}

// The savings record names each movement; transaction-store's Operation union lists the
// teller's operations and does not name these yet (see the report of issue 5, item 5).
const settlementOperation: Operation = 'exit-settlement';
const payoutOperation: Operation = 'exit-payout';

/**
 * Exit and death: wajib arrears settled from voluntary savings, then what is left after the
 * member's obligations (loans) paid out in cash from the teller's till, in one entry with one
 * receipt number; then each obligation is settled from the savings it drew on, in its own entry;
 * the accounts close and the member becomes exited or deceased. Locks: the member, the rows of
 * their obligations (loans, taken by the handlers' `owed`), their accounts in id order, the till
 * session, then the ledger's balances.
 */
@Injectable()
export class MemberExitService {
  constructor(
    private readonly posting: PostingService,
    private readonly charts: ChartService,
    private readonly days: BusinessDayService,
    private readonly tills: TillService,
    private readonly members: MemberDirectory,
    private readonly audit: AuditLog,
    private readonly obligations: ExitObligations,
  ) {}

  /**
   * Checks the member may leave and states what would move. Nothing is written; the member and
   * account rows stay locked until the submission commits.
   */
  async plan(tx: Tx, cooperativeId: string, request: MemberExitRequest): Promise<ExitPlan> {
    const { member, settlement } = await this.locked(tx, cooperativeId, request);
    return { member, settlement };
  }

  /** Runs an approved exit; refuses if the member's savings moved since it was submitted. */
  async execute(tx: Tx, cooperativeId: string, approval: ApprovedExit): Promise<ExitReceipt> {
    const { request, settlement: submitted } = approval.stored;
    const { member, settlement, accounts, businessDate } = await this.locked(
      tx,
      cooperativeId,
      request,
    );
    if (!settlementsAgree(submitted, settlement)) {
      throw new ConflictError(
        'settlement-changed',
        'Savings changed',
        `Member ${member.memberNumber}'s savings or what they owe changed since the exit was submitted (${submitted.totalPaidOut} paid out then, ${settlement.totalPaidOut} now): cancel this request and submit the exit again`,
        { submitted: submitted.totalPaidOut, now: settlement.totalPaidOut },
      );
    }
    const total = Money.parse(settlement.totalPaidOut, settlement.currency);
    // Paid out first, so each leaf keeps exactly what its obligations take: no leaf dips below
    // zero between the entries.
    const entry = total.isPositive()
      ? await this.payOut(tx, { cooperativeId, approval, member, accounts, settlement })
      : null;
    await this.obligations.settle(tx, cooperativeId, {
      settlement,
      memberId: member.id,
      actorId: approval.makerId,
      approvalId: approval.id,
      businessDate,
      ledgerAccountOf: (accountId) => accounts.get(accountId)!.ledgerAccountId,
    });
    for (const line of settlement.lines) {
      const account = accounts.get(line.accountId)!;
      const wajibThrough =
        account.kind === 'wajib' ? settlement.wajibArrears.months?.through : undefined;
      await touchAccount(tx, cooperativeId, account.id, businessDate, wajibThrough);
      await closeAccount(tx, cooperativeId, account.id, businessDate);
    }
    const status = exitStatusOf[request.reason];
    await this.members.changeStatus(tx, cooperativeId, member.id, status, request.note);
    const receipt: ExitReceipt = {
      receiptNumber: entry?.receiptNumber ?? null,
      entryId: entry?.id ?? null,
      memberId: member.id,
      memberNumber: member.memberNumber,
      memberName: member.fullName,
      reason: request.reason,
      status,
      paidTo: request.reason === 'death' ? 'heirs' : 'member',
      heirs: request.heirs,
      settlement,
      businessDate,
      tellerId: approval.makerId,
      approvalId: approval.id,
      cashThresholdReached:
        entry !== null && (await this.flagCash(tx, cooperativeId, member.id, businessDate, total)),
    };
    await this.audit.record(tx, {
      cooperativeId,
      action: 'savings.member.exit',
      targetType: 'member',
      targetId: member.id,
      after: receipt,
      reason: request.note,
    });
    return receipt;
  }

  private async locked(tx: Tx, cooperativeId: string, request: MemberExitRequest) {
    const member = await this.members.lockMember(tx, cooperativeId, request.memberId);
    const status = exitStatusOf[request.reason];
    if (member.status !== 'active' && member.status !== 'dormant') {
      throw new RuleViolationError(
        'member-status-transition',
        'Member status transition not allowed',
        `A member who is ${member.status} cannot become ${status}: only active and dormant members leave`,
        { from: member.status, to: status },
      );
    }
    const { businessDate, functionalCurrency } = await this.days.enter(tx, cooperativeId, 'shared');
    // Before the savings accounts: the handlers lock their rows (loans) after the member's.
    const owed = await this.obligations.owed(tx, cooperativeId, member.id);
    const accounts = new Map<string, SavingsAccountRecord>();
    const listed = await accountsOfMember(tx, cooperativeId, member.id);
    // Locked in id order, like transfers, so an exit and a transfer cannot deadlock.
    for (const id of listed.map((a) => a.id).sort()) {
      const account = (await accountById(tx, cooperativeId, id, true))!;
      // A closed account was settled when it closed; its balance is nil.
      if (account.status !== 'closed') accounts.set(id, account);
    }
    const inNumberOrder = [...accounts.values()].sort((a, b) =>
      a.accountNumber.localeCompare(b.accountNumber),
    );
    const exitAccounts: ExitAccount[] = [];
    for (const account of inNumberOrder) {
      exitAccounts.push({
        id: account.id,
        accountNumber: account.accountNumber,
        kind: account.kind,
        balance: await owedBalance(tx, cooperativeId, account),
      });
    }
    const wajib = inNumberOrder.find((account) => account.kind === 'wajib');
    const settlement = settleExit(
      exitAccounts,
      wajib ? await this.wajibDue(tx, cooperativeId, wajib, businessDate) : null,
      functionalCurrency,
      owed,
    );
    return { member, settlement, accounts, businessDate };
  }

  private async wajibDue(
    tx: Tx,
    cooperativeId: string,
    account: SavingsAccountRecord,
    businessDate: string,
  ): Promise<WajibDue> {
    const product = await productBy(tx, cooperativeId, { id: account.productId });
    const position = wajibPosition(account.openedOn, account.wajibPaidThrough, businessDate);
    return {
      accountId: account.id,
      monthsInArrears: position.monthsInArrears,
      nextDue: position.nextDue,
      monthly: Money.parse((product!.terms as WajibTerms).amount, account.currency),
    };
  }

  /**
   * One entry: the arrears from voluntary savings into wajib first (so no leaf dips below zero
   * on the way), then every leaf's whole balance against the maker's till.
   */
  private async payOut(
    tx: Tx,
    exit: {
      readonly cooperativeId: string;
      readonly approval: ApprovedExit;
      readonly member: MemberSummary;
      readonly accounts: ReadonlyMap<string, SavingsAccountRecord>;
      readonly settlement: ExitSettlement;
    },
  ): Promise<{ id: string; receiptNumber: string }> {
    const { cooperativeId, member, accounts, settlement } = exit;
    const { request } = exit.approval.stored;
    const tellerId = exit.approval.makerId;
    const { currency } = settlement;
    const till = await this.tills.requireOpenSession(tx, cooperativeId, tellerId, currency);
    const money = (amount: string) => Money.parse(amount, currency);
    const leaf = (accountId: string) => accounts.get(accountId)!.ledgerAccountId;
    const arrears: PostingDraft[] = settlement.lines
      .filter((line) => !money(line.arrearsMoved).isZero())
      .map((line) => ({
        accountId: leaf(line.accountId),
        amount: money(line.arrearsMoved).negated(),
        memo: 'Pelunasan tunggakan simpanan wajib',
      }));
    const payouts: PostingDraft[] = settlement.lines
      .filter((line) => money(line.paidOut).isPositive())
      .map((line) => ({
        accountId: leaf(line.accountId),
        amount: money(line.paidOut),
        memo: 'Pengembalian simpanan',
      }));
    const total = money(settlement.totalPaidOut);
    // The cash handed over is rounded to the cooperative's cash unit; the rest is rounding.
    const { cashRoundingUnit } = await settingsOf(tx, cooperativeId, currency);
    const cash = cashFor(total, cashRoundingUnit);
    const rounding: PostingDraft[] = cash.equals(total)
      ? []
      : [
          {
            accountId: (await this.charts.accountByCode(tx, cooperativeId, '5-9102')).id,
            amount: cash.minus(total),
            counterpartyClass: 'member',
          },
        ];
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description:
        request.reason === 'death'
          ? `Anggota ${member.memberNumber} ${member.fullName} meninggal: simpanan dibayar kepada ahli waris`
          : `Anggota ${member.memberNumber} ${member.fullName} keluar: pengembalian simpanan`,
      source: { type: 'savings.member.exit', id: member.id },
      voucherSeries: receiptSeries,
      recordedBy: tellerId,
      postings: [
        ...arrears,
        ...payouts,
        ...rounding,
        { accountId: till.tillAccountId, amount: cash.negated() },
      ],
    });
    const receiptNumber = entry.voucher!.number;
    // The receipt number is unique among savings rows: the first row carries it, the others
    // reach it through the entry.
    let numbered = false;
    const record = async (
      accountId: string,
      operation: Operation,
      amount: Money,
      cash: boolean,
    ) => {
      await recordTransaction(tx, cooperativeId, {
        entryId: entry.id,
        operation,
        savingsAccountId: accountId,
        memberId: member.id,
        amount: amount.abs().toString(),
        currency,
        direction: amount.isNegative() ? 'out' : 'in',
        cash,
        receiptNumber: numbered ? null : receiptNumber,
        businessDate: entry.postingDate,
        tellerId,
        approvalId: exit.approval.id,
      });
      numbered = true;
    };
    for (const line of settlement.lines) {
      const moved = money(line.arrearsMoved);
      if (!moved.isZero()) await record(line.accountId, settlementOperation, moved, false);
    }
    for (const line of settlement.lines) {
      const paid = money(line.paidOut);
      if (paid.isPositive()) await record(line.accountId, payoutOperation, paid.negated(), true);
    }
    return { id: entry.id, receiptNumber };
  }

  private async flagCash(
    tx: Tx,
    cooperativeId: string,
    memberId: string,
    businessDate: string,
    total: Money,
  ): Promise<boolean> {
    const { cashReportThreshold } = await settingsOf(tx, cooperativeId, total.currency.code);
    return cashReportThreshold === null
      ? false
      : flagCashDay(tx, cooperativeId, {
          memberId,
          businessDate,
          currency: total.currency.code,
          threshold: cashReportThreshold,
        });
  }
}
