import { counterCash, isReceiptNumber, type ReceiptMovement, receiptLines } from './receipt';

const movement = (overrides: Partial<ReceiptMovement>): ReceiptMovement => ({
  operation: 'deposit',
  accountId: 'a',
  accountNumber: '00000002',
  kind: 'sukarela',
  memberId: 'm',
  amount: '500000.00',
  currency: 'IDR',
  direction: 'in',
  cash: true,
  leafBalanceAfter: '-500000.00',
  ...overrides,
});

describe('receipts', () => {
  it('accepts only positive whole numbers a bigint holds as receipt numbers', () => {
    for (const good of ['1', '42', '999999999999999999']) expect(isReceiptNumber(good)).toBe(true);
    for (const bad of ['0', '007', '-1', '1.0', '1e3', 'abc', '', '9999999999999999999']) {
      expect(isReceiptNumber(bad)).toBe(false);
    }
  });

  it('shows the balance owed to the member (credit-normal leaves) and adds up each side', () => {
    const { lines, totalIn, totalOut } = receiptLines(
      [
        movement({
          operation: 'transfer-out',
          direction: 'out',
          amount: '100',
          leafBalanceAfter: '-400000',
        }),
        movement({
          operation: 'transfer-in',
          accountId: 'b',
          amount: '100',
          leafBalanceAfter: '-100',
        }),
        movement({
          operation: 'exit-payout',
          direction: 'out',
          amount: '50',
          leafBalanceAfter: '0',
        }),
      ],
      'IDR',
    );
    expect(lines.map((l) => [l.operation, l.direction, l.amount, l.balanceAfter])).toEqual([
      ['transfer-out', 'out', '100.00', '400000.00'],
      ['transfer-in', 'in', '100.00', '100.00'],
      ['exit-payout', 'out', '50.00', '0.00'],
    ]);
    expect({ totalIn, totalOut }).toEqual({ totalIn: '100.00', totalOut: '150.00' });
  });

  it('reads the cash across the counter from the till posting', () => {
    expect(counterCash('500000', 'IDR')).toEqual({ direction: 'in', amount: '500000.00' });
    expect(counterCash('-120000.00', 'IDR')).toEqual({ direction: 'out', amount: '120000.00' });
    expect(counterCash('0', 'IDR')).toEqual({ direction: 'none', amount: '0.00' });
  });
});
