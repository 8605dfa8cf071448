import { type BusinessDate, Decimal, InvalidInputError, RuleViolationError } from '@lumbung/core';
import {
  buildFinancialStatements,
  type CashCounterpart,
  type FinancialStatements,
  type ResultMovement,
  type StatementInputs,
} from './financial-statements';
import type { LeafAmount, RateQuote } from './fx-translation';
import type { StatementAccount, StatementAccountClass } from './statement-chart';
import { presentStatements, statementTables } from './statement-document';
import { statementsCsv } from './statement-files';
import { statementRequest } from './statement-request';

/** A chart shaped as the ksp template is, with leaves products would open under it. */
const accounts: StatementAccount[] = [];
const account = (
  code: string,
  name: string,
  cls: StatementAccountClass,
  parent: string | null,
  isLeaf: boolean,
  templateKey: string | null = null,
  currency: string | null = isLeaf ? 'IDR' : null,
) =>
  accounts.push({
    id: `id-${code}`,
    code,
    name,
    class: cls,
    parentId: parent && `id-${parent}`,
    isLeaf,
    currency,
    templateKey,
  });
account('1', 'Aset', 'asset', null, false, 'assets');
account('1-1', 'Aset Lancar', 'asset', '1', false, 'assets.current');
account('1-11', 'Kas', 'asset', '1-1', false, 'cash');
account('1-1101', 'Kas Brankas', 'asset', '1-11', true, 'cash.vault');
account('1-12', 'Bank', 'asset', '1-1', false, 'bank');
account('1-1202', 'Bank USD', 'asset', '1-12', true, null, 'USD');
account('1-13', 'Pinjaman Anggota', 'asset', '1-1', false, 'loans');
account('1-13-0001', 'Pinjaman 0001', 'asset', '1-13', true);
account('1-14', 'Pinjaman Mitra', 'asset', '1-1', false, 'loans.partners');
account('1-14-0001', 'Pinjaman Dili USD', 'asset', '1-14', true, null, 'USD');
account('1-19', 'Rekening Antara', 'asset', '1-1', false, 'clearing');
account('1-1901', 'Posisi Valuta Asing', 'asset', '1-19', true, 'fx.position');
account('1-1901-USD', 'Posisi USD', 'asset', '1-19', true, null, 'USD');
account('1-2', 'Aset Tetap', 'asset', '1', false, 'assets.fixed');
account('1-2101', 'Peralatan', 'asset', '1-2', true, 'fixed.equipment');
account('2', 'Liabilitas', 'liability', null, false, 'liabilities');
account('2-1', 'Simpanan Sukarela', 'liability', '2', false, 'savings.voluntary');
account('2-1-0001', 'Sukarela 0001', 'liability', '2-1', true);
account('2-4', 'Pinjaman Diterima', 'liability', '2', false, 'borrowings');
account('2-4101', 'LPDB', 'liability', '2-4', true, 'borrowings.lpdb');
account('3', 'Ekuitas', 'equity', null, false, 'equity');
account('3-1', 'Simpanan Pokok', 'equity', '3', false, 'savings.principal');
account('3-1-0001', 'Pokok 0001', 'equity', '3-1', true);
account('3-3901', 'Ekuitas Saldo Awal', 'equity', '3', true, 'equity.opening');
account('4', 'Pendapatan', 'income', null, false, 'income');
account('4-1', 'Pendapatan Usaha', 'income', '4', false, 'income.lending');
account('4-1101', 'Jasa Pinjaman', 'income', '4-1', true, 'income.loan-interest');
account('4-1104', 'Jasa Pinjaman Mitra', 'income', '4-1', true, 'income.partner-interest');
account('4-2', 'Pendapatan Lain', 'income', '4', false, 'income.other');
account('4-2103', 'Selisih Kurs', 'income', '4-2', true, 'fx.gain-loss');
account('5', 'Beban', 'expense', null, false, 'expenses');
account('5-2', 'Beban Operasional', 'expense', '5', false, 'expenses.operating');
account('5-2101', 'Gaji', 'expense', '5-2', true, 'expense.salaries');
account('9', 'Administratif', 'memorandum', null, false, 'memorandum');
account('9-1101', 'Jasa Ditangguhkan', 'memorandum', '9', true, 'memo.interest-suspended');
account('9-9101', 'Kontra', 'memorandum', '9', true, 'memo.contra');

const d = (value: string) => new Decimal(value);
/** Balances by code: `[code, amount, functional]`, functional = amount for rupiah leaves. */
const leaves = (rows: Array<[string, string, string?]>): LeafAmount[] =>
  rows.map(([code, amount, functional]) => {
    const found = accounts.find((a) => a.code === code)!;
    return {
      accountId: found.id,
      currency: found.currency!,
      amount: d(amount),
      functional: d(functional ?? amount),
    };
  });
const movement = (
  code: string,
  functional: string,
  counterparty: ResultMovement['counterparty'],
): ResultMovement => ({ accountId: `id-${code}`, functional: d(functional), counterparty });
const cash = (code: string, received: string, paid: string): CashCounterpart => ({
  accountId: `id-${code}`,
  received: d(received),
  paid: d(paid),
});
const usd = (rate: string): Map<string, RateQuote> =>
  new Map([['USD', { base: 'USD', quote: 'IDR', rate: d(rate) }]]);

/**
 * Opening (30 June): Rp10,000,000 cash from opening equity, USD 100 of it in the bank bought at
 * 15,000 through the FX position, June's revaluation at 15,100 booked (+Rp10,000 on 1-1901).
 * In July: the revaluation reversed (-Rp10,000), Rp1,000,000 lent and Rp200,000 repaid with
 * Rp50,000 interest (a member), Rp75,000 interest from a partner cooperative, Rp2,000,000
 * borrowed from LPDB, Rp500,000 of equipment, Rp300,000 of salaries, Rp400,000 deposited, a new
 * member's Rp100,000 pokok, all in cash. Closing rate 31 July: 15,250.
 */
function july(overrides: Partial<StatementInputs> = {}): StatementInputs {
  const opening = leaves([
    ['1-1101', '8500000.00'],
    ['1-1202', '100.00', '1500000.00'],
    ['1-1901', '1510000.00'],
    ['1-1901-USD', '-100.00', '-1500000.00'],
    ['3-3901', '-10000000.00'],
    ['4-2103', '-10000.00'],
    ['9-1101', '40000.00'],
    ['9-9101', '-40000.00'],
  ]);
  // Vault: 8,500,000 - 1,000,000 + 250,000 + 2,000,000 - 500,000 - 300,000 + 400,000
  //        + 100,000 + 75,000 = 9,525,000
  const closing = leaves([
    ['1-1101', '9525000.00'],
    ['1-1202', '100.00', '1500000.00'],
    ['1-13-0001', '800000.00'],
    ['1-1901', '1500000.00'],
    ['1-1901-USD', '-100.00', '-1500000.00'],
    ['1-2101', '500000.00'],
    ['2-1-0001', '-400000.00'],
    ['2-4101', '-2000000.00'],
    ['3-1-0001', '-100000.00'],
    ['3-3901', '-10000000.00'],
    ['4-1101', '-50000.00'],
    ['4-1104', '-75000.00'],
    ['4-2103', '0.00'],
    ['5-2101', '300000.00'],
    ['9-1101', '40000.00'],
    ['9-9101', '-40000.00'],
  ]);
  return {
    functionalCurrency: 'IDR',
    from: '2026-07-01' as BusinessDate,
    to: '2026-07-31' as BusinessDate,
    openingDate: '2026-06-30' as BusinessDate,
    chart: accounts,
    opening,
    closing,
    results: [
      movement('4-1101', '-50000.00', 'member'),
      movement('4-1104', '-75000.00', 'partner_cooperative'),
      movement('4-2103', '10000.00', 'partner_cooperative'),
      movement('5-2101', '300000.00', null),
    ],
    cash: [
      cash('1-13-0001', '200000.00', '1000000.00'),
      cash('4-1101', '50000.00', '0.00'),
      cash('2-4101', '2000000.00', '0.00'),
      cash('1-2101', '0.00', '500000.00'),
      cash('5-2101', '0.00', '300000.00'),
      cash('2-1-0001', '400000.00', '0.00'),
      cash('3-1-0001', '100000.00', '0.00'),
      cash('4-1104', '75000.00', '0.00'),
    ],
    openingRates: usd('15100'),
    closingRates: usd('15250'),
    openingRevaluation: d('10000.00'),
    closingRevaluation: d('0'),
    ...overrides,
  };
}

const line = (statements: FinancialStatements, code: string) =>
  [
    ...statements.financialPosition.assets,
    ...statements.financialPosition.liabilities,
    ...statements.financialPosition.equity,
  ]
    .flatMap((s) => s.lines)
    .find((l) => l.code === code);

describe('financial statements', () => {
  it('lays out the financial position by the chart: assets in sections, the rest in one', () => {
    const s = buildFinancialStatements(july());
    const fp = s.financialPosition;
    expect(fp.assets.map((sec) => [sec.code, sec.lines.map((l) => l.code)])).toEqual([
      ['1-1', ['1-11', '1-12', '1-13', '1-14', '1-19']],
      ['1-2', ['1-2101']],
    ]);
    expect(fp.liabilities.map((sec) => [sec.code, sec.lines.map((l) => l.code)])).toEqual([
      ['2', ['2-1', '2-4']],
    ]);
    expect(fp.equity[0].lines.map((l) => l.code)).toEqual(['3-1', '3-3901', null]);
    // USD 100 at 15,250 is Rp1,525,000: Rp25,000 above its cost.
    expect(line(s, '1-12')!.amount.toFixed(2)).toBe('1525000.00');
    expect(line(s, '1-19')!.amount.toFixed(2)).toBe('0.00');
    expect(fp.totalAssets.toFixed(2)).toBe('12350000.00');
    expect(fp.totalLiabilities.toFixed(2)).toBe('2400000.00');
    // 10,000,000 + 100,000 pokok + surplus (50,000 + 75,000 - 10,000 + 25,000 - 300,000 + 10,000
    // opening revaluation): the July results add -150,000 to June's 10,000.
    expect(fp.totalEquity.toFixed(2)).toBe('9950000.00');
    expect(fp.totalAssets.eq(fp.totalLiabilitiesAndEquity)).toBe(true);
    expect(s.checks).toEqual({
      financialPositionBalances: true,
      surplusIsEquityChange: true,
      cashFlowsReachCash: true,
    });
  });

  it('keeps memorandum accounts off the statements', () => {
    const s = buildFinancialStatements(july());
    expect(JSON.stringify(s)).not.toContain('"9-');
  });

  it('takes the revaluation booked at the opening off the clearing line, not twice', () => {
    const s = buildFinancialStatements(july());
    const opening = s.openingPosition;
    const clearing = opening.assets[0].lines.find((l) => l.code === '1-19')!;
    // 1-1901 carries 1,510,000 against -1,500,000 on the USD position: the 10,000 moves to
    // the dollars, which at 15,100 are worth 1,510,000.
    expect(clearing.amount.toFixed(2)).toBe('0.00');
    expect(opening.assets[0].lines.find((l) => l.code === '1-12')!.amount.toFixed(2)).toBe(
      '1510000.00',
    );
  });

  it('splits income by counterparty, partner cooperatives with non-members', () => {
    const { results } = buildFinancialStatements(july());
    const lending = results.income[0];
    expect(lending.lines.map((l) => [l.code, l.member.toFixed(2), l.nonMember.toFixed(2)])).toEqual(
      [
        ['4-1101', '50000.00', '0.00'],
        ['4-1104', '0.00', '75000.00'],
      ],
    );
    // Revaluation reversed (-10,000) and the translation at 15,250 (+25,000).
    expect(results.income[1].nonMember.toFixed(2)).toBe('-10000.00');
    expect(results.income[2].nonMember.toFixed(2)).toBe('25000.00');
    expect(results.totalIncome.member.toFixed(2)).toBe('50000.00');
    expect(results.totalIncome.nonMember.toFixed(2)).toBe('90000.00');
    expect(results.totalIncome.total.toFixed(2)).toBe('140000.00');
    expect(results.totalExpenses.toFixed(2)).toBe('300000.00');
    expect(results.surplus.toFixed(2)).toBe('-160000.00');
  });

  it('shows the surplus as the change in equity it causes', () => {
    const { changesInEquity, results } = buildFinancialStatements(july());
    const surplusLine = changesInEquity.components.find((c) => c.code === null)!;
    expect(surplusLine.opening.toFixed(2)).toBe('10000.00');
    expect(surplusLine.surplus.eq(results.surplus)).toBe(true);
    expect(surplusLine.closing.toFixed(2)).toBe('-150000.00');
    expect(changesInEquity.total.otherMovements.toFixed(2)).toBe('100000.00');
    expect(
      changesInEquity.total.opening
        .plus(changesInEquity.total.surplus)
        .plus(changesInEquity.total.otherMovements)
        .eq(changesInEquity.total.closing),
    ).toBe(true);
  });

  it('flags a surplus that the balances do not bear out', () => {
    const inputs = july();
    const s = buildFinancialStatements({
      ...inputs,
      results: [...inputs.results, movement('5-2101', '1.00', null)],
    });
    expect(s.checks.surplusIsEquityChange).toBe(false);
  });

  it('classifies cash by the other side and reaches the cash on the financial position', () => {
    const { cashFlows, financialPosition } = buildFinancialStatements(july());
    const net = Object.fromEntries(
      cashFlows.activities.map((a) => [a.category, a.lines.map((l) => [l.code, l.net.toFixed(2)])]),
    );
    expect(net).toEqual({
      operating: [
        ['1-13', '-800000.00'],
        ['2-1', '400000.00'],
        ['4-1', '125000.00'],
        ['5-2', '-300000.00'],
      ],
      investing: [['1-2101', '-500000.00']],
      financing: [
        ['2-4', '2000000.00'],
        ['3-1', '100000.00'],
      ],
    });
    expect(cashFlows.opening.toFixed(2)).toBe('10010000.00');
    expect(cashFlows.netChange.toFixed(2)).toBe('1025000.00');
    // The dollars: 1,510,000 at June's rate, 1,525,000 at July's.
    expect(cashFlows.exchangeDifference.toFixed(2)).toBe('15000.00');
    expect(cashFlows.closing.toFixed(2)).toBe('11050000.00');
    expect(cashFlows.closing.eq(financialPosition.cashAndBank)).toBe(true);
  });

  it('converts through an inverted rate as cross-border does, rounding half-up once', () => {
    const s = buildFinancialStatements(
      july({ closingRates: new Map([['USD', { base: 'IDR', quote: 'USD', rate: d('0.00006') }]]) }),
    );
    // 100 / 0.00006 = 1,666,666.666... -> 1,666,666.67
    expect(line(s, '1-12')!.amount.toFixed(2)).toBe('1666666.67');
    expect(s.checks.financialPositionBalances).toBe(true);
  });

  it('refuses a date whose foreign balances have no closing rate (fx-rate-missing)', () => {
    expect(() => buildFinancialStatements(july({ closingRates: new Map() }))).toThrow(
      expect.objectContaining({ slug: 'fx-rate-missing' }) as RuleViolationError,
    );
  });

  it('needs no rate when nothing foreign is held', () => {
    const rupiahOnly = accounts.filter((a) => a.currency !== 'USD').map((a) => a.id);
    const inputs = july();
    const keep = (l: LeafAmount) => rupiahOnly.includes(l.accountId);
    const s = buildFinancialStatements({
      ...inputs,
      opening: inputs.opening.filter(keep),
      closing: inputs.closing.filter(keep),
      openingRates: new Map(),
      closingRates: new Map(),
      openingRevaluation: d('0'),
    });
    expect(s.results.income[2].total.toFixed(2)).toBe('0.00');
  });
});

describe('statement files', () => {
  const tables = () =>
    statementTables(
      presentStatements(
        {
          cooperative: { code: 'KSP-A', name: 'Koperasi A' },
          openingDate: '2026-06-30' as BusinessDate,
        },
        buildFinancialStatements(july()),
        {
          lines: [],
          totals: [],
          functionalTotal: { currency: 'IDR', debit: d('0'), credit: d('0') },
        },
      ),
    );

  it('prints the five statements, amounts at the currency scale', () => {
    expect(tables().map((t) => t.sheet)).toEqual([
      'Neraca Saldo',
      'Posisi Keuangan',
      'Hasil Usaha',
      'Perubahan Ekuitas',
      'Arus Kas',
    ]);
    const csv = statementsCsv(tables());
    expect(csv).toContain(',,Jumlah Aset,12350000.00\r\n');
    expect(csv).toContain(',,Sisa Hasil Usaha,,,-160000.00\r\n');
  });

  it('keeps free text inert and amounts as they are', () => {
    const [first, ...rest] = tables();
    const csv = statementsCsv([
      {
        ...first,
        rows: [{ cells: ['=1+1', '-x', 'asset', 'IDR', '-5.00', '0.00', '-5.00'] }],
      },
      ...rest,
    ]);
    expect(csv).toContain("'=1+1,'-x,asset,IDR,-5.00,0.00,-5.00\r\n");
  });
});

describe('financial statements request', () => {
  const today = '2026-08-15' as BusinessDate;
  const problems = (input: object) => {
    try {
      statementRequest(input, today);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return (error as InvalidInputError).errors.map((e) => e.field);
    }
    throw new Error('accepted');
  };

  it('takes a period up to the business date, JSON unless asked', () => {
    expect(statementRequest({ from: '2026-07-01', to: '2026-08-15' }, today)).toEqual({
      from: '2026-07-01',
      to: '2026-08-15',
      format: 'json',
    });
    expect(
      statementRequest({ from: '2026-07-01', to: '2026-07-01', format: 'pdf' }, today).format,
    ).toBe('pdf');
  });

  it('names every problem at once', () => {
    expect(problems({ from: '2026-02-30', format: 'docx' })).toEqual(['from', 'to', 'format']);
    expect(problems({ from: '2026-08-01', to: '2026-07-31' })).toEqual(['to']);
    expect(problems({ from: '2026-08-01', to: '2026-08-16' })).toEqual(['to']);
  });
});
