import { ApprovalsModule } from '@lumbung/approvals';
import { LedgerModule } from '@lumbung/ledger';
import { MembersModule } from '@lumbung/members';
import { Module } from '@nestjs/common';
import { CashOperationExecutor } from './application/cash-operation.executor';
import { DormancyService } from './application/dormancy.service';
import { ExitObligations } from './application/exit-obligations';
import { MemberExitExecutor } from './application/member-exit.executor';
import { MemberExitService } from './application/member-exit.service';
import { MemberTransferService } from './application/member-transfer.service';
import { PassbookService } from './application/passbook.service';
import { ProductChangeExecutor } from './application/product-change.executor';
import { ProductService } from './application/product.service';
import { ReceiptService } from './application/receipt.service';
import { SavingsAccountService } from './application/savings-account.service';
import { SavingsDayClose } from './application/savings-day-close';
import { SavingsOpening } from './application/savings-opening.service';
import { SavingsListings } from './application/savings-listings';
import { SavingsReports } from './application/savings-reports';
import { SavingsSettingsChangeExecutor } from './application/settings-change.executor';
import { StatementService } from './application/statement.service';
import { TellerOperations } from './application/teller-operations';
import { TillDifferenceExecutor } from './application/till-difference.executor';
import { TillService } from './application/till.service';
import { TimeDepositAccrual } from './application/time-deposit-accrual';
import { TimeDepositMaturity } from './application/time-deposit-maturity';
import { TimeDepositService } from './application/time-deposit.service';
import { VoluntarySavingsAccess } from './application/voluntary-savings-access';

const services = [
  DormancyService,
  ExitObligations,
  MemberTransferService,
  PassbookService,
  ProductService,
  ReceiptService,
  SavingsAccountService,
  SavingsDayClose,
  SavingsOpening,
  SavingsListings,
  SavingsReports,
  StatementService,
  TellerOperations,
  TillService,
  TimeDepositAccrual,
  TimeDepositMaturity,
  TimeDepositService,
  VoluntarySavingsAccess,
];

/**
 * Savings products, members' accounts, the vault and tills, and the teller's cash operations.
 * Needs DatabaseModule and AuditModule registered by the application.
 */
@Module({
  imports: [LedgerModule, ApprovalsModule, MembersModule],
  providers: [
    ...services,
    CashOperationExecutor,
    MemberExitExecutor,
    MemberExitService,
    ProductChangeExecutor,
    SavingsSettingsChangeExecutor,
    TillDifferenceExecutor,
  ],
  exports: services,
})
export class SavingsModule {}
