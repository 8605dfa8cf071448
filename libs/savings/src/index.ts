export { SavingsModule } from './savings.module';
export {
  cashOperationType,
  type CashOutcome,
  type CashRequest,
  type Receipt,
  receiptSeries,
  TellerOperations,
} from './application/teller-operations';
export { memberExitType } from './application/member-exit.executor';
export { type Heir, type MemberExitRequest } from './application/member-exit-request';
export { type ExitReceipt } from './application/member-exit.service';
export { type ExitReason, exitReasons, type ExitSettlement } from './domain/member-exit';
export {
  type ExitObligationHandler,
  ExitObligations,
  type ObligationFunding,
  type OwedObligation,
} from './application/exit-obligations';
export { type ExitObligation, type ObligationSettlement } from './domain/exit-obligations';
export {
  MemberTransferService,
  type TransferReceipt,
  type TransferRequest,
} from './application/member-transfer.service';
export {
  type PassbookNext,
  type PassbookPosition,
  type PassbookPrintout,
  PassbookService,
} from './application/passbook.service';
export {
  type PrintedDocument,
  type StatementRequest,
  StatementService,
} from './application/statement.service';
export { type PassbookLine, passbookLinesPerPage } from './domain/passbook';
export {
  type AccountStatement,
  type MemberStatement,
  type StatementFormat,
  statementFormats,
  type StatementLine,
} from './domain/statement';
export { type Language, statementLanguages } from './domain/statement-language';
export { productChangeType } from './application/product-change.executor';
export { ProductService } from './application/product.service';
export {
  SavingsAccountService,
  type SavingsAccountView,
} from './application/savings-account.service';
export { type CashThresholdFlag, SavingsReports } from './application/savings-reports';
export {
  type FlaggedCashReport,
  type IdentityNumbers,
  type MemberSavingsPage,
  SavingsListings,
} from './application/savings-listings';
export { settingsChangeType } from './application/settings-change.executor';
export {
  maxTillSessionPage,
  type TillCloseOutcome,
  tillDifferenceType,
  TillService,
  type TillSessionPage,
  type TillTransfer,
} from './application/till.service';
export { countableCurrencies, denominationsOf } from './domain/denominations';
export { type CashCount, type CountLine, countCash } from './domain/till-count';
export {
  type TillSession,
  type TillSessionStatus,
  tillSessionStatuses,
  type TillTeller,
  type TransferDirection,
  transferDirections,
} from './domain/till-session';
export { type ProductKind, productKinds, savingsRateCap } from './domain/product-terms';
export { type ProductView } from './infrastructure/product-store';
export { type SavingsSettings } from './infrastructure/settings-store';
export {
  type PlacementRequest,
  TimeDepositService,
  type TimeDepositView,
} from './application/time-deposit.service';
export { type Placement } from './infrastructure/placement-store';
export { DormancyService } from './application/dormancy.service';
export { ReceiptService } from './application/receipt.service';
export {
  type ReceiptFormat,
  receiptFormats,
  type ReceiptLine,
  type ReceiptView,
} from './domain/receipt';
export {
  type LoanMovement,
  type VoluntaryAccount,
  VoluntarySavingsAccess,
} from './application/voluntary-savings-access';
export { SavingsDayClose } from './application/savings-day-close';
export {
  type OpeningPlacement,
  type OpeningSavingsAccount,
  SavingsOpening,
} from './application/savings-opening.service';
export { savingsInterestCodes } from './application/interest-payable';
export { TimeDepositAccrual } from './application/time-deposit-accrual';
export {
  type MaturityOutcome,
  type SettledPlacement,
  TimeDepositMaturity,
  type UnsettledPlacement,
} from './application/time-deposit-maturity';
export { type SettleOptions } from './application/time-deposit.service';
