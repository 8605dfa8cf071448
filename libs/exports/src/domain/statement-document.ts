import { type BusinessDate, currency as currencyOf, type Decimal } from '@lumbung/core';
import type {
  EquityComponent,
  FinancialPosition,
  FinancialStatements,
  Split,
  StatementSection,
} from './financial-statements';
import type { StatementAccountClass } from './statement-chart';

/** The ledger's trial balance (libs/ledger), as far as the statements print it. */
export interface TrialBalanceInput {
  readonly lines: ReadonlyArray<{
    readonly account: {
      readonly code: string;
      readonly name: string;
      readonly class: StatementAccountClass;
      readonly isLeaf: boolean;
    };
    readonly depth: number;
    readonly currency: string;
    readonly debit: Decimal;
    readonly credit: Decimal;
    readonly functionalBalance: Decimal;
  }>;
  readonly totals: ReadonlyArray<{ currency: string; debit: Decimal; credit: Decimal }>;
  readonly functionalTotal: { currency: string; debit: Decimal; credit: Decimal };
}

export interface StatementHeader {
  readonly cooperative: { readonly code: string; readonly name: string };
  readonly openingDate: BusinessDate;
}

/** A statement as rows of text: what CSV, XLSX and PDF each lay out their own way. */
export interface StatementTable {
  readonly sheet: string;
  readonly title: string;
  readonly columns: readonly string[];
  /** Columns holding amounts: numbers in a spreadsheet, right-aligned in print. */
  readonly amountColumns: ReadonlySet<number>;
  readonly rows: ReadonlyArray<{ readonly cells: readonly string[]; readonly total?: boolean }>;
}

/** The statements with every amount a decimal string at the functional currency's scale. */
export function presentStatements(
  header: StatementHeader,
  statements: FinancialStatements,
  trialBalance: TrialBalanceInput,
) {
  const fc = statements.functionalCurrency;
  const minor = currencyOf(fc).minorUnits;
  const text = (value: Decimal) => value.toFixed(minor);
  const inOwn = (value: Decimal, code: string) => value.toFixed(currencyOf(code).minorUnits);
  const section = (s: StatementSection) => ({
    code: s.code,
    label: s.label,
    lines: s.lines.map((l) => ({ code: l.code, label: l.label, amount: text(l.amount) })),
    total: text(s.total),
  });
  const split = (s: Split) => ({
    member: text(s.member),
    nonMember: text(s.nonMember),
    total: text(s.total),
  });
  const position = (p: FinancialPosition) => ({
    asOf: p.asOf,
    assets: p.assets.map(section),
    totalAssets: text(p.totalAssets),
    liabilities: p.liabilities.map(section),
    totalLiabilities: text(p.totalLiabilities),
    equity: p.equity.map(section),
    totalEquity: text(p.totalEquity),
    totalLiabilitiesAndEquity: text(p.totalLiabilitiesAndEquity),
    cashAndBank: text(p.cashAndBank),
  });
  const equity = (c: Omit<EquityComponent, 'code' | 'label'>) => ({
    opening: text(c.opening),
    surplus: text(c.surplus),
    otherMovements: text(c.otherMovements),
    closing: text(c.closing),
  });
  const tbLine = (line: TrialBalanceInput['lines'][number]) => ({
    code: line.account.code,
    name: line.account.name,
    class: line.account.class,
    isLeaf: line.account.isLeaf,
    depth: line.depth,
    currency: line.currency,
    debit: inOwn(line.debit, line.currency),
    credit: inOwn(line.credit, line.currency),
    functionalBalance: text(line.functionalBalance),
  });
  const { results, changesInEquity, cashFlows } = statements;
  return {
    cooperative: header.cooperative,
    functionalCurrency: fc,
    from: statements.from,
    to: statements.to,
    openingDate: header.openingDate,
    trialBalance: {
      asOf: statements.to,
      lines: trialBalance.lines.filter((l) => l.account.class !== 'memorandum').map(tbLine),
      memorandum: trialBalance.lines.filter((l) => l.account.class === 'memorandum').map(tbLine),
      totals: trialBalance.totals.map((t) => ({
        currency: t.currency,
        debit: inOwn(t.debit, t.currency),
        credit: inOwn(t.credit, t.currency),
      })),
      functionalTotal: {
        currency: fc,
        debit: text(trialBalance.functionalTotal.debit),
        credit: text(trialBalance.functionalTotal.credit),
      },
    },
    financialPosition: position(statements.financialPosition),
    openingFinancialPosition: position(statements.openingPosition),
    results: {
      income: results.income.map((s) => ({
        code: s.code,
        label: s.label,
        lines: s.lines.map((l) => ({ code: l.code, label: l.label, ...split(l) })),
        ...split(s),
      })),
      totalIncome: split(results.totalIncome),
      expenses: results.expenses.map(section),
      totalExpenses: text(results.totalExpenses),
      surplus: text(results.surplus),
    },
    changesInEquity: {
      components: changesInEquity.components.map((c) => ({
        code: c.code,
        label: c.label,
        ...equity(c),
      })),
      total: equity(changesInEquity.total),
    },
    cashFlows: {
      opening: text(cashFlows.opening),
      activities: cashFlows.activities.map((a) => ({
        category: a.category,
        lines: a.lines.map((l) => ({
          code: l.code,
          label: l.label,
          received: text(l.received),
          paid: text(l.paid),
          net: text(l.net),
        })),
        net: text(a.net),
      })),
      netChange: text(cashFlows.netChange),
      exchangeDifference: text(cashFlows.exchangeDifference),
      closing: text(cashFlows.closing),
    },
    checks: statements.checks,
  };
}

export type PresentedStatements = ReturnType<typeof presentStatements>;

const activityLabels = {
  operating: 'Aktivitas Operasi',
  investing: 'Aktivitas Investasi',
  financing: 'Aktivitas Pendanaan',
} as const;

/** The five statements as tables, in the order an auditor reads them. */
export function statementTables(s: PresentedStatements): StatementTable[] {
  const period = `${s.from} s.d. ${s.to} (${s.functionalCurrency})`;
  const row = (cells: string[], total = false) => ({ cells, total });
  const tbRow = (l: PresentedStatements['trialBalance']['lines'][number]) =>
    row([
      l.code,
      `${'  '.repeat(l.depth)}${l.name}`,
      l.class,
      l.currency,
      l.debit,
      l.credit,
      l.functionalBalance,
    ]);
  const trialBalance: StatementTable = {
    sheet: 'Neraca Saldo',
    title: `Neraca Saldo (Trial Balance) per ${s.to}`,
    columns: ['code', 'account', 'class', 'currency', 'debit', 'credit', 'functional_balance'],
    amountColumns: new Set([4, 5, 6]),
    rows: [
      ...s.trialBalance.lines.map(tbRow),
      ...s.trialBalance.totals.map((t) =>
        row(['', `Jumlah ${t.currency}`, '', t.currency, t.debit, t.credit, ''], true),
      ),
      ...(s.trialBalance.memorandum.length > 0
        ? [row(['', 'Rekening Administratif (di luar neraca)', '', '', '', '', ''], true)]
        : []),
      ...s.trialBalance.memorandum.map(tbRow),
    ],
  };
  // A class laid out as one section has its total once, as the class's.
  const sectionRows = (sections: PresentedStatements['financialPosition']['assets']) =>
    sections.flatMap((sec) => [
      ...sec.lines.map((l) => row([sec.label, l.code ?? '', l.label, l.amount])),
      ...(sections.length > 1
        ? [row([sec.label, sec.code, `Jumlah ${sec.label}`, sec.total], true)]
        : []),
    ]);
  const fp = s.financialPosition;
  const financialPosition: StatementTable = {
    sheet: 'Posisi Keuangan',
    title: `Laporan Posisi Keuangan (Statement of Financial Position) per ${s.to} (${s.functionalCurrency})`,
    columns: ['section', 'code', 'line', 'amount'],
    amountColumns: new Set([3]),
    rows: [
      ...sectionRows(fp.assets),
      row(['', '', 'Jumlah Aset', fp.totalAssets], true),
      ...sectionRows(fp.liabilities),
      row(['', '', 'Jumlah Liabilitas', fp.totalLiabilities], true),
      ...sectionRows(fp.equity),
      row(['', '', 'Jumlah Ekuitas', fp.totalEquity], true),
      row(['', '', 'Jumlah Liabilitas dan Ekuitas', fp.totalLiabilitiesAndEquity], true),
    ],
  };
  const r = s.results;
  const results: StatementTable = {
    sheet: 'Hasil Usaha',
    title: `Laporan Hasil Usaha (Statement of Results) ${period}`,
    columns: ['section', 'code', 'line', 'member', 'non_member', 'total'],
    amountColumns: new Set([3, 4, 5]),
    rows: [
      ...r.income.flatMap((sec) => [
        ...sec.lines.map((l) =>
          row([sec.label, l.code ?? '', l.label, l.member, l.nonMember, l.total]),
        ),
        ...(sec.lines.length > 1
          ? [
              row(
                [sec.label, '', `Jumlah ${sec.label}`, sec.member, sec.nonMember, sec.total],
                true,
              ),
            ]
          : []),
      ]),
      row(
        [
          '',
          '',
          'Jumlah Pendapatan',
          r.totalIncome.member,
          r.totalIncome.nonMember,
          r.totalIncome.total,
        ],
        true,
      ),
      ...r.expenses.flatMap((sec) => [
        ...sec.lines.map((l) => row([sec.label, l.code ?? '', l.label, '', '', l.amount])),
        row([sec.label, sec.code, `Jumlah ${sec.label}`, '', '', sec.total], true),
      ]),
      row(['', '', 'Jumlah Beban', '', '', r.totalExpenses], true),
      row(['', '', 'Sisa Hasil Usaha', '', '', r.surplus], true),
    ],
  };
  const ce = s.changesInEquity;
  const changesInEquity: StatementTable = {
    sheet: 'Perubahan Ekuitas',
    title: `Laporan Perubahan Ekuitas (Statement of Changes in Equity) ${period}`,
    columns: ['code', 'component', 'opening', 'surplus', 'other_movements', 'closing'],
    amountColumns: new Set([2, 3, 4, 5]),
    rows: [
      ...ce.components.map((c) =>
        row([c.code ?? '', c.label, c.opening, c.surplus, c.otherMovements, c.closing]),
      ),
      row(
        [
          '',
          'Jumlah Ekuitas',
          ce.total.opening,
          ce.total.surplus,
          ce.total.otherMovements,
          ce.total.closing,
        ],
        true,
      ),
    ],
  };
  const cf = s.cashFlows;
  const cashFlows: StatementTable = {
    sheet: 'Arus Kas',
    title: `Laporan Arus Kas (Statement of Cash Flows, direct method) ${period}`,
    columns: ['activity', 'code', 'line', 'received', 'paid', 'net'],
    amountColumns: new Set([3, 4, 5]),
    rows: [
      row(['', '', `Kas dan bank per ${s.openingDate}`, '', '', cf.opening], true),
      ...cf.activities.flatMap((a) => [
        ...a.lines.map((l) =>
          row([activityLabels[a.category], l.code, l.label, l.received, l.paid, l.net]),
        ),
        row(
          [
            activityLabels[a.category],
            '',
            `Arus kas bersih ${activityLabels[a.category]}`,
            '',
            '',
            a.net,
          ],
          true,
        ),
      ]),
      row(['', '', 'Kenaikan (penurunan) kas bersih', '', '', cf.netChange], true),
      row(['', '', 'Selisih kurs atas kas valuta asing', '', '', cf.exchangeDifference]),
      row(['', '', `Kas dan bank per ${s.to}`, '', '', cf.closing], true),
    ],
  };
  return [trialBalance, financialPosition, results, changesInEquity, cashFlows];
}
