import {
  type BusinessDate,
  type Listing,
  type ListingContext,
  listingContextFacts,
  numberColumn,
  textColumn,
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

const holdingColumns = [
  textColumn('member_number'),
  textColumn('member_name'),
  textColumn('identity_type'),
  textColumn('identity_number'),
  textColumn('product_code'),
  textColumn('product_name'),
  textColumn('kind'),
  textColumn('account_number'),
  textColumn('currency'),
  numberColumn('balance'),
  numberColumn('accrued_interest'),
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
  textColumn('business_date'),
  textColumn('member_number'),
  textColumn('member_name'),
  textColumn('identity_type'),
  textColumn('identity_number'),
  textColumn('currency'),
  numberColumn('day_total'),
  numberColumn('threshold'),
  textColumn('receipt_number'),
  textColumn('account_number'),
  textColumn('operation'),
  textColumn('direction'),
  numberColumn('amount'),
  textColumn('recorded_at'),
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
