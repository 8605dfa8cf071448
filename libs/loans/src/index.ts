export { LoansModule } from './loans.module';
export { lendingLimitsChangeType } from './application/lending-limits-change.executor';
export { LoanApplicationService } from './application/loan-application.service';
export { loanApprovalType } from './application/loan-approval-type';
export { type Arrears, LoanArrears } from './application/loan-arrears';
export {
  type DisbursementRequest,
  LoanDisbursementService,
} from './application/loan-disbursement.service';
export { LoanInterest } from './application/loan-interest';
export { LoanPayoffService, type PayoffQuoteView } from './application/loan-payoff.service';
export { type DueSummary, type LoanPosition, LoanPositions } from './application/loan-positions';
export { loanProductChangeType } from './application/loan-product-change.executor';
export { LoanProducts } from './application/loan-products';
export {
  type Funding,
  type RepaymentReceipt,
  type RepaymentRequest,
  LoanRepaymentService,
} from './application/loan-repayment.service';
export { type LoanPage, type LoanView, LoanViews } from './application/loan-views';
export {
  type CollateralInput,
  collateralKinds,
  collateralDocuments,
  type LoanSector,
  loanSectors,
} from './domain/loan-application';
export {
  LoanOpening,
  type OpeningInstalment,
  type OpeningLoan,
} from './application/loan-opening.service';
export {
  allocationBuckets,
  flatPayoffRules,
  interestMethods,
  type LoanTerms,
} from './domain/loan-terms';
export { type LoanRecord, type LoanStatus, loanStatuses } from './infrastructure/loan-store';
export { type LoanProductView } from './infrastructure/product-store';
export { type LendingLimits } from './infrastructure/settings-store';
export {
  type LoanStatementRequest,
  LoanStatementService,
} from './application/loan-statement.service';
export {
  type LoanStatement,
  type LoanStatementFormat,
  loanStatementFormats,
} from './domain/loan-statement';
export { type LoanStatementLanguage, loanStatementLanguages } from './domain/statement-text';
export { recoveryReversalType } from './application/loan-recovery-reversal.executor';
export { repaymentReversalType } from './application/loan-repayment-reversal.executor';
export { LoanDayClose } from './application/loan-day-close';
export {
  type CollectibilitySettingsView,
  type DowngradeRequest,
  LoanCollectibility,
  type LoanCollectibilityView,
  type ProvisionSummary,
} from './application/loan-collectibility';
export { LoanProvisioning, provisionCodes } from './application/loan-provisioning';
export { collectibilityChangeType } from './application/collectibility-change.executor';
export { gradeLiftType } from './application/grade-lift.executor';
export {
  collectibilityPresets,
  type CollectibilityPreset,
  type LoanGrade,
  loanGrades,
} from './domain/collectibility';
export { parseLoanTerms } from './domain/loan-terms';
export { buildSchedule, type Instalment, type Schedule } from './domain/schedule';
export {
  LoanRestructurings,
  type RestructuringHistory,
  restructuringType,
  type ScheduleVersionView,
} from './application/loan-restructuring';
export { type RestructuringRecord } from './infrastructure/restructuring-store';
export {
  InterestSuspension,
  type LoanAccrualView,
  nonAccrualCodes,
} from './application/interest-suspension';
export {
  LoanRecoveryService,
  type RecoveryReceipt,
  type RecoveryRequest,
} from './application/loan-recovery.service';
export { loanWriteOffType } from './application/loan-write-off.executor';
export { type AccrualStatus, accrualStatuses } from './domain/non-accrual';
export { LoanPortfolioReports, type PortfolioQuery } from './application/loan-portfolio-reports';
export { LoanListings, type LoansPage } from './application/loan-listings';
export { type ListedLoan, type ScheduleStatus } from './domain/loan-listing';
export {
  nplBands,
  parThresholds,
  portfolioDimensions,
  type PortfolioReport,
  portfolioReportCsv,
  portfolioReportFormats,
} from './domain/portfolio-report';
