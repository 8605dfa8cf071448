import { ApprovalsModule } from '@lumbung/approvals';
import { LedgerModule } from '@lumbung/ledger';
import { LoansModule } from '@lumbung/loans';
import { Module } from '@nestjs/common';
import { CooperationAgreements } from './application/agreements.service';
import { CrossBorderExposure } from './application/exposure';
import { FacilityApprovalExecutor } from './application/facility-approval.executor';
import { CrossBorderFacilities } from './application/facilities.service';
import { FxRates } from './application/fx-rates';
import { FxRatesChangeExecutor } from './application/fx-rates-change.executor';
import {
  CrossBorderSettingsChangeExecutor,
  ExposureLimitChangeExecutor,
} from './application/limits-change.executors';
import { CrossBorderLimits } from './application/limits.service';
import { PartnerCooperatives } from './application/partners.service';

const services = [
  CooperationAgreements,
  CrossBorderExposure,
  CrossBorderFacilities,
  CrossBorderLimits,
  FxRates,
  PartnerCooperatives,
];

/**
 * Cross-border financing (issue 9, first landing): partner cooperatives abroad, cooperation
 * agreements, FX rates, exposure limits and facility requests with their four-eyes approval.
 * Needs DatabaseModule and AuditModule registered by the application.
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
