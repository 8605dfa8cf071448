import type { MigrationInterface } from 'typeorm';
import { LedgerFoundation1795313877912 } from './1795313877912-LedgerFoundation';
import { LedgerGuards1795318000000 } from './1795318000000-LedgerGuards';
import { LedgerWritePath1795319000000 } from './1795319000000-LedgerWritePath';
import { JournalSealing1795320000000 } from './1795320000000-JournalSealing';
import { LedgerHotPathKeys1795321000000 } from './1795321000000-LedgerHotPathKeys';
import { Approvals1795330000000 } from './1795330000000-Approvals';
import { Auth1795331000000 } from './1795331000000-Auth';
import { Members1795340000000 } from './1795340000000-Members';
import { Savings1795341000000 } from './1795341000000-Savings';
import { Tills1795342000000 } from './1795342000000-Tills';
import { Passbooks1795344000000 } from './1795344000000-Passbooks';
import { TimeDeposits1795345000000 } from './1795345000000-TimeDeposits';
import { CashRounding1795346000000 } from './1795346000000-CashRounding';
import { ApprovalRequiredRoles1795349000000 } from './1795349000000-ApprovalRequiredRoles';
import { Loans1795350000000 } from './1795350000000-Loans';
import { Holidays1795351000000 } from './1795351000000-Holidays';
import { EndOfDay1795352000000 } from './1795352000000-EndOfDay';
import { SavingsAccrual1795353000000 } from './1795353000000-SavingsAccrual';
import { TimeDepositAccrual1795357000000 } from './1795357000000-TimeDepositAccrual';
import { LoanQuality1795358000000 } from './1795358000000-LoanQuality';
import { CrossBorder1795360000000 } from './1795360000000-CrossBorder';
import { CrossBorderMoney1795362400000 } from './1795362400000-CrossBorderMoney';
import { CrossBorderSettlement1795364500000 } from './1795364500000-CrossBorderSettlement';
import { LoanAccrualPosition1795363700000 } from './1795363700000-LoanAccrualPosition';
import { LoanRestructuring1795366500000 } from './1795366500000-LoanRestructuring';
import { LoanNonAccrual1795367500000 } from './1795367500000-LoanNonAccrual';
import { ManualJournals1795368500000 } from './1795368500000-ManualJournals';
import { BankAccounts1795369000000 } from './1795369000000-BankAccounts';
import { LedgerExportJobs1795369500000 } from './1795369500000-LedgerExportJobs';
import { Cutover1795370000000 } from './1795370000000-Cutover';
import { CutoverLoans1795370500000 } from './1795370500000-CutoverLoans';
import { LoanPenaltySuspension1795371000000 } from './1795371000000-LoanPenaltySuspension';
import { LoanRecoveryReversal1795371500000 } from './1795371500000-LoanRecoveryReversal';

/** Every migration, in order. Explicit: globs break in bundles. */
export const migrations: Array<new () => MigrationInterface> = [
  LedgerFoundation1795313877912,
  LedgerGuards1795318000000,
  LedgerWritePath1795319000000,
  JournalSealing1795320000000,
  LedgerHotPathKeys1795321000000,
  Approvals1795330000000,
  Auth1795331000000,
  Members1795340000000,
  Savings1795341000000,
  Tills1795342000000,
  Passbooks1795344000000,
  TimeDeposits1795345000000,
  CashRounding1795346000000,
  ApprovalRequiredRoles1795349000000,
  Loans1795350000000,
  Holidays1795351000000,
  EndOfDay1795352000000,
  SavingsAccrual1795353000000,
  TimeDepositAccrual1795357000000,
  LoanQuality1795358000000,
  CrossBorder1795360000000,
  CrossBorderMoney1795362400000,
  LoanAccrualPosition1795363700000,
  CrossBorderSettlement1795364500000,
  LoanRestructuring1795366500000,
  LoanNonAccrual1795367500000,
  ManualJournals1795368500000,
  BankAccounts1795369000000,
  LedgerExportJobs1795369500000,
  Cutover1795370000000,
  CutoverLoans1795370500000,
  LoanPenaltySuspension1795371000000,
  LoanRecoveryReversal1795371500000,
];
