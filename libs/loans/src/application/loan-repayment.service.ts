import { type Actor } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  type BusinessDate,
  compareDates,
  InvalidInputError,
  Money,
  RuleViolationError,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import {
  BusinessDayService,
  ChartService,
  type PostingDraft,
  PostingService,
} from '@lumbung/ledger';
import {
  receiptSeries,
  TillService,
  type VoluntaryAccount,
  VoluntarySavingsAccess,
} from '@lumbung/savings';
import { Injectable } from '@nestjs/common';
import { type AllocationLine, allocatePayment } from '../domain/allocation';
import { dueOn, isSettled } from '../domain/loan-position';
import type { AllocationBucket } from '../domain/loan-terms';
import { applyPrepayment } from '../domain/prepayment';
import { type LoanRecord, releaseCollateral } from '../infrastructure/loan-store';
import { loanProductBy, type LoanProductView } from '../infrastructure/product-store';
import { accruedInterest, closeLoan, insertRepayment } from '../infrastructure/repayment-store';
import { insertSchedule, scheduleVersionOf } from '../infrastructure/schedule-store';
import { InterestSuspension } from './interest-suspension';
import { LoanInterest, loanIncomeCodes } from './loan-interest';
import { type LoanPosition, LoanPositions } from './loan-positions';
import { LoanViews, type LoanView } from './loan-views';

export interface RepaymentRequest {
  readonly amount: string;
  readonly channel: 'cash' | 'savings';
  readonly savingsAccountId?: string;
}

export interface RepaymentReceipt {
  readonly repaymentId: string;
  readonly entryId: string;
  readonly receiptNumber: string | null;
  readonly allocated: Readonly<Record<AllocationBucket, string>>;
  readonly prepaid: string;
  readonly loan: LoanView;
}

/**
 * Where a repayment's money comes from: the teller's till, one of the member's voluntary
 * accounts, or (when a member leaves) several of the member's savings accounts.
 */
export interface Funding {
  readonly channel: 'cash' | 'savings';
  /** Debits that together make the settlement's amount. */
  readonly sources: readonly { readonly ledgerAccountId: string; readonly amount: Money }[];
  /** The voluntary account a teller debited, recorded as a savings movement here. */
  readonly account: VoluntaryAccount | null;
}

/** A settled repayment as it will be posted and stored. */
export interface Settlement {
  readonly amount: Money;
  readonly lines: readonly AllocationLine[];
  readonly prepaid: Money;
  /** Interest, penalty and fee totals settled against receivables and income. */
  readonly totals: Readonly<Record<AllocationBucket, Money>>;
  /** The schedule in force before a prepayment in it wrote a new one; read at settling if absent. */
  readonly scheduleVersion?: number;
}

/**
 * A member's repayment: the loan's interest is accrued up to today first (so receivable covers
 * what is settled), then the payment is allocated over what is due in the product's order,
 * oldest instalment first. Anything beyond is a prepayment where the product allows it:
 * interest accrued in the running period first, then principal, which shortens the term.
 */
@Injectable()
export class LoanRepaymentService {
  constructor(
    private readonly views: LoanViews,
    private readonly savings: VoluntarySavingsAccess,
    private readonly tills: TillService,
    private readonly days: BusinessDayService,
    private readonly charts: ChartService,
    private readonly posting: PostingService,
    private readonly interest: LoanInterest,
    private readonly positions: LoanPositions,
    private readonly suspension: InterestSuspension,
    private readonly audit: AuditLog,
  ) {}

  async repay(
    tx: Tx,
    cooperativeId: string,
    teller: Actor,
    loanId: string,
    request: RepaymentRequest,
  ): Promise<RepaymentReceipt> {
    const { loan, product, day } = await this.lockActive(tx, cooperativeId, loanId, request);
    const amount = Money.parse(request.amount, loan.currency, 'amount');
    if (!amount.isPositive()) {
      throw new InvalidInputError('A repayment is above zero', [
        { field: 'amount', message: 'above zero' },
      ]);
    }
    await this.interest.accrueThrough(tx, cooperativeId, loan, product, day);
    const settlement = await this.plan(tx, cooperativeId, loan, day, amount);
    const funding = await this.fund(tx, cooperativeId, teller, loan, request, amount);
    return this.settle(tx, cooperativeId, teller, loan, product, day, funding, settlement);
  }

  /**
   * How `amount` received on `day` settles the loan as it stands (the schedule in force and the
   * repayments that count): what is due in the product's order, the rest a prepayment, whose
   * new schedule is written here. Interest must already be accrued through `day`.
   */
  async plan(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    day: BusinessDate,
    amount: Money,
  ): Promise<Settlement> {
    const scheduleVersion = await scheduleVersionOf(tx, cooperativeId, loan.id);
    const position = await this.positions.of(tx, cooperativeId, loan);
    const allocation = allocatePayment(
      amount,
      dueOn(position.dues, day),
      loan.terms.allocationOrder,
    );
    if (!allocation.excess.isPositive()) {
      return {
        amount,
        lines: allocation.lines,
        prepaid: Money.zero(loan.currency),
        totals: allocation.totals,
        scheduleVersion,
      };
    }
    const ahead = await this.prepayment(tx, cooperativeId, loan, position, day, allocation.excess);
    return {
      amount,
      lines: [...allocation.lines, ...ahead.lines],
      prepaid: ahead.principal,
      totals: {
        ...allocation.totals,
        interest: allocation.totals.interest.plus(ahead.interest),
        principal: allocation.totals.principal.plus(ahead.principal),
      },
      scheduleVersion,
    };
  }

  /** Takes the member, then the loan, then the funding account: the lock order of DESIGN.md. */
  async lockActive(
    tx: Tx,
    cooperativeId: string,
    loanId: string,
    request: { readonly channel?: unknown },
  ): Promise<{ loan: LoanRecord; product: LoanProductView; day: BusinessDate }> {
    if (request.channel !== 'cash' && request.channel !== 'savings') {
      throw new InvalidInputError('Repay in cash or from savings', [
        { field: 'channel', message: 'cash or savings' },
      ]);
    }
    const loan = await this.views.lockInStatus(
      tx,
      cooperativeId,
      loanId,
      'active',
      'it takes no repayment',
    );
    const { businessDate } = await this.days.enter(tx, cooperativeId, 'shared');
    const product = (await loanProductBy(tx, cooperativeId, { id: loan.productId }))!;
    // A loan ever suspended may post to income and memorandum in several entries: those
    // balances first, in account order (InterestSuspension.lockIncomeAndMemorandum).
    if (await this.suspension.everSuspended(tx, cooperativeId, loan.id)) {
      await this.suspension.lockIncomeAndMemorandum(tx, cooperativeId);
    }
    return { loan, product, day: businessDate };
  }

  /** Posts the settlement, stores the repayment and closes a loan left with nothing to pay. */
  async settle(
    tx: Tx,
    cooperativeId: string,
    teller: Actor,
    loan: LoanRecord,
    product: LoanProductView,
    day: BusinessDate,
    funding: Funding,
    settlement: Settlement,
    { closing = false }: { closing?: boolean } = {},
  ): Promise<RepaymentReceipt> {
    const funded = funding.sources.reduce(
      (sum, s) => sum.plus(s.amount),
      Money.zero(loan.currency),
    );
    if (!funded.equals(settlement.amount)) {
      throw new Error(
        `Funding ${funded.toString()} does not match ${settlement.amount.toString()}`,
      );
    }
    const { totals } = settlement;
    // Against the receivables, unless the loan's accrual was ever suspended (InterestSuspension).
    const interest = await this.suspension.settlement(
      tx,
      cooperativeId,
      loan,
      product,
      day,
      { interest: totals.interest, penalty: totals.penalty },
      { closing },
      this.interest.dimensionsOf(loan),
    );
    const postings: PostingDraft[] = [
      ...funding.sources.map((s) => ({ accountId: s.ledgerAccountId, amount: s.amount })),
      { accountId: loan.ledgerAccountId!, amount: totals.principal.negated() },
      ...interest.postings,
    ];
    if (!totals.fees.isZero()) {
      const income = await this.charts.accountByCode(tx, cooperativeId, loanIncomeCodes.fees);
      postings.push({
        accountId: income.id,
        amount: totals.fees.negated(),
        counterpartyClass: 'member',
        dimensions: this.interest.dimensionsOf(loan),
      });
    }
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `${closing ? 'Pelunasan' : 'Angsuran'} pinjaman ${loan.loanNumber}`,
      source: { type: 'loans.repayment', id: loan.id },
      voucherSeries: funding.channel === 'cash' ? receiptSeries : undefined,
      recordedBy: teller.id,
      postings: postings.filter((p) => !p.amount.isZero()),
    });
    if (funding.account) {
      await this.savings.recorded(tx, cooperativeId, {
        account: funding.account,
        entry,
        operation: 'loan-repayment',
        amount: settlement.amount,
        actorId: teller.id,
      });
    }
    const repaymentId = uuidv7();
    const allocated = {
      penalty: totals.penalty.toString(),
      fees: totals.fees.toString(),
      interest: totals.interest.toString(),
      principal: totals.principal.toString(),
    };
    await insertRepayment(tx, cooperativeId, {
      id: repaymentId,
      loanId: loan.id,
      receivedOn: day,
      amount: settlement.amount.toString(),
      channel: funding.channel,
      savingsAccountId: funding.account?.id ?? null,
      entryId: entry.id,
      receiptNumber: entry.voucher?.number ?? null,
      ...allocated,
      allocation: {
        lines: settlement.lines.map((line) => ({
          no: line.no,
          bucket: line.bucket,
          amount: line.amount.toString(),
        })),
        prepaid: settlement.prepaid.toString(),
      },
      scheduleVersion:
        settlement.scheduleVersion ?? (await scheduleVersionOf(tx, cooperativeId, loan.id)),
      replacesRepaymentId: null,
      recordedBy: teller.id,
    });
    await interest.record(entry.id, repaymentId);
    const after = await this.positions.of(tx, cooperativeId, loan);
    if (closing || after.dues.every(isSettled)) {
      await closeLoan(tx, cooperativeId, loan.id, day);
      await releaseCollateral(tx, cooperativeId, loan.id, day);
    }
    const view = await this.views.view(tx, cooperativeId, loan.id);
    await this.audit.record(tx, {
      cooperativeId,
      action: closing ? 'loans.loan.payoff' : 'loans.loan.repay',
      targetType: 'loan',
      targetId: loan.id,
      after: {
        repaymentId,
        entryId: entry.id,
        amount: settlement.amount.toString(),
        allocated,
        prepaid: settlement.prepaid.toString(),
        status: view.status,
      },
    });
    return {
      repaymentId,
      entryId: entry.id,
      receiptNumber: entry.voucher?.number ?? null,
      allocated,
      prepaid: settlement.prepaid.toString(),
      loan: view,
    };
  }

  /**
   * What is paid beyond what is due: interest accrued in the running period first, then
   * principal, re-scheduled as a new version of the schedule. A product without prepayment
   * refuses it, and prepaying the whole remaining principal is a payoff, with its quote.
   */
  private async prepayment(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    position: LoanPosition,
    day: BusinessDate,
    excess: Money,
  ): Promise<{ lines: AllocationLine[]; interest: Money; principal: Money }> {
    const dueNow = dueOn(position.dues, day).reduce(
      (sum, d) => sum.plus(d.penalty).plus(d.fees).plus(d.interest).plus(d.principal),
      Money.zero(loan.currency),
    );
    if (!loan.terms.prepayment) {
      throw new InvalidInputError('This product takes no prepayment', [
        { field: 'amount', message: `at most ${dueNow.toString()}, what is due today` },
      ]);
    }
    const running = position.dues.find((d) => compareDates(d.dueDate, day) > 0);
    const paidInterest = position.schedule.reduce(
      (sum, i) => sum.plus(position.paid.get(i.no)!.interest),
      Money.zero(loan.currency),
    );
    const dueInterest = dueOn(position.dues, day).reduce(
      (sum, d) => sum.plus(d.interest),
      Money.zero(loan.currency),
    );
    const accruedAhead = Money.of(
      await accruedInterest(tx, cooperativeId, loan.id, day),
      loan.currency,
    )
      .minus(paidInterest)
      .minus(dueInterest);
    const interest =
      running && accruedAhead.isPositive()
        ? accruedAhead.compare(excess) < 0
          ? accruedAhead
          : excess
        : Money.zero(loan.currency);
    const principal = excess.minus(interest);
    const notYetDue = position.dues
      .filter((d) => compareDates(d.dueDate, day) > 0)
      .reduce((sum, d) => sum.plus(d.principal), Money.zero(loan.currency));
    if (principal.compare(notYetDue) >= 0) {
      throw new RuleViolationError(
        'prepayment-is-payoff',
        'Pay the loan off instead',
        `The payment covers all ${notYetDue.toString()} of principal still to fall due: ask for a payoff quote and pay it off`,
        { field: 'amount' },
      );
    }
    const lines: AllocationLine[] =
      running && interest.isPositive()
        ? [{ no: running.no, bucket: 'interest', amount: interest }]
        : [];
    if (principal.isPositive()) {
      const paidPrincipal = new Map(
        position.schedule.map((i) => [i.no, position.paid.get(i.no)!.principal] as const),
      );
      const schedule = applyPrepayment(
        position.schedule,
        paidPrincipal,
        principal,
        day,
        loan.terms.method,
        loan.rate,
        loan.terms,
      );
      await insertSchedule(tx, cooperativeId, loan.id, schedule);
    }
    return { lines, interest, principal };
  }

  /** The teller's till or the member's own voluntary account, locked, for `amount`. */
  async fund(
    tx: Tx,
    cooperativeId: string,
    teller: Actor,
    loan: LoanRecord,
    request: { channel: 'cash' | 'savings'; savingsAccountId?: string },
    amount: Money,
  ): Promise<Funding> {
    if (request.channel === 'savings') {
      const account = await this.savings.forDebit(
        tx,
        cooperativeId,
        request.savingsAccountId ?? '',
        loan.memberId,
        amount,
        'savingsAccountId',
      );
      return {
        channel: 'savings',
        sources: [{ ledgerAccountId: account.ledgerAccountId, amount }],
        account,
      };
    }
    const { tillAccountId } = await this.tills.requireOpenSession(
      tx,
      cooperativeId,
      teller.id,
      loan.currency,
    );
    return {
      channel: 'cash',
      sources: [{ ledgerAccountId: tillAccountId, amount }],
      account: null,
    };
  }
}
