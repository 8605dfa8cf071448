import { ApprovalsModule } from '@lumbung/approvals';
import { AuditModule } from '@lumbung/audit';
import { AuthModule } from '@lumbung/auth';
import type { Environment } from '@lumbung/core';
import { CrossBorderModule } from '@lumbung/cross-border';
import { DatabaseModule } from '@lumbung/database';
import { EndOfDayModule } from '@lumbung/end-of-day';
import { ExportsModule } from '@lumbung/exports';
import { LedgerModule } from '@lumbung/ledger';
import { LoansModule } from '@lumbung/loans';
import { SavingsModule } from '@lumbung/savings';
import { MembersModule } from '@lumbung/members';
import { OnboardingModule } from '@lumbung/onboarding';
import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApprovalRulesController } from './approvals/approval-rules.controller';
import { CooperativeApprovalsController } from './approvals/cooperative-approvals.controller';
import { PlatformApprovalsController } from './approvals/platform-approvals.controller';
import { AuditLogController } from './audit/audit-log.controller';
import { AccessGuard } from './auth/access.guard';
import { AuthController } from './auth/auth.controller';
import { EndOfDayController } from './end-of-day/end-of-day.controller';
import { FinancialStatementsController } from './exports/financial-statements.controller';
import { LedgerExportJobsController } from './exports/ledger-export-jobs.controller';
import { LedgerExportController } from './exports/ledger-export.controller';
import { FacilitiesController } from './cross-border/facilities.controller';
import { FxRatesController } from './cross-border/fx-rates.controller';
import { PartnersController } from './cross-border/partners.controller';
import { CrossBorderReportsController } from './cross-border/reports.controller';
import { RoleGrantsController } from './auth/role-grants.controller';
import { UsersController } from './auth/users.controller';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { RedisProbe } from './health/redis-probe';
import { bindRequestContext } from './http/request-context.middleware';
import { ChainController } from './ledger/chain.controller';
import { CooperativeScopeGuard } from './ledger/cooperative-scope.guard';
import { HolidaysController } from './ledger/holidays.controller';
import { LedgerController } from './ledger/ledger.controller';
import { JournalsController } from './journals/journals.controller';
import { CutoverController } from './cutover/cutover.controller';
import { ListingsController } from './listings/listings.controller';
import { BankAccountsController } from './bank/bank-accounts.controller';
import { LoanPortfolioController } from './loans/loan-portfolio.controller';
import { LoanQualityController } from './loans/loan-quality.controller';
import { LoanRestructuringController } from './loans/loan-restructuring.controller';
import { LoanSetupController } from './loans/loan-setup.controller';
import { LoanStatementController } from './loans/loan-statement.controller';
import { LoanWriteOffController } from './loans/loan-write-off.controller';
import { LoansController } from './loans/loans.controller';
import { MembersController } from './members/members.controller';
import { MemberExitController } from './savings/member-exit.controller';
import { PassbookController } from './savings/passbook.controller';
import { ReceiptController } from './savings/receipt.controller';
import { SavingsAccountsController } from './savings/savings-accounts.controller';
import { SavingsSetupController } from './savings/savings-setup.controller';
import { StatementController } from './savings/statement.controller';
import { TillController } from './savings/till.controller';
import { TimeDepositsController } from './savings/time-deposits.controller';
import { QueueStats } from './health/queue-stats';
import { LedgerExportQueue } from './exports/ledger-export-queue';
import { QueueBoard } from './queue-board/queue-board';
import { QueueBoardSessionController } from './queue-board/queue-board-session.controller';
import { defaultQueuePrefix } from '../../worker/src/queues';

export interface ApiModuleOptions {
  /**
   * The worker's Redis key prefix, for the queue board and the export jobs handed to the worker
   * (tests run workers under their own).
   */
  readonly queuePrefix?: string;
}

@Module({})
export class ApiModule implements NestModule {
  static forRoot(env: Environment, options: ApiModuleOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        DatabaseModule.forRoot({ url: env.databaseUrl, applicationName: 'lumbung-api' }),
        AuditModule,
        LedgerModule,
        ExportsModule,
        ApprovalsModule,
        SavingsModule,
        AuthModule.forRoot({ jwtSecret: env.jwtSecret }),
        MembersModule,
        LoansModule,
        EndOfDayModule,
        CrossBorderModule,
        OnboardingModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        AuthController,
        UsersController,
        RoleGrantsController,
        AuditLogController,
        PlatformApprovalsController,
        CooperativeApprovalsController,
        ApprovalRulesController,
        LedgerController,
        JournalsController,
        CutoverController,
        BankAccountsController,
        ChainController,
        LedgerExportController,
        FinancialStatementsController,
        LedgerExportJobsController,
        HolidaysController,
        EndOfDayController,
        MembersController,
        SavingsSetupController,
        SavingsAccountsController,
        TillController,
        StatementController,
        PassbookController,
        TimeDepositsController,
        MemberExitController,
        ReceiptController,
        LoanSetupController,
        LoansController,
        LoanStatementController,
        LoanQualityController,
        ListingsController,
        LoanPortfolioController,
        LoanWriteOffController,
        LoanRestructuringController,
        PartnersController,
        FxRatesController,
        FacilitiesController,
        CrossBorderReportsController,
        QueueBoardSessionController,
      ],
      providers: [
        { provide: RedisProbe, useFactory: () => new RedisProbe(env.redisUrl) },
        {
          provide: QueueStats,
          useFactory: () => new QueueStats(env.redisUrl, options.queuePrefix ?? defaultQueuePrefix),
        },
        {
          provide: LedgerExportQueue,
          useFactory: () =>
            new LedgerExportQueue(env.redisUrl, options.queuePrefix ?? defaultQueuePrefix),
        },
        {
          provide: QueueBoard,
          useFactory: () =>
            new QueueBoard({
              redisUrl: env.redisUrl,
              prefix: options.queuePrefix ?? defaultQueuePrefix,
            }),
        },
        CooperativeScopeGuard,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(bindRequestContext).forRoutes('*');
  }
}
