import { addDays, businessDate as parseDate, compareDates, InvalidInputError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { indonesianProvinces } from '@lumbung/members';
import { Injectable } from '@nestjs/common';
import { daysPastDue } from '../domain/collectibility';
import {
  type PortfolioReport,
  type PortfolioReportFormat,
  portfolioReport,
  portfolioReportFormats,
} from '../domain/portfolio-report';
import { closedThrough, portfolioOn } from '../infrastructure/portfolio-store';
import { allowancesOn } from '../infrastructure/quality-store';

export interface PortfolioQuery {
  readonly asOf?: string;
  readonly format?: string;
}

const countries = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** A region code's name: the province (Kemendagri) or the country (ISO 3166-1). */
function regionName(code: string): string {
  if (/^[0-9]{2}$/.test(code)) return indonesianProvinces[code] ?? code;
  return countries.of(code) ?? code;
}

/**
 * The loan portfolio as of a date, for managers, supervisors and auditors: by product, grade,
 * sector, commodity and region; PAR 1, 30 and 90; the NPL ratio with its health band; and
 * provision adequacy. Everything is read as of the date (principal leaves by value date, grades
 * and allowances from the end of day's rows dated on or before it), in one REPEATABLE READ
 * snapshot, so a date reads the same whenever it is read.
 */
@Injectable()
export class LoanPortfolioReports {
  constructor(private readonly cooperatives: CooperativeService) {}

  /**
   * `asOf` defaults to the day before the business date (the last an end of day can have
   * closed) and must be before the business date; `format` is json (default) or csv.
   */
  async parse(
    tx: Tx,
    cooperativeId: string,
    query: PortfolioQuery,
  ): Promise<{ asOf: ReturnType<typeof parseDate>; format: PortfolioReportFormat }> {
    const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
    const format = (query.format ?? 'json') as PortfolioReportFormat;
    if (!portfolioReportFormats.includes(format)) {
      throw new InvalidInputError('The report format is not valid', [
        { field: 'format', message: portfolioReportFormats.join(' or ') },
      ]);
    }
    const asOf =
      query.asOf === undefined ? addDays(businessDate, -1) : parseDate(query.asOf, 'asOf');
    if (compareDates(asOf, businessDate) >= 0) {
      throw new InvalidInputError(`${asOf} is not over yet`, [
        { field: 'asOf', message: `before the business date ${businessDate}` },
      ]);
    }
    return { asOf, format };
  }

  async report(
    tx: Tx,
    cooperativeId: string,
    asOf: ReturnType<typeof parseDate>,
  ): Promise<PortfolioReport> {
    const cooperative = await this.cooperatives.byId(tx, cooperativeId);
    const rows = await portfolioOn(tx, cooperativeId, asOf);
    return portfolioReport({
      cooperative: { code: cooperative.code, name: cooperative.name },
      asOf,
      currency: cooperative.functionalCurrency,
      gradedThrough: await closedThrough(tx, cooperativeId, asOf),
      loans: rows.map((row) => ({ ...row, daysPastDue: daysPastDue(row.oldestUnpaidDue, asOf) })),
      allowances: await allowancesOn(tx, cooperativeId, asOf),
      names: { region: regionName },
    });
  }
}
