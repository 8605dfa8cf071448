import { type Actor } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import { InvalidInputError, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import {
  BusinessDayService,
  ChartService,
  type PostingDraft,
  PostingService,
} from '@lumbung/ledger';
import { receiptSeries, TillService, VoluntarySavingsAccess } from '@lumbung/savings';
import { Injectable } from '@nestjs/common';
import { activateLoan, type LoanRecord } from '../infrastructure/loan-store';
import { loanProductBy } from '../infrastructure/product-store';
import { insertSchedule } from '../infrastructure/schedule-store';
import { loanIncomeCodes } from './loan-interest';
import { LoanSchedules } from './loan-schedules';
import { LoanViews, type LoanView } from './loan-views';

export interface DisbursementRequest {
  readonly channel: 'cash' | 'savings';
  /** The member's own sukarela account, with channel savings. */
  readonly savingsAccountId?: string;
}

/**
 * Pays out an approved loan: the schedule is fixed from today, the loan's ledger leaf opened,
 * and one entry moves the amount (less deducted fees) to the teller's till or the member's
 * savings, with every fee to income.
 */
@Injectable()
export class LoanDisbursementService {
  constructor(
    private readonly views: LoanViews,
    private readonly schedules: LoanSchedules,
    private readonly savings: VoluntarySavingsAccess,
    private readonly tills: TillService,
    private readonly days: BusinessDayService,
    private readonly charts: ChartService,
    private readonly posting: PostingService,
    private readonly audit: AuditLog,
  ) {}

  async disburse(
    tx: Tx,
    cooperativeId: string,
    teller: Actor,
    loanId: string,
    request: DisbursementRequest,
  ): Promise<LoanView> {
    if (request.channel !== 'cash' && request.channel !== 'savings') {
      throw new InvalidInputError('Disburse in cash or to savings', [
        { field: 'channel', message: 'cash or savings' },
      ]);
    }
    const loan = await this.views.lockInStatus(
      tx,
      cooperativeId,
      loanId,
      'approved',
      'only an approved loan is disbursed',
    );
    const day = await this.days.enter(tx, cooperativeId, 'shared');
    const amount = Money.of(loan.amount, loan.currency);
    const deducted = this.feeTotal(loan, 'deducted');
    const fees = deducted.plus(this.feeTotal(loan, 'financed'));
    const paidOut = amount.minus(deducted);
    const savings =
      request.channel === 'savings'
        ? await this.savings.forCredit(
            tx,
            cooperativeId,
            request.savingsAccountId ?? '',
            loan.memberId,
            'savingsAccountId',
          )
        : undefined;
    const funding =
      savings?.ledgerAccountId ??
      (await this.tills.requireOpenSession(tx, cooperativeId, teller.id, loan.currency))
        .tillAccountId;
    const product = (await loanProductBy(tx, cooperativeId, { id: loan.productId }))!;
    const schedule = await this.schedules.contract(tx, cooperativeId, loan, day.businessDate);
    const heading = await this.charts.accountByCode(tx, cooperativeId, '1-13');
    const leaf = await this.charts.openLeaf(tx, cooperativeId, {
      parentId: heading.id,
      code: `1-13-${loan.loanNumber}`,
      name: `Pinjaman ${loan.loanNumber} ${product.code}`.slice(0, 200),
      currency: loan.currency,
      floor: '0',
      holder: 'member',
    });
    const postings: PostingDraft[] = [
      { accountId: leaf.id, amount: Money.of(loan.principal, loan.currency) },
      { accountId: funding, amount: paidOut.negated() },
    ];
    if (!fees.isZero()) {
      const income = await this.charts.accountByCode(tx, cooperativeId, loanIncomeCodes.fees);
      postings.push({
        accountId: income.id,
        amount: fees.negated(),
        counterpartyClass: 'member',
        dimensions: {
          sector: loan.sector,
          ...(loan.commodity ? { commodity: loan.commodity } : {}),
        },
      });
    }
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Pencairan pinjaman ${loan.loanNumber}`,
      source: { type: 'loans.disbursement', id: loan.id },
      voucherSeries: savings ? undefined : receiptSeries,
      recordedBy: teller.id,
      postings,
    });
    if (savings) {
      await this.savings.recorded(tx, cooperativeId, {
        account: savings,
        entry,
        operation: 'loan-disbursement',
        amount: paidOut,
        actorId: teller.id,
      });
    }
    await insertSchedule(tx, cooperativeId, loan.id, schedule.instalments);
    await activateLoan(tx, cooperativeId, loan.id, {
      on: day.businessDate,
      entryId: entry.id,
      ledgerAccountId: leaf.id,
    });
    const view = await this.views.view(tx, cooperativeId, loan.id);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'loans.loan.disburse',
      targetType: 'loan',
      targetId: loan.id,
      before: { status: loan.status },
      after: {
        status: view.status,
        channel: request.channel,
        paidOut: paidOut.toString(),
        fees: fees.toString(),
        entryId: entry.id,
        receiptNumber: entry.voucher?.number ?? null,
      },
    });
    return view;
  }

  private feeTotal(loan: LoanRecord, treatment: 'deducted' | 'financed'): Money {
    return loan.fees
      .filter((fee) => fee.treatment === treatment)
      .reduce(
        (sum, fee) => sum.plus(Money.of(fee.amount, loan.currency)),
        Money.zero(loan.currency),
      );
  }
}
