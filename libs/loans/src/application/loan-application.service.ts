import { type Actor, ApprovalService } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  Decimal,
  InvalidInputError,
  isUuid,
  Money,
  NotFoundError,
  RuleViolationError,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { BusinessDayService, CooperativeService } from '@lumbung/ledger';
import { indonesianProvinces, MemberDirectory, MemberQueries } from '@lumbung/members';
import { Injectable } from '@nestjs/common';
import { lendingLimitBreach } from '../domain/lending-limits';
import { recoverable } from '../domain/non-accrual';
import {
  chargedFees,
  type LoanApplicationInput,
  parseLoanApplication,
  principalLent,
} from '../domain/loan-application';
import {
  decideLoan,
  exposure,
  insertCollateral,
  insertGuarantors,
  insertLoan,
  loanById,
  type LoanRecord,
  nextLoanNumber,
  ownCapital,
  recordApprovalRequest,
} from '../infrastructure/loan-store';
import { writeOffsOfMember } from '../infrastructure/non-accrual-store';
import { loanProductBy } from '../infrastructure/product-store';
import { lendingLimitsOf } from '../infrastructure/settings-store';
import { LoanArrears } from './loan-arrears';
import { loanApprovalType } from './loan-approval-type';
import { LoanViews, type LoanView } from './loan-views';

/**
 * A member applies through a teller: the application is checked against the product, the
 * member's standing and the cooperative's lending limits, recorded with its collateral and
 * guarantors, and submitted for the managers' approval (a supervisor's too for a related party).
 */
@Injectable()
export class LoanApplicationService {
  constructor(
    private readonly members: MemberDirectory,
    private readonly memberQueries: MemberQueries,
    private readonly days: BusinessDayService,
    private readonly cooperatives: CooperativeService,
    private readonly approvals: ApprovalService,
    private readonly arrears: LoanArrears,
    private readonly views: LoanViews,
    private readonly audit: AuditLog,
  ) {}

  async apply(tx: Tx, cooperativeId: string, teller: Actor, input: unknown): Promise<LoanView> {
    const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<
      string,
      unknown
    >;
    const product = isUuid(raw.productId)
      ? await loanProductBy(tx, cooperativeId, { id: raw.productId })
      : undefined;
    if (!product || product.status !== 'active') {
      throw new InvalidInputError('The loan application is not valid', [
        { field: 'productId', message: 'an active loan product of this cooperative' },
      ]);
    }
    const application = parseLoanApplication(raw, product);
    if (application.region !== null && /^[0-9]/.test(application.region)) {
      if (indonesianProvinces[application.region] === undefined) {
        throw new InvalidInputError('The loan application is not valid', [
          { field: 'region', message: 'a Kemendagri province code, e.g. 53 for NTT' },
        ]);
      }
    }
    await this.requireEligible(tx, cooperativeId, application);
    const day = await this.days.enter(tx, cooperativeId, 'shared');
    const member = await this.memberQueries.get(tx, cooperativeId, application.memberId);
    const amount = Money.of(application.amount, product.currency);
    const fees = chargedFees(amount, product.terms);
    const loan = {
      id: uuidv7(),
      loanNumber: await nextLoanNumber(tx, cooperativeId),
      memberId: member.id,
      productId: product.id,
      currency: product.currency,
      amount: amount.toString(),
      principal: principalLent(amount, fees).toString(),
      rate: application.rate,
      instalments: application.instalments,
      purpose: application.purpose,
      sector: application.sector,
      commodity: application.commodity,
      // Where the business is, as the application or else the member's profile says today.
      region:
        application.region ??
        member.businessProfile?.province ??
        member.businessProfile?.country ??
        null,
      relatedParty: member.relatedParty.flags.length > 0,
      terms: product.terms,
      fees,
      appliedBy: teller.id,
      appliedOn: day.businessDate,
    };
    await insertLoan(tx, cooperativeId, loan);
    await this.requireWithinLimits(
      tx,
      cooperativeId,
      (await loanById(tx, cooperativeId, loan.id))!,
    );
    await insertCollateral(tx, cooperativeId, loan.id, application.collateral, day.businessDate);
    await insertGuarantors(tx, cooperativeId, loan.id, application.guarantors);
    const request = await this.approvals.submit(tx, {
      cooperativeId,
      type: loanApprovalType,
      payload: { loanId: loan.id },
      maker: teller,
    });
    await recordApprovalRequest(tx, cooperativeId, loan.id, request.id);
    const view = await this.views.view(tx, cooperativeId, loan.id);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'loans.application.submit',
      targetType: 'loan',
      targetId: loan.id,
      after: { ...loan, collateral: application.collateral, guarantors: application.guarantors },
    });
    return view;
  }

  /**
   * The lending limits (BMPP) against own capital, at application and again when the approval
   * that releases the loan is given: capital and other loans move in between.
   */
  async requireWithinLimits(tx: Tx, cooperativeId: string, loan: LoanRecord): Promise<void> {
    const { functionalCurrency } = await this.cooperatives.byId(tx, cooperativeId);
    const limits = await lendingLimitsOf(tx, cooperativeId);
    const breach = lendingLimitBreach({
      ownCapital: new Decimal(await ownCapital(tx, cooperativeId, functionalCurrency)),
      limits,
      borrowerExposure: new Decimal(
        await exposure(tx, cooperativeId, { memberId: loan.memberId, excludingLoanId: loan.id }),
      ),
      relatedPartyExposure: new Decimal(
        await exposure(tx, cooperativeId, { relatedOnly: true, excludingLoanId: loan.id }),
      ),
      amount: new Decimal(loan.principal),
      relatedParty: loan.relatedParty,
    });
    if (breach) {
      throw new RuleViolationError(
        'lending-limit',
        'Lending limit exceeded',
        breach.limit === 'related-party'
          ? `Loans to related parties would reach ${breach.after}, above ${breach.allowed} (${limits.relatedPartyLimit} of own capital)`
          : `This borrower's loans would reach ${breach.after}, above ${breach.allowed} (${limits.singleBorrowerLimit} of own capital)`,
        { field: 'amount', ...breach },
      );
    }
  }

  /**
   * The teller withdraws an application not yet decided (the approval request is cancelled with
   * it); the maker of the request is the one who may.
   */
  async cancel(tx: Tx, cooperativeId: string, actor: Actor, loanId: string): Promise<LoanView> {
    const loan = await this.lockApplied(tx, cooperativeId, loanId);
    await this.approvals.cancel(tx, { cooperativeId, requestId: loan.approvalRequestId!, actor });
    return this.views.view(tx, cooperativeId, loan.id);
  }

  /** A manager (or supervisor) rejects with a reason; the loan is closed to any approval. */
  async reject(
    tx: Tx,
    cooperativeId: string,
    approver: Actor,
    loanId: string,
    reason: unknown,
  ): Promise<LoanView> {
    const loan = await this.lockApplied(tx, cooperativeId, loanId);
    await this.approvals.reject(tx, {
      cooperativeId,
      requestId: loan.approvalRequestId!,
      approver,
      reason: reason as string,
    });
    return this.views.view(tx, cooperativeId, loan.id);
  }

  /** Called when the approval request of an application ends without approval. */
  async closeUndecided(
    tx: Tx,
    cooperativeId: string,
    loanId: string,
    outcome: { status: 'rejected' | 'cancelled'; reason: string | null },
  ): Promise<void> {
    const loan = await this.lockApplied(tx, cooperativeId, loanId);
    const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
    const reason = outcome.status === 'rejected' ? (outcome.reason ?? 'rejected') : undefined;
    await decideLoan(tx, cooperativeId, loan.id, {
      status: outcome.status,
      on: businessDate,
      reason,
    });
    await this.audit.record(tx, {
      cooperativeId,
      action: `loans.application.${outcome.status === 'rejected' ? 'reject' : 'cancel'}`,
      targetType: 'loan',
      targetId: loan.id,
      before: { status: loan.status },
      after: { status: outcome.status },
      reason,
    });
  }

  private async lockApplied(tx: Tx, cooperativeId: string, loanId: string): Promise<LoanRecord> {
    const loan = isUuid(loanId) ? await loanById(tx, cooperativeId, loanId, true) : undefined;
    if (!loan) throw new NotFoundError('loan', loanId);
    if (loan.status !== 'applied') {
      throw new RuleViolationError(
        'loan-not-applied',
        'Not an open application',
        `Loan ${loan.loanNumber} is ${loan.status}`,
        { loanStatus: loan.status },
      );
    }
    return loan;
  }

  private async requireEligible(
    tx: Tx,
    cooperativeId: string,
    application: LoanApplicationInput,
  ): Promise<void> {
    const borrower = await this.activeMember(tx, cooperativeId, application.memberId, 'memberId');
    for (const [index, guarantor] of application.guarantors.entries()) {
      if (guarantor.memberId === null) continue;
      const field = `guarantors[${index}].memberId`;
      if (guarantor.memberId === borrower.id) {
        throw new InvalidInputError('The loan application is not valid', [
          { field, message: 'a borrower does not guarantee their own loan' },
        ]);
      }
      await this.activeMember(tx, cooperativeId, guarantor.memberId, field);
    }
    const overdue = await this.arrears.ofMember(tx, cooperativeId, borrower.id);
    if (overdue.length > 0) {
      throw new RuleViolationError(
        'member-in-arrears',
        'Member in arrears',
        `Member ${borrower.memberNumber} is behind on loan ${overdue[0].loanNumber}: ${overdue[0].overdue} overdue since ${overdue[0].since}`,
        { field: 'memberId', arrears: overdue },
      );
    }
    await this.requireNoUnrecoveredWriteOff(tx, cooperativeId, borrower.id);
  }

  /**
   * A member whose written-off loan is not fully recovered borrows no more: the cooperative lost
   * that money once, and the claim it keeps in memorandum is still open. Checked at application
   * and again at the last approval, as a loan may be written off while another waits.
   */
  async requireNoUnrecoveredWriteOff(
    tx: Tx,
    cooperativeId: string,
    memberId: string,
  ): Promise<void> {
    for (const writeOff of await writeOffsOfMember(tx, cooperativeId, memberId)) {
      const left = recoverable(
        Money.of(writeOff.writtenOff, writeOff.currency),
        Money.of(writeOff.recovered, writeOff.currency),
      );
      if (!left.isPositive()) continue;
      throw new RuleViolationError(
        'member-has-written-off-loan',
        'Member has a written-off loan',
        `The member's loan ${writeOff.loanNumber} was written off for ${writeOff.writtenOff} and ${left.toString()} of it is not recovered`,
        {
          field: 'memberId',
          loanId: writeOff.loanId,
          loanNumber: writeOff.loanNumber,
          writtenOff: writeOff.writtenOff,
          recoverable: left.toString(),
        },
      );
    }
  }

  /** Only members borrow (the closed loop): an unknown or inactive member is named by field. */
  private async activeMember(tx: Tx, cooperativeId: string, memberId: string, field: string) {
    let member;
    try {
      member = await this.members.lockMember(tx, cooperativeId, memberId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      throw new InvalidInputError('The loan application is not valid', [
        { field, message: 'not a member of this cooperative' },
      ]);
    }
    if (member.status !== 'active') {
      throw new RuleViolationError(
        'member-not-active',
        'Member not active',
        `Member ${member.memberNumber} is ${member.status}: only active members borrow or guarantee`,
        { field },
      );
    }
    return member;
  }
}
