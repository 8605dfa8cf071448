import {
  ApprovalRegistry,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type ApprovalRule,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import { RuleViolationError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { decideLoan, type LoanRecord } from '../infrastructure/loan-store';
import { LoanApplicationService } from './loan-application.service';
import { loanApprovalType } from './loan-approval-type';
import { LoanViews } from './loan-views';

/** Two managers other than the teller who entered it; cooperatives may tier it by amount. */
export const twoManagersApprove: ApprovalRule = {
  requiredApprovals: 2,
  approverRoles: ['manager'],
};

/**
 * Approving a loan application: the rule's managers, and a supervisor as well when the borrower
 * is a related party (Permenkop 8/2023 Art. 44). The limits and the borrower's written-off loans
 * are checked again when the last approval arrives.
 */
@Injectable()
export class LoanApprovalExecutor extends RegisteredExecutor {
  readonly type = loanApprovalType;
  readonly defaultRule = twoManagersApprove;
  readonly movesMoney = true;

  constructor(
    registry: ApprovalRegistry,
    private readonly applications: LoanApplicationService,
    private readonly views: LoanViews,
    private readonly cooperatives: CooperativeService,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const loan = await this.applied(tx, input.cooperativeId, input.payload);
    return {
      payload: { loanId: loan.id },
      summary: `Loan ${loan.loanNumber}: ${loan.principal} ${loan.currency} over ${loan.instalments} instalments${loan.relatedParty ? ' (related party)' : ''}`,
      amount: { amount: loan.principal, currency: loan.currency },
      functionalEquivalent: loan.principal,
      alsoRequiredRoles: loan.relatedParty ? ['supervisor'] : [],
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const loan = await this.applied(tx, record.cooperativeId, record.payload, true);
    await this.applications.requireWithinLimits(tx, record.cooperativeId, loan);
    await this.applications.requireNoUnrecoveredWriteOff(tx, record.cooperativeId, loan.memberId);
    const { businessDate } = await this.cooperatives.byId(tx, record.cooperativeId);
    await decideLoan(tx, record.cooperativeId, loan.id, { status: 'approved', on: businessDate });
    await this.audit.record(tx, {
      cooperativeId: record.cooperativeId,
      action: 'loans.application.approve',
      targetType: 'loan',
      targetId: loan.id,
      before: { status: loan.status },
      after: { status: 'approved' },
    });
    return { loanId: loan.id, loanNumber: loan.loanNumber, status: 'approved' };
  }

  /** A rejected or cancelled request ends the application with it. */
  async closed(tx: Tx, request: ApprovalRequestRecord): Promise<void> {
    const loanId = String((request.payload as { loanId?: unknown } | null)?.loanId ?? '');
    const rejection = request.decisions.find((d) => d.decision === 'reject');
    await this.applications.closeUndecided(tx, request.cooperativeId, loanId, {
      status: request.status === 'rejected' ? 'rejected' : 'cancelled',
      reason: rejection?.reason ?? null,
    });
  }

  private async applied(
    tx: Tx,
    cooperativeId: string,
    payload: unknown,
    lock = false,
  ): Promise<LoanRecord> {
    const loanId = String((payload as { loanId?: unknown } | null)?.loanId ?? '');
    const loan = await this.views.require(tx, cooperativeId, loanId, lock);
    if (loan.status !== 'applied') {
      throw new RuleViolationError(
        'loan-not-applied',
        'Not an open application',
        `Loan ${loan.loanNumber} is ${loan.status}`,
      );
    }
    return loan;
  }
}
