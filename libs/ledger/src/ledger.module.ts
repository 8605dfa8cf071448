import { ApprovalsModule } from '@lumbung/approvals';
import { Clock, SystemClock } from '@lumbung/core';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BankAccountService } from './application/bank-account.service';
import { BankStatementService } from './application/bank-statement.service';
import { BusinessDateRollover } from './application/business-date-rollover.service';
import { BusinessDayService } from './application/business-day.service';
import { ChartService } from './application/chart.service';
import { CoalescingWriter } from './application/coalescing-writer';
import { CooperativeDirectory } from './application/cooperative-directory';
import { CooperativeService } from './application/cooperative.service';
import { HolidayCalendar } from './application/holiday-calendar.service';
import { LedgerQueryService } from './application/ledger-query.service';
import { ManualJournalExecutor } from './application/manual-journal.executor';
import { ManualJournalService } from './application/manual-journal.service';
import { PeriodReopenExecutor } from './application/period-reopen.executor';
import { PeriodService } from './application/period.service';
import { PostingService } from './application/posting.service';
import { ReversalService } from './application/reversal.service';
import { ChainVerificationService } from './application/chain-verification.service';
import { JournalSealingService } from './application/journal-sealing.service';
import { AccountEntity } from './infrastructure/account.entity';
import { CooperativeEntity } from './infrastructure/cooperative.entity';

const services = [
  BankAccountService,
  BankStatementService,
  BusinessDateRollover,
  BusinessDayService,
  ChartService,
  CoalescingWriter,
  CooperativeDirectory,
  CooperativeService,
  HolidayCalendar,
  LedgerQueryService,
  ManualJournalService,
  PeriodService,
  PostingService,
  ReversalService,
  JournalSealingService,
  ChainVerificationService,
];

/**
 * The ledger: needs DatabaseModule and AuditModule registered by the application. Registers
 * its four-eyes actions (reopening a month, manual journals) with the approvals engine.
 */
@Module({
  imports: [TypeOrmModule.forFeature([CooperativeEntity, AccountEntity]), ApprovalsModule],
  providers: [
    ...services,
    PeriodReopenExecutor,
    ManualJournalExecutor,
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [...services, Clock],
})
export class LedgerModule {}
