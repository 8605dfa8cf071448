import type { BusinessDate } from '@lumbung/core';
import { listedLoan, loansListing, type PortfolioLoanFacts } from './loan-listing';

const asOf = '2027-03-31' as BusinessDate;

const facts = (over: Partial<PortfolioLoanFacts> = {}): PortfolioLoanFacts => ({
  loanNumber: '00000007',
  memberNumber: '000012',
  memberName: 'Maria Bili',
  productCode: 'MODAL',
  productName: 'Pinjaman Modal',
  currency: 'IDR',
  disbursedOn: '2027-01-15' as BusinessDate,
  outstandingPrincipal: '7500000.00',
  oldestUnpaidDue: null,
  grade: 'lancar',
  collateralCredit: '0',
  provisionRate: '0.005',
  allowanceRequired: '37500.00',
  ...over,
});

describe('loans listing', () => {
  it('says where a loan stands against its schedule on the day', () => {
    expect(listedLoan(facts(), asOf)).toMatchObject({
      scheduleStatus: 'current',
      daysPastDue: 0,
    });
    // Due on the 15th and unpaid: 16 days past due on the 31st, as the end of day counts.
    expect(
      listedLoan(facts({ oldestUnpaidDue: '2027-03-15' as BusinessDate }), asOf),
    ).toMatchObject({ scheduleStatus: 'past-due', daysPastDue: 16 });
    // Disbursed after the last end of day: no provision row, no grade yet.
    expect(listedLoan(facts({ grade: null, provisionRate: '0' }), asOf)).toMatchObject({
      scheduleStatus: 'not-graded-yet',
      daysPastDue: 0,
    });
  });

  it('lists a row per loan under its columns, empty cells for what a loan lacks', () => {
    const listing = loansListing(
      { cooperative: { code: 'KSP-X', name: 'KSP X' }, readAt: 'T', identityNumbers: 'none' },
      asOf,
      null,
      [listedLoan(facts({ grade: null }), asOf)],
    );
    expect(listing.columns).toHaveLength(listing.rows[0].length);
    const row = Object.fromEntries(listing.columns.map((c, i) => [c.name, listing.rows[0][i]]));
    expect(row).toMatchObject({
      loan_number: '00000007',
      outstanding_principal: '7500000.00',
      schedule_status: 'not-graded-yet',
      oldest_unpaid_due: '',
      days_past_due: '0',
      grade: '',
      allowance_required: '37500.00',
    });
    expect(listing.facts).toContainEqual(['graded by the end of day through', 'no end of day yet']);
  });
});
