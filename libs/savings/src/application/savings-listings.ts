import { maskIdentifier } from '@lumbung/audit';
import { type BusinessDate, type Listing, type ListingContext } from '@lumbung/core';
import { transactionTime, type Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import {
  type FlaggedCashRow,
  flaggedCashListing,
  type HoldingRow,
  memberSavingsListing,
  type ProductHoldingTotal,
} from '../domain/savings-listings';
import { flaggedCashIn, holdingsPage, holdingTotals } from '../infrastructure/listing-store';

/** Identity numbers in full only in the auditor's member listing (DESIGN.md section 7). */
export type IdentityNumbers = 'full' | 'masked';

export interface MemberSavingsPage {
  readonly cooperative: { readonly code: string; readonly name: string };
  readonly asOf: BusinessDate;
  readonly readAt: string;
  /** Every account of each product, whatever page this is. */
  readonly products: readonly ProductHoldingTotal[];
  readonly items: readonly HoldingRow[];
  /** The `after` of the next page; null on the last. */
  readonly next: string | null;
}

export interface FlaggedCashReport {
  readonly cooperative: { readonly code: string; readonly name: string };
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly readAt: string;
  readonly items: readonly FlaggedCashRow[];
}

/**
 * Listings for auditors, supervisors and managers (issue 11): member savings by product as of a
 * day (balances by value date, never `balance_after`), and the cash operations of each day the
 * threshold flagged in a period. Read in the caller's REPEATABLE READ snapshot; identity numbers
 * in full only where the caller says so (the auditor's member listing, DESIGN.md section 7).
 */
@Injectable()
export class SavingsListings {
  constructor(private readonly cooperatives: CooperativeService) {}

  async memberSavingsPage(
    tx: Tx,
    cooperativeId: string,
    asOf: BusinessDate,
    page: { readonly after?: string; readonly limit: number },
    identity: IdentityNumbers,
  ): Promise<MemberSavingsPage> {
    const context = await this.context(tx, cooperativeId, identity);
    const items = await holdingsPage(tx, cooperativeId, asOf, page);
    return {
      cooperative: context.cooperative,
      asOf,
      readAt: context.readAt,
      products: await holdingTotals(tx, cooperativeId, asOf),
      items: items.map((item) => withIdentity(item, identity)),
      next: items.length === page.limit ? items[items.length - 1].accountNumber : null,
    };
  }

  async memberSavings(
    tx: Tx,
    cooperativeId: string,
    asOf: BusinessDate,
    identity: IdentityNumbers,
  ): Promise<Listing> {
    const context = await this.context(tx, cooperativeId, identity);
    const items = await holdingsPage(tx, cooperativeId, asOf, {});
    return memberSavingsListing(
      context,
      asOf,
      items.map((item) => withIdentity(item, identity)),
    );
  }

  /** Flagged days are few (a threshold of Rp500,000,000 by default): one answer, no pages. */
  async flaggedCash(
    tx: Tx,
    cooperativeId: string,
    period: { readonly from: BusinessDate; readonly to: BusinessDate },
  ): Promise<FlaggedCashReport> {
    const context = await this.context(tx, cooperativeId, 'masked');
    const items = (await flaggedCashIn(tx, cooperativeId, period)).map((item) =>
      withIdentity(item, 'masked'),
    );
    return { cooperative: context.cooperative, ...period, readAt: context.readAt, items };
  }

  flaggedCashListing(report: FlaggedCashReport): Listing {
    return flaggedCashListing(
      { cooperative: report.cooperative, readAt: report.readAt, identityNumbers: 'masked' },
      report,
      report.items,
    );
  }

  private async context(
    tx: Tx,
    cooperativeId: string,
    identityNumbers: IdentityNumbers,
  ): Promise<ListingContext> {
    const { code, name } = await this.cooperatives.byId(tx, cooperativeId);
    return { cooperative: { code, name }, readAt: await transactionTime(tx), identityNumbers };
  }
}

function withIdentity<T extends { readonly identityNumber: string }>(
  row: T,
  identity: IdentityNumbers,
): T {
  return identity === 'full' ? row : { ...row, identityNumber: maskIdentifier(row.identityNumber) };
}
