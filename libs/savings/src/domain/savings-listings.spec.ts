import type { BusinessDate } from '@lumbung/core';
import { flaggedCashListing, memberSavingsListing } from './savings-listings';

const context = {
  cooperative: { code: 'KSP-X', name: 'KSP X' },
  readAt: '2027-04-01T00:00:00.000Z',
  identityNumbers: 'full' as const,
};

const byColumn = (listing: ReturnType<typeof memberSavingsListing>, r: number) =>
  Object.fromEntries(listing.columns.map((c, i) => [c.name, listing.rows[r][i]]));

describe('savings listings', () => {
  it('lists each account with its balance, and accrued interest only where the product accrues', () => {
    const holding = {
      accountNumber: '00000003',
      memberNumber: '000001',
      memberName: 'Ana',
      identityType: 'nik',
      identityNumber: '5371014501900001',
      productCode: 'SUKARELA',
      productName: 'Tabungan',
      kind: 'sukarela',
      currency: 'IDR',
      balance: '1000000.00',
      accruedInterest: '123.45',
    };
    const listing = memberSavingsListing(context, '2027-03-31' as BusinessDate, [
      holding,
      { ...holding, accountNumber: '00000004', kind: 'pokok', accruedInterest: null },
    ]);
    expect(listing.columns.filter((c) => c.kind === 'number').map((c) => c.name)).toEqual([
      'balance',
      'accrued_interest',
    ]);
    expect(byColumn(listing, 0)).toMatchObject({
      identity_number: '5371014501900001',
      balance: '1000000.00',
      accrued_interest: '123.45',
    });
    expect(byColumn(listing, 1)).toMatchObject({ kind: 'pokok', accrued_interest: '' });
    expect(listing.facts).toContainEqual(['identity numbers', 'full']);
    expect(listing.facts).toContainEqual(['balances as of (value date)', '2027-03-31']);
  });

  it('lists each cash operation of a flagged day beside the day’s total', () => {
    const listing = flaggedCashListing(
      { ...context, identityNumbers: 'masked' },
      { from: '2027-03-01' as BusinessDate, to: '2027-03-31' as BusinessDate },
      [
        {
          businessDate: '2027-03-05' as BusinessDate,
          memberNumber: '000001',
          memberName: 'Ana',
          identityType: 'nik',
          identityNumber: '************0001',
          currency: 'IDR',
          dayTotal: '600000000.00',
          threshold: '500000000.00',
          receiptNumber: null,
          accountNumber: '00000003',
          operation: 'deposit',
          direction: 'in',
          amount: '600000000.00',
          recordedAt: '2027-03-05T02:00:00.000Z',
        },
      ],
    );
    expect(listing.columns).toHaveLength(listing.rows[0].length);
    expect(listing.rows[0]).toContain('************0001');
    expect(listing.rows[0][listing.columns.findIndex((c) => c.name === 'receipt_number')]).toBe('');
  });
});
