import { ApprovalsModule } from '@lumbung/approvals';
import { LedgerModule } from '@lumbung/ledger';
import { MembersModule } from '@lumbung/members';
import { SavingsModule } from '@lumbung/savings';
import { Module } from '@nestjs/common';
import { CollectibilityChangeExecutor } from './application/collectibility-change.executor';
import { GradeLiftExecutor } from './application/grade-lift.executor';
import { InterestSuspension } from './application/interest-suspension';
import { LendingLimitsChangeExecutor } from './application/lending-limits-change.executor';
import { LoanApplicationService } from './application/loan-application.service';
import { LoanApprovalExecutor } from './application/loan-approval.executor';
import { LoanArrears } from './application/loan-arrears';
import { LoanCollectibility } from './application/loan-collectibility';
import { LoanDayClose } from './application/loan-day-close';
import { LoanDisbursementService } from './application/loan-disbursement.service';
import { LoanOpening } from './application/loan-opening.service';
import { LoanExitObligation } from './application/loan-exit-obligation';
import { LoanInterest } from './application/loan-interest';
import { LoanPayoffService } from './application/loan-payoff.service';
import { LoanListings } from './application/loan-listings';
import { LoanPortfolioReports } from './application/loan-portfolio-reports';
import { LoanPositions } from './application/loan-positions';
import { LoanProductChangeExecutor } from './application/loan-product-change.executor';
import { LoanProducts } from './application/loan-products';
import { LoanProvisioning } from './application/loan-provisioning';
import { LoanRecoveryService } from './application/loan-recovery.service';
import { LoanReceiptReversal } from './application/loan-receipt-reversal';
import { LoanRecoveryReversalExecutor } from './application/loan-recovery-reversal.executor';
import { LoanRepaymentReversalExecutor } from './application/loan-repayment-reversal.executor';
import { LoanRepaymentService } from './application/loan-repayment.service';
import { LoanRestructuringExecutor, LoanRestructurings } from './application/loan-restructuring';
import { LoanSchedules } from './application/loan-schedules';
import { LoanStatementService } from './application/loan-statement.service';
import { LoanViews } from './application/loan-views';
import { LoanWriteOffExecutor } from './application/loan-write-off.executor';

const services = [
  InterestSuspension,
  LoanApplicationService,
  LoanArrears,
  LoanCollectibility,
  LoanDayClose,
  LoanDisbursementService,
  LoanOpening,
  LoanInterest,
  LoanListings,
  LoanPayoffService,
  LoanPortfolioReports,
  LoanPositions,
  LoanProducts,
  LoanProvisioning,
  LoanRecoveryService,
  LoanRepaymentService,
  LoanRestructurings,
  LoanSchedules,
  LoanStatementService,
  LoanViews,
];

/**
 * Loan products, applications and their approval, disbursement, repayments and payoff, and the
 * per-loan accrual and penalty primitives the end of day runs. Needs DatabaseModule and
 * AuditModule registered by the application.
 */
@Module({
  imports: [LedgerModule, ApprovalsModule, MembersModule, SavingsModule],
  providers: [
    ...services,
    CollectibilityChangeExecutor,
    GradeLiftExecutor,
    LendingLimitsChangeExecutor,
    LoanApprovalExecutor,
    LoanExitObligation,
    LoanProductChangeExecutor,
    LoanReceiptReversal,
    LoanRecoveryReversalExecutor,
    LoanRepaymentReversalExecutor,
    LoanWriteOffExecutor,
    LoanRestructuringExecutor,
  ],
  exports: services,
})
export class LoansModule {}
