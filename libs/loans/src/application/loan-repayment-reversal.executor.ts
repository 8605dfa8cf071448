import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import { InvalidInputError, Money, RuleViolationError, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { ChartService, type PostingDraft, PostingService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import type { LoanRecord } from '../infrastructure/loan-store';
import { repaymentsWithReceipts } from '../infrastructure/non-accrual-store';
import { loanProductBy, type LoanProductView } from '../infrastructure/product-store';
import {
  endRepayment,
  insertRepayment,
  type RepaymentRecord,
  repaymentsOf,
} from '../infrastructure/repayment-store';
import { restructuringsOf } from '../infrastructure/restructuring-store';
import { restoreScheduleVersion } from '../infrastructure/schedule-store';
import { LoanInterest, loanIncomeCodes } from './loan-interest';
import { LoanReceiptReversal } from './loan-receipt-reversal';
import { LoanRepaymentService, type Settlement } from './loan-repayment.service';
import { LoanViews } from './loan-views';

export const repaymentReversalType = 'loans.repayment.reverse';

/**
 * Reversing a repayment (keyed to the wrong loan, a bounced transfer): its entry is reversed,
 * the schedule in force before it is restored, and every later repayment is applied again in
 * order to the loan as it then stood. A later repayment's money never moves again: only the
 * difference in its allocation is posted, and the repayment is recorded anew in its place.
 * Penalties already assessed stand.
 */
@Injectable()
export class LoanRepaymentReversalExecutor extends RegisteredExecutor {
  readonly type = repaymentReversalType;
  readonly defaultRule = oneManagerApproves;
  readonly movesMoney = true;

  constructor(
    registry: ApprovalRegistry,
    private readonly views: LoanViews,
    private readonly repayments: LoanRepaymentService,
    private readonly interest: LoanInterest,
    private readonly receipts: LoanReceiptReversal,
    private readonly posting: PostingService,
    private readonly charts: ChartService,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const { loan, repayment } = await this.target(tx, input.cooperativeId, input.payload);
    return {
      payload: { loanId: loan.id, repaymentId: repayment.id },
      summary: `Reverse repayment of ${repayment.amount} ${loan.currency} on ${repayment.receivedOn} to loan ${loan.loanNumber}`,
      amount: { amount: repayment.amount, currency: loan.currency },
      functionalEquivalent: repayment.amount,
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const { cooperativeId } = record;
    const { loan, repayment, later } = await this.target(tx, cooperativeId, record.payload);
    const { entry, businessDate, reason } = await this.receipts.reverse(tx, record, loan, {
      id: repayment.id,
      kind: 'repayment',
      amount: repayment.amount,
      entryId: repayment.entryId,
      savingsAccountId: repayment.savingsAccountId,
    });
    const ending = { approvalRequestId: record.id, on: businessDate, reason };
    await endRepayment(tx, cooperativeId, {
      ...ending,
      repaymentId: repayment.id,
      kind: 'reversed',
      entryId: entry.id,
    });
    for (const superseded of later) {
      await endRepayment(tx, cooperativeId, {
        ...ending,
        repaymentId: superseded.id,
        kind: 'superseded',
        entryId: null,
      });
    }
    await restoreScheduleVersion(tx, cooperativeId, loan.id, repayment.scheduleVersion);
    const product = (await loanProductBy(tx, cooperativeId, { id: loan.productId }))!;
    const reapplied = [];
    for (const earlier of later) {
      reapplied.push(await this.reapply(tx, cooperativeId, loan, product, earlier, record.id));
    }
    const after = await this.views.view(tx, cooperativeId, loan.id);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'loans.repayment.reverse',
      targetType: 'loan',
      targetId: loan.id,
      before: { repayment },
      after: {
        reversalEntryId: entry.id,
        reapplied,
        outstanding: after.position?.outstandingPrincipal,
      },
      reason,
    });
    return { loanId: loan.id, reversalEntryId: entry.id, reapplied };
  }

  /** One later repayment applied again as the loan now stands; only the difference posts. */
  private async reapply(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    product: LoanProductView,
    original: RepaymentRecord,
    approvalId: string,
  ): Promise<{ replaces: string; repaymentId: string }> {
    const amount = Money.of(original.amount, loan.currency);
    const settlement = await this.repayments.plan(
      tx,
      cooperativeId,
      loan,
      original.receivedOn,
      amount,
    );
    const entryId =
      (await this.postDifference(
        tx,
        cooperativeId,
        loan,
        product,
        original,
        settlement,
        approvalId,
      )) ?? original.entryId;
    const { totals } = settlement;
    const repaymentId = uuidv7();
    await insertRepayment(tx, cooperativeId, {
      id: repaymentId,
      loanId: loan.id,
      receivedOn: original.receivedOn,
      amount: original.amount,
      channel: original.channel,
      savingsAccountId: original.savingsAccountId,
      entryId,
      receiptNumber: original.receiptNumber,
      penalty: totals.penalty.toString(),
      fees: totals.fees.toString(),
      interest: totals.interest.toString(),
      principal: totals.principal.toString(),
      allocation: {
        lines: settlement.lines.map((l) => ({
          no: l.no,
          bucket: l.bucket,
          amount: l.amount.toString(),
        })),
        prepaid: settlement.prepaid.toString(),
      },
      scheduleVersion: settlement.scheduleVersion!,
      replacesRepaymentId: original.id,
      recordedBy: original.recordedBy,
    });
    return { replaces: original.id, repaymentId };
  }

  private async postDifference(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    product: LoanProductView,
    original: RepaymentRecord,
    settlement: Settlement,
    approvalId: string,
  ): Promise<string | null> {
    const change = (bucket: 'principal' | 'interest' | 'penalty' | 'fees') =>
      settlement.totals[bucket].minus(Money.of(original[bucket], loan.currency)).negated();
    const postings: PostingDraft[] = [
      { accountId: loan.ledgerAccountId!, amount: change('principal') },
      { accountId: product.interestReceivableAccountId, amount: change('interest') },
      { accountId: product.penaltyReceivableAccountId, amount: change('penalty') },
    ];
    if (!change('fees').isZero()) {
      const income = await this.charts.accountByCode(tx, cooperativeId, loanIncomeCodes.fees);
      postings.push({
        accountId: income.id,
        amount: change('fees'),
        counterpartyClass: 'member',
        dimensions: this.interest.dimensionsOf(loan),
      });
    }
    const moved = postings.filter((p) => !p.amount.isZero());
    if (moved.length === 0) return null;
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Alokasi ulang angsuran ${original.receivedOn} pinjaman ${loan.loanNumber}`,
      source: { type: 'loans.repayment.reapply', id: approvalId },
      postings: moved,
    });
    return entry.id;
  }

  /** The loan (running, locked) and the repayment to reverse, with the ones after it in order. */
  private async target(tx: Tx, cooperativeId: string, payload: unknown) {
    const raw = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
      string,
      unknown
    >;
    const loan = await this.views.lockInStatus(
      tx,
      cooperativeId,
      String(raw.loanId ?? ''),
      'active',
      'its repayments are no longer reversed',
    );
    const counting = (await repaymentsOf(tx, cooperativeId, loan.id)).filter(
      (r) => r.endedAs === null,
    );
    const index = counting.findIndex((r) => r.id === raw.repaymentId);
    if (index < 0) {
      throw new InvalidInputError('No such repayment to reverse', [
        { field: 'repaymentId', message: `a repayment of loan ${loan.loanNumber} still counting` },
      ]);
    }
    // Restoring a schedule from before a restructuring would undo it: the restructuring settled
    // what that repayment was allocated to, so the repayment stands.
    const restructured = (await restructuringsOf(tx, cooperativeId, loan.id)).at(-1);
    if (restructured && counting[index].scheduleVersion < restructured.toVersion) {
      throw new RuleViolationError(
        'repayment-before-restructuring',
        'Repayment before a restructuring',
        `Loan ${loan.loanNumber} was restructured on ${restructured.restructuredOn}, after this repayment: it is no longer reversed`,
        { field: 'repaymentId', restructuredOn: restructured.restructuredOn },
      );
    }
    const later = counting.slice(index + 1);
    // A later repayment whose interest was booked off the receivable (the loan's accrual was
    // suspended) cannot be applied again by difference against the receivable.
    const split = await repaymentsWithReceipts(
      tx,
      cooperativeId,
      later.map((r) => r.id),
    );
    if (split.size > 0) {
      throw new RuleViolationError(
        'reversal-crosses-suspension',
        'Later repayments were taken while interest was suspended',
        `Loan ${loan.loanNumber} took repayments after this one while its interest accrual was suspended: reverse those first, latest first`,
        { field: 'repaymentId' },
      );
    }
    return { loan, repayment: counting[index], later };
  }
}
