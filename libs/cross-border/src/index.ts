export { CrossBorderModule } from './cross-border.module';
export { type AgreementView, CooperationAgreements } from './application/agreements.service';
export { CrossBorderExposure, type ExposureFigures } from './application/exposure';
export { facilityApprovalType } from './application/facility-approval-type';
export { CrossBorderFacilities, type FacilityView } from './application/facilities.service';
export { crossBorderCodes, positionCode } from './application/facility-accounts';
export {
  type DrawdownReceipt,
  type DrawdownView,
  FacilityMoney,
  type RepaymentReceipt,
} from './application/facility-money.service';
export { FxRevaluation } from './application/fx-revaluation';
export { type FxRatePage, FxRates } from './application/fx-rates';
export { fxRatesChangeType } from './application/fx-rates-change.executor';
export {
  crossBorderSettingsChangeType,
  exposureLimitChangeType,
} from './application/limits-change.executors';
export { CrossBorderLimits, type CrossBorderLimitsView } from './application/limits.service';
export { PartnerCooperatives } from './application/partners.service';
export { CrossBorderReports } from './application/reports.service';
export {
  type ExposureDimension,
  exposureCsvColumns,
  exposureDimensions,
  type ExposureReport,
  exposureReportCsv,
  type ReportFormat,
  reportFormats,
} from './domain/exposure-report';
export { type MsmeExport, msmeCsvColumns, msmeExportCsv } from './domain/msme-export';
export { type ExposureQuery, type ReportQuery } from './domain/report-query';
export {
  borrowerCodes,
  CrossBorderSettlements,
  type ReconciliationReport,
} from './application/settlements.service';
export { type Reconciliation, type ReconciliationItem, settlementKinds } from './domain/settlement';
export { type SettlementRecord } from './infrastructure/settlement-store';
export { type Page, type PageQuery } from './application/page';
export { financingPrograms, programKinds, renewalKinds } from './domain/agreement';
export { exposureScopes } from './domain/exposure';
export {
  facilityCurrencies,
  facilitySectors,
  facilityStatuses,
  facilityTermKeys,
  type FacilityStatus,
} from './domain/facility';
export { fxCsvColumns, maxFxCsvLength, parseFxCsv } from './domain/fx-csv';
export { maxRatesPerChange } from './domain/fx-rate';
export { partnerStatuses } from './domain/partner';
export { type PartnerRecord } from './infrastructure/partner-store';
export { type FacilityRecord } from './infrastructure/facility-store';
export {
  type DrawdownRecord,
  type InstalmentRecord,
  type RepaymentRecord,
  type RevaluationRecord,
} from './infrastructure/money-store';
