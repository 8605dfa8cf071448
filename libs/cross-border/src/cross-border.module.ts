import { ApprovalsModule } from '@lumbung/approvals';
import { LedgerModule } from '@lumbung/ledger';
import { LoansModule } from '@lumbung/loans';
import { Module } from '@nestjs/common';
import { CooperationAgreements } from './application/agreements.service';
import { CrossBorderExposure } from './application/exposure';
import { FacilityAccounts } from './application/facility-accounts';
import { FacilityApprovalExecutor } from './application/facility-approval.executor';
import { FacilityMoney } from './application/facility-money.service';
import { CrossBorderFacilities } from './application/facilities.service';
import { FxRates } from './application/fx-rates';
import { FxRatesChangeExecutor } from './application/fx-rates-change.executor';
import { FxRevaluation } from './application/fx-revaluation';
import {
  CrossBorderSettingsChangeExecutor,
  ExposureLimitChangeExecutor,
} from './application/limits-change.executors';
import { CrossBorderLimits } from './application/limits.service';
import { PartnerCooperatives } from './application/partners.service';
import { CrossBorderReports } from './application/reports.service';
import { CrossBorderSettlements } from './application/settlements.service';

const services = [
  CooperationAgreements,
  CrossBorderExposure,
  CrossBorderFacilities,
  CrossBorderLimits,
  CrossBorderReports,
  CrossBorderSettlements,
  FacilityAccounts,
  FacilityMoney,
  FxRates,
  FxRevaluation,
  PartnerCooperatives,
];

/**
 * Cross-border financing (issue 9): partner cooperatives abroad, cooperation agreements, FX
 * rates, exposure limits and facility requests with their four-eyes approval; drawdowns and
 * repayments in the facility currency through FX position leaves, realised FX on principal and
 * the month-end revaluation the end of day runs. Needs DatabaseModule and AuditModule
 * registered by the application.
 */
@Module({
  imports: [LedgerModule, ApprovalsModule, LoansModule],
  providers: [
    ...services,
    CrossBorderSettingsChangeExecutor,
    ExposureLimitChangeExecutor,
    FacilityApprovalExecutor,
    FxRatesChangeExecutor,
  ],
  exports: services,
})
export class CrossBorderModule {}
