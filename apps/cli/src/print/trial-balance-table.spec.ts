import { Decimal } from '@lumbung/core';
import type { ChartAccount, TrialBalanceLine } from '@lumbung/ledger';
import {
  balanceVerdict,
  formatAmount,
  groupThousands,
  imbalances,
  renderTrialBalance,
  type TrialBalanceReport,
} from './trial-balance-table';

const d = (value: string): Decimal => new Decimal(value);
const zero = d('0');

function account(code: string, name: string, isLeaf: boolean): ChartAccount {
  const cls = code.startsWith('1') ? 'asset' : code.startsWith('2') ? 'liability' : 'equity';
  return {
    id: code,
    code,
    name,
    class: cls,
    normalSide: cls === 'asset' ? 'debit' : 'credit',
    parentId: null,
    isLeaf,
    currency: isLeaf ? 'IDR' : null,
  };
}

function line(code: string, name: string, depth: number, leaf: boolean, balance: string) {
  const amount = d(balance);
  return {
    account: account(code, name, leaf),
    depth,
    currency: 'IDR',
    debit: amount.gt(0) ? amount : zero,
    credit: amount.gt(0) ? zero : amount.negated(),
    balance: amount,
    functionalBalance: amount,
  } satisfies TrialBalanceLine;
}

function report(overrides: Partial<TrialBalanceReport> = {}): TrialBalanceReport {
  return {
    cooperative: { code: 'KSP-KUPANG', name: 'Koperasi Simpan Pinjam Flobamora Mandiri' },
    asOf: '2026-11-20',
    functionalCurrency: 'IDR',
    lines: [
      line('1', 'Aset', 0, false, '1250000.5'),
      line('1-1101', 'Kas Brankas', 1, true, '1250000.5'),
      line('2', 'Liabilitas', 0, false, '-250000'),
      line('2-1-0001', 'Tabungan Sukarela a.n. Marçal, "Mar"', 1, true, '-250000'),
      line('3-3901', 'Ekuitas Saldo Awal', 0, true, '-1000000.5'),
    ],
    totals: [{ currency: 'IDR', debit: d('1250000.5'), credit: d('1250000.5') }],
    functionalTotal: { currency: 'IDR', debit: d('1250000.5'), credit: d('1250000.5') },
    ...overrides,
  };
}

describe('amounts', () => {
  it('are fixed at the currency minor units, never a float', () => {
    expect(formatAmount(d('1250000.5'), 'IDR')).toBe('1250000.50');
    expect(formatAmount(d('0.1').plus(d('0.2')), 'USD')).toBe('0.30');
    expect(formatAmount(d('1500'), 'JPY')).toBe('1500');
    expect(formatAmount(d('1.5'), 'KWD')).toBe('1.500');
    expect(formatAmount(d('123456789012345678.99'), 'IDR')).toBe('123456789012345678.99');
  });

  it('are grouped by thousands in the table only', () => {
    expect(groupThousands('1250000.50')).toBe('1,250,000.50');
    expect(groupThousands('-1000')).toBe('-1,000');
    expect(groupThousands('999.99')).toBe('999.99');
    expect(groupThousands('123456789012345678.99')).toBe('123,456,789,012,345,678.99');
  });
});

describe('the table', () => {
  it('indents codes by depth, right-aligns amounts and leaves the zero side blank', () => {
    expect(renderTrialBalance(report(), 'table')).toBe(
      [
        'Trial balance of KSP-KUPANG, Koperasi Simpan Pinjam Flobamora Mandiri',
        'As of 2026-11-20 (postings with value date up to and including it); functional currency IDR',
        '',
        'Code        Account                               Cur         Debit        Credit',
        '----------  ------------------------------------  ---  ------------  ------------',
        '1           Aset                                  IDR  1,250,000.50',
        '  1-1101    Kas Brankas                           IDR  1,250,000.50',
        '2           Liabilitas                            IDR                  250,000.00',
        '  2-1-0001  Tabungan Sukarela a.n. Marçal, "Mar"  IDR                  250,000.00',
        '3-3901      Ekuitas Saldo Awal                    IDR                1,000,000.50',
        '----------  ------------------------------------  ---  ------------  ------------',
        '            Total IDR                             IDR  1,250,000.50  1,250,000.50',
        '            Total in functional currency          IDR  1,250,000.50  1,250,000.50',
        '',
        'Balanced: debits equal credits in IDR and in the functional currency IDR',
      ].join('\n'),
    );
  });

  it('says so when nothing was posted', () => {
    const empty = report({
      lines: [],
      totals: [],
      functionalTotal: { currency: 'IDR', debit: zero, credit: zero },
    });
    const text = renderTrialBalance(empty, 'table');
    expect(text).toContain('(no postings up to this date)');
    expect(text.split('\n').at(-1)).toBe(
      'Balanced: debits equal credits in the functional currency IDR',
    );
  });

  it('ends with the imbalance per currency and in functional terms when the books are off', () => {
    const off = report({
      totals: [
        { currency: 'IDR', debit: d('100'), credit: d('100') },
        { currency: 'USD', debit: d('10'), credit: d('9.5') },
      ],
      functionalTotal: { currency: 'IDR', debit: d('150000'), credit: d('142500') },
    });
    expect(imbalances(off)).toEqual([
      'USD debits 10.00 vs credits 9.50 (difference 0.50)',
      'functional IDR debits 150000.00 vs credits 142500.00 (difference 7500.00)',
    ]);
    expect(renderTrialBalance(off, 'table').split('\n').at(-1)).toBe(
      `NOT BALANCED: ${imbalances(off).join('; ')}`,
    );
    expect(balanceVerdict(report())).toMatch(/^Balanced/);
  });
});

describe('machine formats', () => {
  it('writes JSON with decimal strings and the verdict', () => {
    const json = JSON.parse(renderTrialBalance(report(), 'json'));
    expect(json.lines[1]).toEqual({
      code: '1-1101',
      name: 'Kas Brankas',
      class: 'asset',
      depth: 1,
      leaf: true,
      currency: 'IDR',
      debit: '1250000.50',
      credit: '0.00',
      balance: '1250000.50',
      functionalBalance: '1250000.50',
    });
    expect(json.totals).toEqual([{ currency: 'IDR', debit: '1250000.50', credit: '1250000.50' }]);
    expect(json.balanced).toBe(true);
  });

  it('writes CSV with RFC 4180 quoting and plain amounts', () => {
    const rows = renderTrialBalance(report(), 'csv').split('\n');
    expect(rows[0]).toBe('code,name,depth,leaf,currency,debit,credit,functional_balance');
    expect(rows[4]).toBe(
      '2-1-0001,"Tabungan Sukarela a.n. Marçal, ""Mar""",1,true,IDR,0.00,250000.00,-250000.00',
    );
    expect(rows).toHaveLength(6);
  });
});
