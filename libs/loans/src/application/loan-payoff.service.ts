import { type Actor } from '@lumbung/approvals';
import {
  type BusinessDate,
  businessDate,
  compareDates,
  InvalidInputError,
  Money,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService, PostingService, ChartService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import type { AllocationLine } from '../domain/allocation';
import { isSettled } from '../domain/loan-position';
import { payoffQuote, type PayoffQuote } from '../domain/payoff';
import { buildSchedule } from '../domain/schedule';
import type { LoanRecord } from '../infrastructure/loan-store';
import type { LoanProductView } from '../infrastructure/product-store';
import { accruedInterest, insertAccruals } from '../infrastructure/repayment-store';
import { InterestSuspension } from './interest-suspension';
import { LoanInterest, loanIncomeCodes } from './loan-interest';
import { type LoanPosition, LoanPositions } from './loan-positions';
import {
  type Funding,
  LoanRepaymentService,
  type RepaymentReceipt,
} from './loan-repayment.service';
import { LoanViews } from './loan-views';

export interface PayoffQuoteView {
  readonly loanId: string;
  readonly date: BusinessDate;
  readonly currency: string;
  readonly principal: string;
  readonly interest: string;
  readonly penalty: string;
  readonly fees: string;
  readonly total: string;
  readonly rule: PayoffQuote['rule'];
}

/**
 * Paying a loan off: a quote for a date by the product's payoff rule, and the payoff itself,
 * which closes the loan's accrual with a final adjustment (so the interest settled is exactly
 * what the quote charged, nothing accrued is lost or doubled) and releases the collateral.
 */
@Injectable()
export class LoanPayoffService {
  constructor(
    private readonly views: LoanViews,
    private readonly positions: LoanPositions,
    private readonly repayments: LoanRepaymentService,
    private readonly interest: LoanInterest,
    private readonly cooperatives: CooperativeService,
    private readonly posting: PostingService,
    private readonly charts: ChartService,
    private readonly suspension: InterestSuspension,
  ) {}

  async quote(
    tx: Tx,
    cooperativeId: string,
    loanId: string,
    on?: string,
  ): Promise<PayoffQuoteView> {
    const loan = await this.views.require(tx, cooperativeId, loanId);
    const today = (await this.cooperatives.byId(tx, cooperativeId)).businessDate;
    const date = on === undefined ? today : businessDate(on, 'date');
    if (compareDates(date, today) < 0) {
      throw new InvalidInputError('A payoff quote is for today or later', [
        { field: 'date', message: `${today} or later` },
      ]);
    }
    if (loan.status !== 'active') {
      throw new InvalidInputError('Only a running loan is paid off', [
        { field: 'loanId', message: `loan ${loan.loanNumber} is ${loan.status}` },
      ]);
    }
    return this.present(
      loan,
      date,
      this.quoteFor(loan, await this.positions.of(tx, cooperativeId, loan), date),
    );
  }

  async payOff(
    tx: Tx,
    cooperativeId: string,
    teller: Actor,
    loanId: string,
    request: { channel: 'cash' | 'savings'; savingsAccountId?: string; amount?: string },
  ): Promise<RepaymentReceipt> {
    return this.payOffWith(tx, cooperativeId, teller, loanId, {
      channel: request.channel,
      offered: request.amount,
      fund: (loan, total) => this.repayments.fund(tx, cooperativeId, teller, loan, request, total),
    });
  }

  /**
   * Pays a loan off from funding the caller provides for the day's payoff: a member leaving
   * settles from several savings accounts. The caller holds the member's lock.
   */
  async payOffWith(
    tx: Tx,
    cooperativeId: string,
    actor: Actor,
    loanId: string,
    payment: {
      readonly channel: unknown;
      readonly offered?: string;
      readonly fund: (loan: LoanRecord, total: Money) => Promise<Funding>;
    },
  ): Promise<RepaymentReceipt> {
    const { loan, product, day } = await this.repayments.lockActive(
      tx,
      cooperativeId,
      loanId,
      payment,
    );
    await this.interest.accrueThrough(tx, cooperativeId, loan, product, day);
    const position = await this.positions.of(tx, cooperativeId, loan);
    const quote = this.quoteFor(loan, position, day);
    if (payment.offered !== undefined) {
      const offered = Money.parse(payment.offered, loan.currency, 'amount');
      if (!offered.equals(quote.total)) {
        throw new InvalidInputError('The amount is not the payoff for today', [
          { field: 'amount', message: `the payoff today is ${quote.total.toString()}` },
        ]);
      }
    }
    const funding = await payment.fund(loan, quote.total);
    // A loan ever suspended closes its receivable and memorandum in the settlement itself.
    if (!(await this.suspension.everSuspended(tx, cooperativeId, loan.id))) {
      await this.closeAccrual(tx, cooperativeId, loan, product, position, day, quote.interest);
    }
    const lines = this.payoffLines(position, quote);
    return this.repayments.settle(
      tx,
      cooperativeId,
      actor,
      loan,
      product,
      day,
      funding,
      {
        amount: quote.total,
        lines,
        prepaid: Money.zero(loan.currency),
        totals: {
          penalty: quote.penalty,
          fees: quote.fees,
          interest: quote.interest,
          principal: quote.principal,
        },
      },
      { closing: true },
    );
  }

  private quoteFor(loan: LoanRecord, position: LoanPosition, date: BusinessDate): PayoffQuote {
    const contract = buildSchedule({
      principal: Money.of(loan.principal, loan.currency),
      terms: loan.terms,
      rate: loan.rate,
      instalments: loan.instalments,
      disbursedOn: loan.disbursedOn!,
    });
    return payoffQuote({
      instalments: position.schedule,
      paid: position.paid,
      unpaidPenalty: position.unpaidPenalty,
      unpaidFees: position.dues.reduce((sum, d) => sum.plus(d.fees), Money.zero(loan.currency)),
      method: loan.terms.method,
      flatPayoff: loan.terms.flatPayoff,
      effectiveAnnualRate: contract.effectiveAnnualRate,
      date,
    });
  }

  /**
   * Receivable must hold exactly the interest the payoff settles: the difference between what
   * the quote charges and what was accrued but not yet paid is accrued (or taken back) today.
   */
  private async closeAccrual(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    product: LoanProductView,
    position: LoanPosition,
    day: BusinessDate,
    charged: Money,
  ): Promise<void> {
    const paid = position.schedule.reduce(
      (sum, i) => sum.plus(position.paid.get(i.no)!.interest),
      Money.zero(loan.currency),
    );
    const unpaidAccrued = Money.of(
      await accruedInterest(tx, cooperativeId, loan.id),
      loan.currency,
    ).minus(paid);
    const adjustment = charged.minus(unpaidAccrued);
    if (adjustment.isZero()) return;
    const income = await this.charts.accountByCode(tx, cooperativeId, loanIncomeCodes.interest);
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Penutupan jasa pinjaman ${loan.loanNumber}`,
      source: { type: 'loans.accrual', id: loan.id },
      postings: [
        { accountId: product.interestReceivableAccountId, amount: adjustment },
        {
          accountId: income.id,
          amount: adjustment.negated(),
          counterpartyClass: 'member',
          dimensions: this.interest.dimensionsOf(loan),
        },
      ],
    });
    await insertAccruals(
      tx,
      cooperativeId,
      loan.id,
      [{ date: day, kind: 'closing', amount: adjustment.toString() }],
      entry.id,
    );
  }

  /** The payoff against each instalment: penalties and principal in full, interest oldest first. */
  private payoffLines(position: LoanPosition, quote: PayoffQuote): AllocationLine[] {
    const lines: AllocationLine[] = [];
    let interestLeft = quote.interest;
    for (const due of position.dues) {
      if (isSettled(due)) continue;
      if (due.penalty.isPositive())
        lines.push({ no: due.no, bucket: 'penalty', amount: due.penalty });
      if (due.fees.isPositive()) lines.push({ no: due.no, bucket: 'fees', amount: due.fees });
      const interest = due.interest.compare(interestLeft) < 0 ? due.interest : interestLeft;
      if (interest.isPositive()) lines.push({ no: due.no, bucket: 'interest', amount: interest });
      interestLeft = interestLeft.minus(interest);
      if (due.principal.isPositive()) {
        lines.push({ no: due.no, bucket: 'principal', amount: due.principal });
      }
    }
    return lines;
  }

  private present(loan: LoanRecord, date: BusinessDate, quote: PayoffQuote): PayoffQuoteView {
    return {
      loanId: loan.id,
      date,
      currency: loan.currency,
      principal: quote.principal.toString(),
      interest: quote.interest.toString(),
      penalty: quote.penalty.toString(),
      fees: quote.fees.toString(),
      total: quote.total.toString(),
      rule: quote.rule,
    };
  }
}
