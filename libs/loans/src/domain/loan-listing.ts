import {
  type BusinessDate,
  type Listing,
  type ListingContext,
  listingContextFacts,
  numberColumn,
  textColumn,
} from '@lumbung/core';
import { daysPastDue, type LoanGrade } from './collectibility';

/**
 * Where a loan stands against its schedule on the day, as the end of day last graded it: no
 * grade yet (disbursed after the last end of day), `current` with nothing unpaid past its due
 * date, or `past-due` since the oldest unpaid instalment's due date.
 */
export type ScheduleStatus = 'not-graded-yet' | 'current' | 'past-due';

/** A loan of the portfolio on a day, as the loans listing shows it. */
export interface ListedLoan {
  readonly loanNumber: string;
  readonly memberNumber: string;
  readonly memberName: string;
  readonly productCode: string;
  readonly productName: string;
  readonly currency: string;
  readonly disbursedOn: BusinessDate;
  readonly outstandingPrincipal: string;
  readonly scheduleStatus: ScheduleStatus;
  readonly oldestUnpaidDue: BusinessDate | null;
  readonly daysPastDue: number;
  readonly grade: LoanGrade | null;
  readonly collateralCredit: string;
  readonly provisionRate: string;
  readonly allowanceRequired: string;
}

/** A loan as the portfolio query reads it (portfolio-store.ts), before the day's arithmetic. */
export type PortfolioLoanFacts = Omit<ListedLoan, 'scheduleStatus' | 'daysPastDue'>;

export function listedLoan(loan: PortfolioLoanFacts, asOf: BusinessDate): ListedLoan {
  const days = daysPastDue(loan.oldestUnpaidDue, asOf);
  const scheduleStatus: ScheduleStatus =
    loan.grade === null ? 'not-graded-yet' : days > 0 ? 'past-due' : 'current';
  return {
    loanNumber: loan.loanNumber,
    memberNumber: loan.memberNumber,
    memberName: loan.memberName,
    productCode: loan.productCode,
    productName: loan.productName,
    currency: loan.currency,
    disbursedOn: loan.disbursedOn,
    outstandingPrincipal: loan.outstandingPrincipal,
    scheduleStatus,
    oldestUnpaidDue: loan.oldestUnpaidDue,
    daysPastDue: days,
    grade: loan.grade,
    collateralCredit: loan.collateralCredit,
    provisionRate: loan.provisionRate,
    allowanceRequired: loan.allowanceRequired,
  };
}

const columns = [
  textColumn('loan_number'),
  textColumn('member_number'),
  textColumn('member_name'),
  textColumn('product_code'),
  textColumn('product_name'),
  textColumn('currency'),
  textColumn('disbursed_on'),
  numberColumn('outstanding_principal'),
  textColumn('schedule_status'),
  textColumn('oldest_unpaid_due'),
  numberColumn('days_past_due'),
  textColumn('grade'),
  numberColumn('collateral_credit'),
  numberColumn('provision_rate'),
  numberColumn('allowance_required'),
];

/** Loans with their schedule status, days past due, grade and provision, in loan-number order. */
export function loansListing(
  context: ListingContext,
  asOf: BusinessDate,
  gradedThrough: BusinessDate | null,
  loans: readonly ListedLoan[],
): Listing {
  return {
    title: 'Loans',
    facts: [
      ['listing', 'loans with schedule status, days past due, grade and provision'],
      ...listingContextFacts(context),
      ['principal as of (value date)', asOf],
      ['graded by the end of day through', gradedThrough ?? 'no end of day yet'],
      ['loans', String(loans.length)],
    ],
    columns,
    rows: loans.map((loan) => [
      loan.loanNumber,
      loan.memberNumber,
      loan.memberName,
      loan.productCode,
      loan.productName,
      loan.currency,
      loan.disbursedOn,
      loan.outstandingPrincipal,
      loan.scheduleStatus,
      loan.oldestUnpaidDue ?? '',
      String(loan.daysPastDue),
      loan.grade ?? '',
      loan.collateralCredit,
      loan.provisionRate,
      loan.allowanceRequired,
    ]),
  };
}
