import { type BusinessDate, type Listing } from '@lumbung/core';
import { transactionTime, type Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { type ListedLoan, listedLoan, loansListing } from '../domain/loan-listing';
import { closedThrough, portfolioOn } from '../infrastructure/portfolio-store';

export interface LoansPage {
  readonly cooperative: { readonly code: string; readonly name: string };
  readonly asOf: BusinessDate;
  readonly readAt: string;
  /** The last day on or before `asOf` whose end of day completed: grades are as of then. */
  readonly gradedThrough: BusinessDate | null;
  readonly items: readonly ListedLoan[];
  /** The `after` of the next page; null on the last. */
  readonly next: string | null;
}

/**
 * The loans listing for auditors, supervisors and managers (issue 11): the portfolio report's
 * loans (portfolio-store.ts: principal by value date, the end of day's latest provision row on or
 * before the day) one by one, with member, schedule status, days past due, grade and provision.
 * Read in the caller's REPEATABLE READ snapshot.
 */
@Injectable()
export class LoanListings {
  constructor(private readonly cooperatives: CooperativeService) {}

  async page(
    tx: Tx,
    cooperativeId: string,
    asOf: BusinessDate,
    page: { readonly after?: string; readonly limit: number },
  ): Promise<LoansPage> {
    const { code, name } = await this.cooperatives.byId(tx, cooperativeId);
    const items = (await portfolioOn(tx, cooperativeId, asOf, page)).map((row) =>
      listedLoan(row, asOf),
    );
    return {
      cooperative: { code, name },
      asOf,
      readAt: await transactionTime(tx),
      gradedThrough: await closedThrough(tx, cooperativeId, asOf),
      items,
      next: items.length === page.limit ? items[items.length - 1].loanNumber : null,
    };
  }

  async listing(tx: Tx, cooperativeId: string, asOf: BusinessDate): Promise<Listing> {
    const { code, name } = await this.cooperatives.byId(tx, cooperativeId);
    const loans = (await portfolioOn(tx, cooperativeId, asOf)).map((row) => listedLoan(row, asOf));
    return loansListing(
      { cooperative: { code, name }, readAt: await transactionTime(tx), identityNumbers: 'none' },
      asOf,
      await closedThrough(tx, cooperativeId, asOf),
      loans,
    );
  }
}
