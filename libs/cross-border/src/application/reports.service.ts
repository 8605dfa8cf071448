import { type BusinessDate, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { inForce } from '../domain/agreement';
import { type ExposureReport, exposureReport } from '../domain/exposure-report';
import type { FxRate } from '../domain/fx-rate';
import {
  distinct,
  financingOf,
  maskPersonName,
  type MsmeBusiness,
  type MsmeExport,
  msmeExportFormat,
  type MsmeFinancing,
} from '../domain/msme-export';
import {
  type ExposureQuery,
  parseExposureQuery,
  parseReportQuery,
  type ReportQuery,
} from '../domain/report-query';
import { rateFor } from '../infrastructure/fx-rate-store';
import {
  exportOrientedLoans,
  exportOrientedMembers,
  partnerProfiles,
} from '../infrastructure/msme-store';
import { facilityExposures, headingBalances } from '../infrastructure/report-store';
import { crossBorderCodes } from './facility-accounts';

/**
 * Reports on cross-border financing, read from the books by value date (callers run them in one
 * REPEATABLE READ, read-only transaction): the exposure by country, partner, agreement, program,
 * sector and commodity, and the export of export-oriented MSME data for regional business-centre
 * platforms. Bad input is a 400 before anything is read.
 */
@Injectable()
export class CrossBorderReports {
  constructor(private readonly cooperatives: CooperativeService) {}

  /** Parses the query against the cooperative's business date (404 for an unknown one). */
  async exposureQuery(tx: Tx, cooperativeId: string, input: unknown): Promise<ExposureQuery> {
    const cooperative = await this.cooperatives.byId(tx, cooperativeId);
    return parseExposureQuery(input, cooperative.businessDate);
  }

  async reportQuery(tx: Tx, cooperativeId: string, input: unknown): Promise<ReportQuery> {
    const cooperative = await this.cooperatives.byId(tx, cooperativeId);
    return parseReportQuery(input, cooperative.businessDate);
  }

  /**
   * Approved facilities as of the date: what their receivable leaves show in the facility
   * currency, and the functional equivalent at that date's rate (422 `fx-rate-missing` without
   * it, never another day's), grouped by each dimension asked for, beside the ledger's
   * receivables heading so the two can be seen to agree.
   */
  async exposure(tx: Tx, cooperativeId: string, query: ExposureQuery): Promise<ExposureReport> {
    const { code, name, country, functionalCurrency } = await this.cooperatives.byId(
      tx,
      cooperativeId,
    );
    const facilities = await facilityExposures(tx, cooperativeId, query.asOf);
    const rates = new Map<string, FxRate | undefined>();
    for (const currency of distinct(facilities.map((f) => f.currency))) {
      if (currency === functionalCurrency) continue;
      rates.set(
        currency,
        await rateFor(tx, cooperativeId, currency, functionalCurrency, query.asOf),
      );
    }
    const lines = await headingBalances(
      tx,
      cooperativeId,
      crossBorderCodes.receivables,
      query.asOf,
    );
    return exposureReport({
      cooperative: { code, name, country },
      asOf: query.asOf,
      functionalCurrency,
      facilities,
      rates,
      dimensions: query.by,
      books: { heading: crossBorderCodes.receivables, lines },
    });
  }

  /**
   * Business profiles (partner cooperatives; members' export-oriented businesses with their
   * names masked) and the financing each received, as of the date.
   */
  async msmeExport(tx: Tx, cooperativeId: string, query: ReportQuery): Promise<MsmeExport> {
    const cooperative = await this.cooperatives.byId(tx, cooperativeId);
    const asOf: BusinessDate = query.asOf;
    const facilities = await facilityExposures(tx, cooperativeId, asOf);
    const partners = await partnerProfiles(tx, cooperativeId, asOf);
    const members = await exportOrientedMembers(tx, cooperativeId, asOf);
    const loans = await exportOrientedLoans(tx, cooperativeId, asOf);
    const memberRef = (memberNumber: string) => `${cooperative.code}/${memberNumber}`;

    const businesses: MsmeBusiness[] = [
      ...partners.map((p): MsmeBusiness => {
        const own = facilities.filter((f) => f.partnerId === p.id);
        const programs = p.agreements.filter((a) => inForce(a, asOf)).flatMap((a) => a.programs);
        return {
          ref: `partner:${p.id}`,
          kind: 'partner-cooperative',
          name: p.legalName,
          country: p.country,
          province: null,
          registryNumber: p.registryNumber,
          sectors: distinct(own.map((f) => f.sector)),
          commodities: distinct([
            ...own.map((f) => f.commodity),
            ...programs.flatMap((g) => g.commodities),
          ]),
          programs: distinct(programs.map((g) => g.kind)),
        };
      }),
      ...members.map((m): MsmeBusiness => ({
        ref: memberRef(m.memberNumber),
        kind: 'member-business',
        name: maskPersonName(m.fullName),
        country: m.country,
        province: m.province,
        registryNumber: null,
        sectors: [m.sector],
        commodities: distinct([m.commodity]),
        programs: [],
      })),
    ];
    const financing: MsmeFinancing[] = [
      ...facilities
        .filter((f) => !Money.of(f.drawn, f.currency).isZero())
        .map((f) =>
          financingOf({
            businessRef: `partner:${f.partnerId}`,
            kind: 'facility',
            reference: f.facilityId,
            program: f.program,
            sector: f.sector,
            commodity: f.commodity,
            currency: f.currency,
            drawn: f.drawn,
            outstanding: f.outstanding,
          }),
        ),
      ...loans.map((l) =>
        financingOf({
          businessRef: memberRef(l.memberNumber),
          kind: 'loan',
          reference: l.loanNumber,
          program: null,
          sector: l.sector,
          commodity: l.commodity,
          currency: l.currency,
          drawn: l.principal,
          outstanding: l.outstanding,
        }),
      ),
    ];
    return {
      format: msmeExportFormat,
      cooperative: {
        code: cooperative.code,
        name: cooperative.name,
        country: cooperative.country,
      },
      asOf,
      businesses,
      financing,
    };
  }
}
