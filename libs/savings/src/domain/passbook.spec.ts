import {
  passbookLine,
  passbookRow,
  passbookRowWidth,
  passbookSlot,
  requireReprintFrom,
} from './passbook';

describe('the passbook', () => {
  it('places lines on 20-row pages from the first line of the book in use', () => {
    expect(passbookSlot(1, 1)).toEqual({ page: 1, line: 1 });
    expect(passbookSlot(20, 1)).toEqual({ page: 1, line: 20 });
    expect(passbookSlot(21, 1)).toEqual({ page: 2, line: 1 });
    expect(passbookSlot(45, 1)).toEqual({ page: 3, line: 5 });
    // A replacement book starting at line 7 prints line 7 on its first row.
    expect(passbookSlot(7, 7)).toEqual({ page: 1, line: 1 });
    expect(passbookSlot(27, 7)).toEqual({ page: 2, line: 1 });
  });

  it("prints the ledger's balance after each line, owed to the member", () => {
    const line = passbookLine(
      {
        version: '3',
        entryId: 'e',
        postingDate: '2026-11-20',
        valueDate: '2026-11-20',
        description: 'Penarikan tunai 00000002',
        operation: 'withdrawal',
        receiptNumber: '12',
        amount: '25000.00',
        balanceAfter: '-1225000.00',
      },
      'IDR',
      1,
      'id',
    );
    expect(line).toMatchObject({
      lineNumber: 3,
      page: 1,
      line: 3,
      debit: '25000.00',
      credit: '0.00',
      balance: '1225000.00',
    });
    const row = passbookRow(line, 'id');
    expect(row).toBe(
      '   3 20/11/2026 Penarikan tunai           25.000,00                       1.225.000,00',
    );
    expect(row.length).toBe(passbookRowWidth);
  });

  it('starts a replacement only at a line the account has', () => {
    expect(() => requireReprintFrom(1, 5)).not.toThrow();
    expect(() => requireReprintFrom(5, 5)).not.toThrow();
    for (const [from, last] of [
      [0, 5],
      [6, 5],
      [1, 0],
      [1.5, 5],
    ]) {
      expect(() => requireReprintFrom(from, last)).toThrow(
        expect.objectContaining({ errors: [expect.objectContaining({ field: 'fromLine' })] }),
      );
    }
  });
});
