import { Money, RuleViolationError } from '@lumbung/core';
import { type ExitAccount, settleExit, settlementsAgree, type WajibDue } from './member-exit';

const idr = (amount: string) => Money.parse(amount, 'IDR');
const account = (id: string, kind: ExitAccount['kind'], balance: string): ExitAccount => ({
  id,
  accountNumber: id.padStart(8, '0'),
  kind,
  balance: idr(balance),
});
const wajibDue = (months: number, monthly = '50000'): WajibDue => ({
  accountId: '2',
  monthsInArrears: months,
  nextDue: '2026-09',
  monthly: idr(monthly),
});
const moved = (settlement: ReturnType<typeof settleExit>) =>
  settlement.lines.map((l) => [l.kind, l.arrearsMoved, l.paidOut]);

describe('settling a member’s savings on exit', () => {
  it('settles all the arrears from voluntary savings and pays out every balance', () => {
    const settlement = settleExit(
      [
        account('1', 'pokok', '100000'),
        account('2', 'wajib', '50000'),
        account('3', 'sukarela', '400000'),
      ],
      wajibDue(3),
      'IDR',
    );
    expect(settlement.wajibArrears).toEqual({
      monthsDue: 3,
      monthsSettled: 3,
      months: { from: '2026-09', through: '2026-11' },
      amountSettled: '150000.00',
      monthsUnsettled: 0,
      amountUnsettled: '0.00',
    });
    expect(moved(settlement)).toEqual([
      ['pokok', '0.00', '100000.00'],
      ['wajib', '150000.00', '200000.00'],
      ['sukarela', '-150000.00', '250000.00'],
    ]);
    // Settling arrears moves money between the member's accounts: the cash out is the same.
    expect(settlement.totalPaidOut).toBe('550000.00');
  });

  it('settles only the whole months the voluntary savings cover, across accounts in order', () => {
    const settlement = settleExit(
      [
        account('1', 'pokok', '100000'),
        account('2', 'wajib', '0'),
        account('3', 'sukarela', '30000'),
        account('4', 'sukarela', '45000.50'),
      ],
      wajibDue(4),
      'IDR',
    );
    expect(settlement.wajibArrears).toMatchObject({
      monthsSettled: 1,
      months: { from: '2026-09', through: '2026-09' },
      amountSettled: '50000.00',
      monthsUnsettled: 3,
      amountUnsettled: '150000.00',
    });
    expect(moved(settlement)).toEqual([
      ['pokok', '0.00', '100000.00'],
      ['wajib', '50000.00', '50000.00'],
      ['sukarela', '-30000.00', '0.00'],
      ['sukarela', '-20000.00', '25000.50'],
    ]);
    expect(settlement.totalPaidOut).toBe('175000.50');
  });

  it('settles nothing without voluntary savings, and pays nothing where nothing is owed', () => {
    const settlement = settleExit(
      [account('1', 'pokok', '0'), account('2', 'wajib', '0')],
      wajibDue(2),
      'IDR',
    );
    expect(settlement.wajibArrears).toMatchObject({
      monthsSettled: 0,
      months: null,
      amountSettled: '0.00',
      amountUnsettled: '100000.00',
    });
    expect(settlement.totalPaidOut).toBe('0.00');
    expect(settleExit([account('1', 'pokok', '100000')], null, 'IDR').wajibArrears).toEqual({
      monthsDue: 0,
      monthsSettled: 0,
      months: null,
      amountSettled: '0.00',
      monthsUnsettled: 0,
      amountUnsettled: '0.00',
    });
  });

  it('keeps to the minor unit: no rounding creeps into odd monthly amounts', () => {
    const settlement = settleExit(
      [account('2', 'wajib', '0.03'), account('3', 'sukarela', '0.07')],
      wajibDue(3, '0.03'),
      'IDR',
    );
    expect(settlement.wajibArrears.amountSettled).toBe('0.06');
    expect(moved(settlement)).toEqual([
      ['wajib', '0.06', '0.09'],
      ['sukarela', '-0.06', '0.01'],
    ]);
    expect(settlement.totalPaidOut).toBe('0.10');
  });

  it('refuses while a time deposit holds money, and accounts in another currency', () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof RuleViolationError ? error.slug : error;
      }
      return 'settled';
    };
    expect(refusal(() => settleExit([account('5', 'berjangka', '1000000')], null, 'IDR'))).toBe(
      'time-deposit-running',
    );
    expect(refusal(() => settleExit([account('5', 'berjangka', '0')], null, 'IDR'))).toBe(
      'settled',
    );
    const dollars = { ...account('6', 'sukarela', '0'), balance: Money.zero('USD') };
    expect(refusal(() => settleExit([dollars], null, 'IDR'))).toBe('foreign-currency-savings');
  });

  it('tells settlements apart only by what they move, whatever the key order', () => {
    // JSONB hands objects back with their keys reordered.
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    const settlement = settleExit([account('3', 'sukarela', '1000')], null, 'IDR');
    const stored = reversed(settlement) as typeof settlement;
    expect(JSON.stringify(stored)).not.toBe(JSON.stringify(settlement));
    expect(settlementsAgree(stored, settlement)).toBe(true);
    const afterDeposit = settleExit([account('3', 'sukarela', '1000.01')], null, 'IDR');
    expect(settlementsAgree(stored, afterDeposit)).toBe(false);
  });
});
