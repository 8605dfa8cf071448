import { auditListing, AuditQuery } from '@lumbung/audit';
import { type Principal, rolesIn } from '@lumbung/auth';
import { listingAsOfQuery, listingPeriodQuery } from '@lumbung/core';
import { TransactionScope, transactionTime } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { LoanListings } from '@lumbung/loans';
import { SavingsListings } from '@lumbung/savings';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access';
import { listingFile } from './listing-file';
import {
  AuditListingQuery,
  defaultListingLimit,
  ListingAsOfQuery,
  ListingPeriodQuery,
} from './listings.dto';

const snapshot = { isolation: 'REPEATABLE READ', readOnly: true } as const;
const formats = [
  'application/json',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

/**
 * Listings for auditors, supervisors and managers (issue 11): member savings by product and loans
 * as of a day that is over, cash flagged for reporting and the audit log for a period. Each is
 * read from one snapshot; JSON pages through it, CSV and XLSX hold all of it.
 */
@ApiTags('listings')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/listings')
export class ListingsController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly cooperatives: CooperativeService,
    private readonly savings: SavingsListings,
    private readonly loans: LoanListings,
    private readonly audit: AuditQuery,
  ) {}

  /** Identity numbers in full for the cooperative's auditors only (DESIGN.md section 7). */
  @Get('member-savings')
  @Allow('manager', 'supervisor', 'auditor')
  @ApiProduces(...formats)
  memberSavings(
    @Param('cooperativeId') cooperativeId: string,
    @Query() query: ListingAsOfQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    const identity = rolesIn(principal, cooperativeId).includes('auditor') ? 'full' : 'masked';
    return this.scope.run(async (tx) => {
      const { code, businessDate } = await this.cooperatives.byId(tx, cooperativeId);
      const { asOf, format } = listingAsOfQuery(query, businessDate);
      if (format === 'json') {
        const page = { after: query.after, limit: query.limit ?? defaultListingLimit };
        return this.savings.memberSavingsPage(tx, cooperativeId, asOf, page, identity);
      }
      const listing = await this.savings.memberSavings(tx, cooperativeId, asOf, identity);
      return listingFile(listing, format, `${code}-member-savings-${asOf}`);
    }, snapshot);
  }

  @Get('loans')
  @Allow('manager', 'supervisor', 'auditor')
  @ApiProduces(...formats)
  loanListing(@Param('cooperativeId') cooperativeId: string, @Query() query: ListingAsOfQuery) {
    return this.scope.run(async (tx) => {
      const { code, businessDate } = await this.cooperatives.byId(tx, cooperativeId);
      const { asOf, format } = listingAsOfQuery(query, businessDate);
      if (format === 'json') {
        const page = { after: query.after, limit: query.limit ?? defaultListingLimit };
        return this.loans.page(tx, cooperativeId, asOf, page);
      }
      const listing = await this.loans.listing(tx, cooperativeId, asOf);
      return listingFile(listing, format, `${code}-loans-${asOf}`);
    }, snapshot);
  }

  @Get('flagged-cash')
  @Allow('manager', 'supervisor', 'auditor')
  @ApiProduces(...formats)
  flaggedCash(@Param('cooperativeId') cooperativeId: string, @Query() query: ListingPeriodQuery) {
    return this.scope.run(async (tx) => {
      const { from, to, format } = listingPeriodQuery(query);
      const report = await this.savings.flaggedCash(tx, cooperativeId, { from, to });
      if (format === 'json') return report;
      return listingFile(
        this.savings.flaggedCashListing(report),
        format,
        `${report.cooperative.code}-flagged-cash-${from}-${to}`,
      );
    }, snapshot);
  }

  /** Who may read the audit log (auditors and supervisors) may list it. */
  @Get('audit-log')
  @Allow('auditor', 'supervisor')
  @ApiProduces(...formats)
  auditLog(@Param('cooperativeId') cooperativeId: string, @Query() query: AuditListingQuery) {
    return this.scope.run(async (tx) => {
      const { format, ...dates } = listingPeriodQuery(query);
      const cooperative = await this.cooperatives.byId(tx, cooperativeId);
      const period = { ...dates, timeZone: cooperative.timeZone };
      if (format === 'json') {
        const page = { after: query.after, limit: query.limit ?? defaultListingLimit };
        const { items, next } = await this.audit.inPeriod(tx, cooperativeId, period, page);
        return {
          cooperative: { code: cooperative.code, name: cooperative.name },
          ...period,
          items,
          next,
        };
      }
      const { items } = await this.audit.inPeriod(tx, cooperativeId, period);
      const listing = auditListing(
        {
          cooperative: { code: cooperative.code, name: cooperative.name },
          readAt: await transactionTime(tx),
          identityNumbers: 'masked',
        },
        period,
        items,
      );
      return listingFile(
        listing,
        format,
        `${cooperative.code}-audit-log-${period.from}-${period.to}`,
      );
    }, snapshot);
  }
}
