import { Money } from '@lumbung/core';
import { accountStatement, type LedgerLine, memberSide } from './statement';

const line = (version: string, amount: string, operation: string | null = null): LedgerLine => ({
  version,
  entryId: `e${version}`,
  postingDate: '2026-11-20',
  valueDate: '2026-11-20',
  description: `Setoran tunai ${version}`,
  operation,
  receiptNumber: version,
  amount,
  balanceAfter: '0',
});

describe("a statement from the member's side", () => {
  it('calls money in a credit to the member and money out a debit', () => {
    const deposit = memberSide(Money.of('-100.00', 'IDR'));
    expect([deposit.debit.toString(), deposit.credit.toString()]).toEqual(['0.00', '100.00']);
    const withdrawal = memberSide(Money.of('40.00', 'IDR'));
    expect([withdrawal.debit.toString(), withdrawal.credit.toString()]).toEqual(['40.00', '0.00']);
  });

  it('runs the balance from the opening balance so opening, lines and closing add up', () => {
    const statement = accountStatement(
      {
        accountId: 'a',
        accountNumber: '00000002',
        kind: 'sukarela',
        productCode: 'S',
        currency: 'IDR',
      },
      Money.of('1000.00', 'IDR'),
      [line('4', '-500.00', 'deposit'), line('5', '200.00', 'withdrawal'), line('6', '-0.50')],
      'en',
    );
    expect(statement.lines.map((l) => [l.lineNumber, l.debit, l.credit, l.balance])).toEqual([
      [4, '0.00', '500.00', '1500.00'],
      [5, '200.00', '0.00', '1300.00'],
      [6, '0.00', '0.50', '1300.50'],
    ]);
    expect(statement.lines.map((l) => l.description)).toEqual([
      'Cash deposit',
      'Cash withdrawal',
      'Setoran tunai 6',
    ]);
    expect(statement).toMatchObject({
      openingBalance: '1000.00',
      totalDebit: '200.00',
      totalCredit: '500.50',
      closingBalance: '1300.50',
    });
  });
});
