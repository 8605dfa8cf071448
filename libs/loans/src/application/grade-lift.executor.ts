import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import { InvalidInputError, isUuid, RuleViolationError, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { insertGradeOverride } from '../infrastructure/quality-store';
import { LoanCollectibility } from './loan-collectibility';
import { LoanViews } from './loan-views';

export const gradeLiftType = 'loans.grade.lift';

/**
 * Lifting a manager's downgrade makes a loan's grade better, so a second manager approves it;
 * from that business date the loan is graded by its arrears alone again.
 */
@Injectable()
export class GradeLiftExecutor extends RegisteredExecutor {
  readonly type = gradeLiftType;
  readonly defaultRule = oneManagerApproves;

  constructor(
    registry: ApprovalRegistry,
    private readonly views: LoanViews,
    private readonly collectibility: LoanCollectibility,
    private readonly cooperatives: CooperativeService,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const { loan, downgrade } = await this.target(tx, input.cooperativeId, input.payload);
    return {
      payload: { loanId: loan.id, downgradeId: downgrade.id },
      summary: `Lift the ${downgrade.grade} grade of loan ${loan.loanNumber} set on ${downgrade.decidedOn}`,
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const { cooperativeId } = record;
    const { loan, downgrade } = await this.target(tx, cooperativeId, record.payload);
    const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
    const reason = record.reason ?? `Lifted in request ${record.id}`;
    await insertGradeOverride(tx, cooperativeId, {
      id: uuidv7(),
      loanId: loan.id,
      action: 'lift',
      grade: null,
      reason,
      decidedOn: businessDate,
      decidedBy: record.makerId,
      approvalRequestId: record.id,
    });
    await this.audit.record(tx, {
      cooperativeId,
      action: gradeLiftType,
      targetType: 'loan',
      targetId: loan.id,
      before: { manualGrade: downgrade.grade, decidedOn: downgrade.decidedOn },
      after: { manualGrade: null, liftedOn: businessDate },
      reason,
    });
    return this.collectibility.collectibilityOf(tx, cooperativeId, loan);
  }

  private async target(tx: Tx, cooperativeId: string, payload: unknown) {
    const raw = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
      string,
      unknown
    >;
    if (typeof raw.loanId !== 'string' || !isUuid(raw.loanId)) {
      throw new InvalidInputError('loanId must be a UUID', [
        { field: 'loanId', message: 'must be a UUID' },
      ]);
    }
    const loan = await this.views.lockInStatus(
      tx,
      cooperativeId,
      raw.loanId,
      'active',
      'a paid-off loan has no grade to lift',
    );
    const downgrade = await this.collectibility.standingDowngrade(tx, cooperativeId, loan.id);
    // The downgrade asked about must still be the one standing: a newer one needs its own request.
    if (!downgrade || (raw.downgradeId !== undefined && raw.downgradeId !== downgrade.id)) {
      throw new RuleViolationError(
        'no-manual-grade',
        'No manual grade to lift',
        `Loan ${loan.loanNumber} has ${downgrade ? 'a newer' : 'no'} manual downgrade standing`,
        { field: 'loanId' },
      );
    }
    return { loan, downgrade };
  }
}
