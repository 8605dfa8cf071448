export { LedgerModule } from './ledger.module';
export { BusinessDateRollover } from './application/business-date-rollover.service';
export {
  BusinessDayService,
  type CooperativeDay,
  type DateRoll,
} from './application/business-day.service';
export { type ChartUpgrade, ChartService, type OpenLeafRequest } from './application/chart.service';
export { coalescing, CoalescingWriter } from './application/coalescing-writer';
export {
  type Cooperative,
  CooperativeService,
  type NewCooperative,
} from './application/cooperative.service';
export {
  type AccountBalance,
  LedgerQueryService,
  maxStatementPage,
  type StatementLine,
  type StatementPage,
} from './application/ledger-query.service';
export {
  type ClosedPeriod,
  PeriodService,
  type ReopenedPeriod,
} from './application/period.service';
export { periodReopenType } from './application/period-reopen.executor';
export { manualJournalType } from './application/manual-journal.executor';
export {
  manualJournalStatuses,
  ManualJournalService,
  type ManualJournalView,
  maxJournalPage,
} from './application/manual-journal.service';
export {
  domainOwnedTemplateKeys,
  type JournalAccountFacts,
  voucherTypes,
  type VoucherType,
} from './domain/manual-journal';
export { BankAccountService, type OpenBankAccount } from './application/bank-account.service';
export {
  BankStatementService,
  type Reconciliation,
  type StatementImport,
} from './application/bank-statement.service';
export { defaultToleranceDays, maxToleranceDays } from './domain/bank-matching';
export { statementColumns } from './domain/bank-statement';
export {
  maxEntriesPerBatch,
  type PostingOutcome,
  PostingService,
} from './application/posting.service';
export { type ReversalRequest, ReversalService } from './application/reversal.service';
export {
  type AccountClass,
  accountClasses,
  type AccountHolder,
  type CounterpartyClass,
  counterpartyClasses,
  type NormalSide,
} from './domain/account-class';
export {
  type ChartTemplate,
  kspChartTemplate,
  type TemplateAccount,
} from './domain/chart-template';
export { type Dimensions, type EntryDraft, type PostingDraft } from './domain/entry-draft';
export {
  type ChartAccount,
  type TrialBalance,
  type TrialBalanceLine,
} from './domain/trial-balance';
export { type PostedEntry, type PostedPosting } from './infrastructure/entry-reader';
export { businessDayLockSpace } from './infrastructure/posting-store';
export { ChainVerificationService } from './application/chain-verification.service';
export {
  JournalSealingService,
  maxBlocksPerRun,
  maxEntriesPerBlock,
  type SealingOutcome,
} from './application/journal-sealing.service';
export {
  canonicalEntry,
  canonicalFormVersion,
  entryColumns,
  type EntryRecord,
  postingColumns,
  type PostingRecord,
  type SealableEntry,
} from './domain/canonical-entry';
export {
  canonicalBlock,
  type ChainHead,
  formatChainHead,
  genesisHash,
  parseChainHead,
  type SealedBlock,
} from './domain/chain-block';
export {
  type ChainFinding,
  type ChainFindingKind,
  blockHash,
  entryHash,
} from './domain/chain-check';
export { type ChainVerification } from './domain/chain-verdict';
export { type KeptHeadCheck } from './domain/kept-head';
export { journalSealingLockSpace, type SealingLag } from './infrastructure/seal-store';
export { sha256Hex } from './infrastructure/sha256';
export { type Holiday, HolidayCalendar } from './application/holiday-calendar.service';
