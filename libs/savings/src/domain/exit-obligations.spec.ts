import { Money, RuleViolationError } from '@lumbung/core';
import { drawObligations, type ExitObligation } from './exit-obligations';
import { type ExitAccount, settleExit, settlementsAgree, type WajibDue } from './member-exit';

const idr = (amount: string) => Money.parse(amount, 'IDR');
const account = (id: string, kind: ExitAccount['kind'], balance: string): ExitAccount => ({
  id,
  accountNumber: id.padStart(8, '0'),
  kind,
  balance: idr(balance),
});
const loan = (no: string, amount: string): ExitObligation => ({
  kind: 'loans',
  id: `loan-${no}`,
  reference: no,
  description: `loan ${no} payoff`,
  amount: idr(amount),
});
const lines = (settlement: ReturnType<typeof settleExit>) =>
  settlement.lines.map((l) => [l.kind, l.arrearsMoved, l.toObligations, l.paidOut]);
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return 'settled';
};

describe('settling a member’s obligations from their savings on exit', () => {
  it('takes loans from sukarela first, then wajib, then pokok, and pays out the rest', () => {
    const settlement = settleExit(
      [
        account('1', 'pokok', '100000'),
        account('2', 'wajib', '300000'),
        account('3', 'sukarela', '200000'),
      ],
      null,
      'IDR',
      [loan('00000007', '450000')],
    );
    expect(lines(settlement)).toEqual([
      ['pokok', '0.00', '0.00', '100000.00'],
      ['wajib', '0.00', '250000.00', '50000.00'],
      ['sukarela', '0.00', '200000.00', '0.00'],
    ]);
    expect(settlement.obligations).toEqual([
      {
        kind: 'loans',
        id: 'loan-00000007',
        reference: '00000007',
        description: 'loan 00000007 payoff',
        amount: '450000.00',
        drawnFrom: [
          { accountId: '3', amount: '200000.00' },
          { accountId: '2', amount: '250000.00' },
        ],
      },
    ]);
    expect(settlement.totalObligations).toBe('450000.00');
    expect(settlement.totalPaidOut).toBe('150000.00');
  });

  it('settles wajib arrears first, then draws loans from the balances the arrears left', () => {
    const wajib: WajibDue = {
      accountId: '2',
      monthsInArrears: 2,
      nextDue: '2026-10',
      monthly: idr('50000'),
    };
    const settlement = settleExit(
      [
        account('1', 'pokok', '100000'),
        account('2', 'wajib', '50000'),
        account('3', 'sukarela', '150000'),
      ],
      wajib,
      'IDR',
      [loan('00000001', '120000'), loan('00000002', '30000')],
    );
    expect(settlement.wajibArrears.amountSettled).toBe('100000.00');
    // Sukarela keeps 50,000 after the arrears: the first loan takes it and 70,000 of wajib.
    expect(lines(settlement)).toEqual([
      ['pokok', '0.00', '0.00', '100000.00'],
      ['wajib', '100000.00', '100000.00', '50000.00'],
      ['sukarela', '-100000.00', '50000.00', '0.00'],
    ]);
    expect(settlement.obligations.map((o) => [o.reference, o.drawnFrom])).toEqual([
      [
        '00000001',
        [
          { accountId: '3', amount: '50000.00' },
          { accountId: '2', amount: '70000.00' },
        ],
      ],
      ['00000002', [{ accountId: '2', amount: '30000.00' }]],
    ]);
    expect(settlement.totalPaidOut).toBe('150000.00');
  });

  it('may take everything, pokok last, leaving nothing to pay out', () => {
    const settlement = settleExit(
      [
        account('1', 'pokok', '100000'),
        account('3', 'sukarela', '0.01'),
        account('4', 'sukarela', '99999.99'),
      ],
      null,
      'IDR',
      [loan('00000003', '150000.00')],
    );
    expect(lines(settlement)).toEqual([
      ['pokok', '0.00', '50000.00', '50000.00'],
      ['sukarela', '0.00', '0.01', '0.00'],
      ['sukarela', '0.00', '99999.99', '0.00'],
    ]);
    const exact = settleExit([account('1', 'pokok', '100000')], null, 'IDR', [
      loan('00000004', '100000'),
    ]);
    expect(exact.totalPaidOut).toBe('0.00');
    expect(exact.totalObligations).toBe('100000.00');
  });

  it('refuses when the savings do not cover what is owed, with the figures', () => {
    const error = refusal(() =>
      settleExit(
        [account('1', 'pokok', '100000'), account('3', 'sukarela', '400000')],
        null,
        'IDR',
        [loan('00000005', '450000'), loan('00000006', '100000.50')],
      ),
    );
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(error).toMatchObject({
      slug: 'obligations-exceed-savings',
      status: 422,
      extensions: {
        currency: 'IDR',
        owed: '550000.50',
        savings: '500000.00',
        shortfall: '50000.50',
        obligations: [
          { reference: '00000005', amount: '450000.00' },
          { reference: '00000006', amount: '100000.50' },
        ],
      },
    });
  });

  it('refuses an obligation in another currency', () => {
    const dollars = { ...loan('00000008', '0'), amount: Money.parse('10', 'USD') };
    expect(refusal(() => drawObligations([], [dollars], 'IDR'))).toMatchObject({
      slug: 'foreign-currency-obligation',
    });
  });

  it('draws nothing and changes nothing without obligations', () => {
    const settlement = settleExit([account('3', 'sukarela', '1000')], null, 'IDR');
    expect(settlement.obligations).toEqual([]);
    expect(settlement.totalObligations).toBe('0.00');
    expect(lines(settlement)).toEqual([['sukarela', '0.00', '0.00', '1000.00']]);
  });

  it('tells settlements apart when what obligations take changed', () => {
    const accounts = [account('3', 'sukarela', '1000')];
    const before = settleExit(accounts, null, 'IDR', [loan('00000009', '400')]);
    expect(
      settlementsAgree(before, settleExit(accounts, null, 'IDR', [loan('00000009', '400')])),
    ).toBe(true);
    expect(
      settlementsAgree(before, settleExit(accounts, null, 'IDR', [loan('00000009', '400.01')])),
    ).toBe(false);
    // One stored before exits settled obligations agrees with a settlement that takes nothing.
    const plain = settleExit(accounts, null, 'IDR');
    const { obligations: _o, totalObligations: _t, ...older } = plain;
    const stored = {
      ...older,
      lines: plain.lines.map(({ toObligations: _x, ...line }) => line),
    } as unknown as typeof plain;
    expect(settlementsAgree(stored, plain)).toBe(true);
    expect(settlementsAgree(stored, before)).toBe(false);
  });
});
