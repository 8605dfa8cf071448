import { Decimal } from '@lumbung/core';
import { buildTrialBalance, type ChartAccount, type LeafSum } from './trial-balance';

const account = (
  id: string,
  code: string,
  parentId: string | null,
  currency: string | null,
  cls: ChartAccount['class'] = 'asset',
): ChartAccount => ({
  id,
  code,
  name: id,
  class: cls,
  normalSide: cls === 'asset' || cls === 'expense' ? 'debit' : 'credit',
  parentId,
  isLeaf: currency !== null,
  currency,
});

// Listed out of order on purpose: the layout must not depend on the order the chart is read in.
const chart: ChartAccount[] = [
  account('savings', '2-1', 'liabilities', null, 'liability'),
  account('vault', '1-1101', 'cash', 'IDR'),
  account('liabilities', '2', null, null, 'liability'),
  account('usd-cash', '1-1103', 'cash', 'USD'),
  account('member-1', '2-1-0001', 'savings', 'IDR', 'liability'),
  account('cash', '1-11', 'assets', null),
  account('bank', '1-1201', 'assets', 'IDR'),
  account('assets', '1', null, null),
  account('equity', '3-3901', 'equity-heading', 'IDR', 'equity'),
  account('equity-heading', '3', null, null, 'equity'),
  account('usd-position', '1-1401', 'assets', 'USD'),
];

const sum = (
  accountId: string,
  currency: string,
  balance: string,
  functional = balance,
): LeafSum => ({
  accountId,
  currency,
  balance: new Decimal(balance),
  functionalBalance: new Decimal(functional),
});

const sums: LeafSum[] = [
  sum('vault', 'IDR', '1000.00'),
  sum('member-1', 'IDR', '-250.00'),
  sum('equity', 'IDR', '-1600750.00'),
  sum('usd-cash', 'USD', '100.00', '1600000.00'),
  sum('usd-position', 'USD', '-100.00', '-1600000.00'),
  sum('bank', 'IDR', '1600000.00'),
];

const tb = buildTrialBalance(chart, sums, 'IDR');
const line = (code: string, currency = 'IDR') =>
  tb.lines.find((l) => l.account.code === code && l.currency === currency);
const fixed = (d: Decimal) => d.toFixed(2);

describe('buildTrialBalance', () => {
  it('rolls leaves up into every heading, per currency', () => {
    expect(fixed(line('1-11', 'IDR')!.balance)).toBe('1000.00');
    expect(fixed(line('1-11', 'USD')!.balance)).toBe('100.00');
    expect(fixed(line('1', 'IDR')!.balance)).toBe('1601000.00');
    expect(fixed(line('1', 'USD')!.balance)).toBe('0.00');
    expect(fixed(line('1', 'USD')!.functionalBalance)).toBe('0.00');
    expect(fixed(line('2', 'IDR')!.balance)).toBe('-250.00');
    expect(line('2', 'USD')).toBeUndefined();
  });

  it('lays the chart out depth first, headings before their children, siblings by code', () => {
    expect(tb.lines.map((l) => `${'  '.repeat(l.depth)}${l.account.code} ${l.currency}`)).toEqual([
      '1 IDR',
      '1 USD',
      '  1-11 IDR',
      '  1-11 USD',
      '    1-1101 IDR',
      '    1-1103 USD',
      '  1-1201 IDR',
      '  1-1401 USD',
      '2 IDR',
      '  2-1 IDR',
      '    2-1-0001 IDR',
      '3 IDR',
      '  3-3901 IDR',
    ]);
  });

  it('shows a debit balance in the debit column and a credit balance in the credit column', () => {
    expect([fixed(line('1-1101')!.debit), fixed(line('1-1101')!.credit)]).toEqual([
      '1000.00',
      '0.00',
    ]);
    expect([fixed(line('2-1-0001')!.debit), fixed(line('2-1-0001')!.credit)]).toEqual([
      '0.00',
      '250.00',
    ]);
  });

  it('totals leaves only, so debit equals credit in every currency and in functional amounts', () => {
    expect(tb.totals.map((t) => [t.currency, fixed(t.debit), fixed(t.credit)])).toEqual([
      ['IDR', '1601000.00', '1601000.00'],
      ['USD', '100.00', '100.00'],
    ]);
    expect([fixed(tb.functionalTotal.debit), fixed(tb.functionalTotal.credit)]).toEqual([
      '3201000.00',
      '3201000.00',
    ]);
    expect(tb.functionalTotal.currency).toBe('IDR');
  });

  it('shows a books-out-of-balance difference rather than hiding it', () => {
    const off = buildTrialBalance(chart, [sum('vault', 'IDR', '10.00')], 'IDR');
    expect(off.totals.map((t) => [fixed(t.debit), fixed(t.credit)])).toEqual([['10.00', '0.00']]);
  });

  it('leaves out accounts without postings and yields nothing for an empty ledger', () => {
    expect(line('3-3101')).toBeUndefined();
    const empty = buildTrialBalance(chart, [], 'IDR');
    expect(empty.lines).toEqual([]);
    expect(empty.totals).toEqual([]);
    expect(empty.functionalTotal.debit.isZero()).toBe(true);
  });
});
