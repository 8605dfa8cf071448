import {
  type BusinessDate,
  type Listing,
  type ListingColumn,
  type ListingContext,
  listingContextFacts,
} from '@lumbung/core';

/** A member's savings account as the books stood at the end of a day. */
export interface HoldingRow {
  readonly accountNumber: string;
  readonly memberNumber: string;
  readonly memberName: string;
  readonly identityType: string;
  readonly identityNumber: string;
  readonly productCode: string;
  readonly productName: string;
  readonly kind: string;
  readonly currency: string;
  /** Owed to the member: the leaf's postings by value date through the day, negated. */
  readonly balance: string;
  /** Interest accrued through the day and not yet credited; null for pokok and wajib. */
  readonly accruedInterest: string | null;
}

export interface ProductHoldingTotal {
  readonly productCode: string;
  readonly productName: string;
  readonly kind: string;
  readonly currency: string;
  readonly accounts: number;
  readonly balance: string;
  readonly accruedInterest: string | null;
}

/** A cash operation of a member's day that reached the reporting threshold. */
export interface FlaggedCashRow {
  readonly businessDate: BusinessDate;
  readonly memberNumber: string;
  readonly memberName: string;
  readonly identityType: string;
  readonly identityNumber: string;
  readonly currency: string;
  /** The member's cash of the day, in and out alike, and the threshold it reached. */
  readonly dayTotal: string;
  readonly threshold: string;
  readonly receiptNumber: string | null;
  readonly accountNumber: string;
  readonly operation: string;
  readonly direction: 'in' | 'out';
  readonly amount: string;
  readonly recordedAt: string;
}

const text = (name: string): ListingColumn => ({ name, kind: 'text' });
const number = (name: string): ListingColumn => ({ name, kind: 'number' });

const holdingColumns = [
  text('member_number'),
  text('member_name'),
  text('identity_type'),
  text('identity_number'),
  text('product_code'),
  text('product_name'),
  text('kind'),
  text('account_number'),
  text('currency'),
  number('balance'),
  number('accrued_interest'),
];

/** Member savings by product as of a day: one row per account, in account-number order. */
export function memberSavingsListing(
  context: ListingContext,
  asOf: BusinessDate,
  holdings: readonly HoldingRow[],
): Listing {
  return {
    title: 'Member savings',
    facts: [
      ['listing', 'member savings by product'],
      ...listingContextFacts(context),
      ['balances as of (value date)', asOf],
      ['accounts', String(holdings.length)],
    ],
    columns: holdingColumns,
    rows: holdings.map((h) => [
      h.memberNumber,
      h.memberName,
      h.identityType,
      h.identityNumber,
      h.productCode,
      h.productName,
      h.kind,
      h.accountNumber,
      h.currency,
      h.balance,
      h.accruedInterest ?? '',
    ]),
  };
}

const flaggedColumns = [
  text('business_date'),
  text('member_number'),
  text('member_name'),
  text('identity_type'),
  text('identity_number'),
  text('currency'),
  number('day_total'),
  number('threshold'),
  text('receipt_number'),
  text('account_number'),
  text('operation'),
  text('direction'),
  number('amount'),
  text('recorded_at'),
];

/** Cash flagged for reporting in a period: one row per cash operation of each flagged day. */
export function flaggedCashListing(
  context: ListingContext,
  period: { readonly from: BusinessDate; readonly to: BusinessDate },
  operations: readonly FlaggedCashRow[],
): Listing {
  return {
    title: 'Flagged cash',
    facts: [
      ['listing', 'cash transactions flagged for reporting'],
      ...listingContextFacts(context),
      ['business dates from', period.from],
      ['business dates to', period.to],
      ['operations', String(operations.length)],
    ],
    columns: flaggedColumns,
    rows: operations.map((o) => [
      o.businessDate,
      o.memberNumber,
      o.memberName,
      o.identityType,
      o.identityNumber,
      o.currency,
      o.dayTotal,
      o.threshold,
      o.receiptNumber ?? '',
      o.accountNumber,
      o.operation,
      o.direction,
      o.amount,
      o.recordedAt,
    ]),
  };
}
