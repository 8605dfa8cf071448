import { Money } from '@lumbung/core';
import {
  principalLedger,
  type PrincipalPosting,
  repaymentSection,
  scheduleSection,
} from './loan-statement';

const instalment = (no: number, balanceAfter: string) => ({
  no,
  dueDate: `2026-12-2${no}`,
  principal: '750000.00',
  interest: '90000.00',
  balanceAfter,
});

const repayment = (
  id: string,
  amount: string,
  principal: string,
  reversedOn: string | null = null,
  { receivedOn = '2026-12-20', replaces = null as string | null } = {},
) => ({
  id,
  receivedOn,
  replacesRepaymentId: replaces,
  amount,
  channel: 'cash' as const,
  receiptNumber: '7',
  penalty: '0.00',
  fees: '0.00',
  interest: '90000.00',
  principal,
  allocation: { prepaid: '0.00' },
  reversedOn,
});

describe('a loan statement', () => {
  it('shows each instalment paid from the allocation lines and unpaid from the position', () => {
    const section = scheduleSection(
      [instalment(1, '750000.00'), instalment(2, '0.00')],
      [{ no: 2, penalty: '1680.00', interest: '40000.00', principal: '750000.00' }],
      [
        { no: 1, bucket: 'interest', amount: '90000.00' },
        { no: 1, bucket: 'principal', amount: '750000.00' },
        { no: 2, bucket: 'interest', amount: '50000.00' },
      ],
      'IDR',
      false,
    );
    expect(section.instalments[0]).toEqual({
      no: 1,
      dueDate: '2026-12-21',
      principal: '750000.00',
      interest: '90000.00',
      total: '840000.00',
      balanceAfter: '750000.00',
      paid: { principal: '750000.00', interest: '90000.00', penalty: '0.00', total: '840000.00' },
      unpaid: { principal: '0.00', interest: '0.00', penalty: '0.00', total: '0.00' },
    });
    expect(section.instalments[1]).toMatchObject({
      paid: { principal: '0.00', interest: '50000.00', total: '50000.00' },
      unpaid: {
        principal: '750000.00',
        interest: '40000.00',
        penalty: '1680.00',
        total: '791680.00',
      },
    });
    expect(section.totals).toEqual({
      principal: '1500000.00',
      interest: '180000.00',
      total: '1680000.00',
      paid: { principal: '750000.00', interest: '140000.00', penalty: '0.00', total: '890000.00' },
      unpaid: {
        principal: '750000.00',
        interest: '40000.00',
        penalty: '1680.00',
        total: '791680.00',
      },
    });
  });

  it('lists reversed repayments, marked, and leaves them out of the totals', () => {
    const section = repaymentSection(
      [
        repayment('r1', '840000.00', '750000.00'),
        repayment('r2', '500000.00', '410000.00', '2026-12-21'),
      ],
      'IDR',
    );
    expect(section.items.map((r) => [r.id, r.amount, r.reversedOn])).toEqual([
      ['r1', '840000.00', null],
      ['r2', '500000.00', '2026-12-21'],
    ]);
    expect(section.items[0]).toMatchObject({
      date: '2026-12-20',
      channel: 'cash',
      receiptNumber: '7',
      allocated: { penalty: '0.00', fees: '0.00', interest: '90000.00', principal: '750000.00' },
      prepaid: '0.00',
    });
    expect(section.totals).toEqual({
      amount: '840000.00',
      penalty: '0.00',
      fees: '0.00',
      interest: '90000.00',
      principal: '750000.00',
      prepaid: '0.00',
    });
  });

  it('lists a re-applied repayment once, as its latest application, where it was paid', () => {
    const section = repaymentSection(
      [
        repayment('a1', '840000.00', '750000.00', '2026-12-28'),
        repayment('a2', '500000.00', '410000.00', '2026-12-28', { receivedOn: '2026-12-25' }),
        repayment('a3', '100000.00', '10000.00', null, { receivedOn: '2026-12-22' }),
        repayment('a4', '500000.00', '500000.00', '2026-12-29', {
          receivedOn: '2026-12-25',
          replaces: 'a2',
        }),
        repayment('a5', '500000.00', '410000.00', null, {
          receivedOn: '2026-12-25',
          replaces: 'a4',
        }),
      ],
      'IDR',
    );
    expect(section.items.map((r) => [r.id, r.date, r.reversedOn])).toEqual([
      ['a1', '2026-12-20', '2026-12-28'],
      ['a3', '2026-12-22', null],
      ['a5', '2026-12-25', null],
    ]);
    expect(section.totals.amount).toBe('600000.00');
  });

  it('runs the principal balance from the opening: debits lent, credits repaid', () => {
    const posting = (version: string, amount: string): PrincipalPosting => ({
      version,
      entryId: `e${version}`,
      postingDate: '2026-12-20',
      valueDate: '2026-12-20',
      description: `Angsuran pinjaman 00000001`,
      operation: 'repayment',
      receiptNumber: null,
      amount,
    });
    const ledger = principalLedger(
      Money.of('9000000', 'IDR'),
      [posting('2', '-750000.00'), posting('3', '-310000.00'), posting('4', '100.00')],
      (p) => `${p.operation} ${p.version}`,
    );
    expect(ledger.lines.map((l) => [l.lineNumber, l.debit, l.credit, l.balance])).toEqual([
      [2, '0.00', '750000.00', '8250000.00'],
      [3, '0.00', '310000.00', '7940000.00'],
      [4, '100.00', '0.00', '7940100.00'],
    ]);
    expect(ledger.lines[0].description).toBe('repayment 2');
    expect(ledger).toMatchObject({
      openingBalance: '9000000.00',
      totalDebit: '100.00',
      totalCredit: '1060000.00',
      closingBalance: '7940100.00',
    });
  });
});
