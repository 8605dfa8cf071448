import { type BusinessDate, Money } from '@lumbung/core';
import { type PlacementRules, parseSavingsFile, type SavingsProductFacts } from './savings-file';

const header =
  'member_number,product_code,balance,wajib_paid_through,placement_start,term_months,annual_rate,accrued_interest';
const products = new Map<string, SavingsProductFacts>([
  ['POKOK', { kind: 'pokok', currency: 'IDR', active: true }],
  ['WAJIB', { kind: 'wajib', currency: 'IDR', active: true }],
  ['SUKARELA', { kind: 'sukarela', currency: 'IDR', active: true }],
  ['TABUNGAN-USD', { kind: 'sukarela', currency: 'USD', active: true }],
  ['LAMA', { kind: 'sukarela', currency: 'IDR', active: false }],
  ['DEPOSITO', { kind: 'berjangka', currency: 'IDR', active: true }],
]);
/** A stand-in for libs/savings: twelve months on, one rupiah a month of principal per million. */
const placements: PlacementRules = {
  maturity: (start, months) =>
    `${Number(start.slice(0, 4)) + Math.floor(months / 12)}${start.slice(4)}` as BusinessDate,
  accruedBefore: (_placement, principal) => principal.times('0.01', 'half-up'),
};
const context = {
  cutoverDate: '2026-07-01' as BusinessDate,
  currency: 'IDR',
  products,
  memberRows: new Map([
    ['000101', 2],
    ['000102', 3],
  ]),
  placements,
};

describe('parseSavingsFile', () => {
  it('reads each kind, totals balances with accrued interest', () => {
    const file = parseSavingsFile(
      [
        header,
        '101,POKOK,100000,,,,,',
        '101,WAJIB,1200000,2026-06,,,,',
        '101,SUKARELA,0,,,,,',
        '102,POKOK,100000.00,,,,,',
        '102,DEPOSITO,5000000,,2026-01-10,12,0.06,50000',
      ].join('\n'),
      context,
    );
    expect(file.problems).toEqual([]);
    expect(file.total.toString()).toBe('6450000.00');
    expect(file.accounts[1]).toMatchObject({ memberNumber: '000101', wajibPaidThrough: '2026-06' });
    expect(file.accounts[4].placement).toEqual({
      startDate: '2026-01-10',
      termMonths: 12,
      annualRate: '0.06',
      accruedInterest: Money.parse('50000', 'IDR'),
    });
  });

  it('reports each row problem in place, and members without simpanan pokok', () => {
    const file = parseSavingsFile(
      [
        header,
        '101,POKOK,0,,,,,',
        '101,POKOK,100000,,,,,',
        '101,TABUNGAN-USD,10,,,,,',
        '101,LAMA,10,,,,,',
        '101,NONE,10,,,,,',
        '101,SUKARELA,1.000.000,2026-05,,,,',
        '101,WAJIB,-5,2026-07,,,,',
        '999,SUKARELA,10,,,,,',
        '101,SUKARELA,10,,2026-01-01,,,',
        '101,DEPOSITO,5000000,,2026-07-01,12,0.1,49999',
        '101,DEPOSITO,5000000,,2025-01-10,12,0.06,50000',
        '101,DEPOSITO,5000000,,2026-01-10,12,0.06,49999',
      ].join('\n'),
      context,
    );
    const problem = (row: number, column: string, message: string) => ({
      file: 'savings.csv',
      row,
      column,
      message,
    });
    expect(file.problems).toEqual([
      problem(2, 'balance', 'simpanan pokok is paid before joining: above zero'),
      problem(3, 'product_code', 'member 101 already has simpanan pokok on row 2'),
      problem(4, 'product_code', 'TABUNGAN-USD is kept in USD, not IDR'),
      problem(5, 'product_code', 'LAMA is retired'),
      problem(6, 'product_code', 'no savings product NONE'),
      problem(
        7,
        'balance',
        '"1.000.000" is not an amount: digits with at most 2 decimals after a point, no separators',
      ),
      problem(7, 'wajib_paid_through', 'only a simpanan wajib row says the last month paid'),
      problem(8, 'balance', 'must not be negative (-5)'),
      problem(8, 'wajib_paid_through', '"2026-07" is not a month YYYY-MM before 2026-07'),
      problem(9, 'member_number', 'member 999 is not in members.csv'),
      problem(10, 'placement_start', 'only a simpanan berjangka row has a placement'),
      problem(11, 'placement_start', 'must be before the cut-over date 2026-07-01'),
      problem(11, 'annual_rate', '"0.1" is not a yearly rate above 0 and at most 0.09'),
      problem(12, 'term_months', 'the placement matured on 2026-01-10, before the cut-over'),
      problem(
        13,
        'accrued_interest',
        '49999.00 differs from 50000.00, the interest accrued from 2026-01-10 through the day before the cut-over',
      ),
      {
        file: 'members.csv',
        row: 3,
        column: 'member_number',
        message: 'member 102 has no simpanan pokok in savings.csv',
      },
    ]);
    expect(file.accounts).toEqual([]);
  });
});
