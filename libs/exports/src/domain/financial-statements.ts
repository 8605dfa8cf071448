import { type BusinessDate, Decimal } from '@lumbung/core';
import { type LeafAmount, type RateQuote, translate, type Translation } from './fx-translation';
import { type CashFlowCategory, type StatementAccount, StatementChart } from './statement-chart';

export type Counterparty = 'member' | 'non_member' | 'partner_cooperative';

/** An income or expense leaf's postings with value dates in the period, per counterparty class. */
export interface ResultMovement {
  readonly accountId: string;
  readonly counterparty: Counterparty | null;
  /** Signed as the ledger signs it: debits positive. */
  readonly functional: Decimal;
}

/**
 * Cash moved against one account in the period: the functional amounts of the other postings
 * of every entry that touches a cash or bank leaf. `received` is cash in (the account
 * credited), `paid` cash out, both positive.
 */
export interface CashCounterpart {
  readonly accountId: string;
  readonly received: Decimal;
  readonly paid: Decimal;
}

export interface StatementInputs {
  readonly functionalCurrency: string;
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  /** The day before `from`: the balances the period starts from. */
  readonly openingDate: BusinessDate;
  readonly chart: readonly StatementAccount[];
  readonly opening: readonly LeafAmount[];
  readonly closing: readonly LeafAmount[];
  readonly results: readonly ResultMovement[];
  readonly cash: readonly CashCounterpart[];
  /** Closing rates per foreign currency of each end of the period. */
  readonly openingRates: ReadonlyMap<string, RateQuote>;
  readonly closingRates: ReadonlyMap<string, RateQuote>;
  /** What the month-end revaluation carries on each date (its entries net of reversals). */
  readonly openingRevaluation: Decimal;
  readonly closingRevaluation: Decimal;
}

export interface StatementLine {
  /** The chart account the line is; null for the lines the statements compute. */
  readonly code: string | null;
  readonly label: string;
  readonly amount: Decimal;
}

export interface StatementSection {
  readonly code: string;
  readonly label: string;
  readonly lines: readonly StatementLine[];
  readonly total: Decimal;
}

export interface FinancialPosition {
  readonly asOf: BusinessDate;
  readonly assets: readonly StatementSection[];
  readonly totalAssets: Decimal;
  readonly liabilities: readonly StatementSection[];
  readonly totalLiabilities: Decimal;
  readonly equity: readonly StatementSection[];
  readonly totalEquity: Decimal;
  readonly totalLiabilitiesAndEquity: Decimal;
  /** Cash and bank lines together: what the cash flow statement ends at. */
  readonly cashAndBank: Decimal;
}

export interface Split {
  readonly member: Decimal;
  readonly nonMember: Decimal;
  readonly total: Decimal;
}

export interface IncomeLine extends Split {
  readonly code: string | null;
  readonly label: string;
}

export interface IncomeSection extends Split {
  readonly code: string;
  readonly label: string;
  readonly lines: readonly IncomeLine[];
}

export interface Results {
  readonly income: readonly IncomeSection[];
  readonly totalIncome: Split;
  readonly expenses: readonly StatementSection[];
  readonly totalExpenses: Decimal;
  /** Sisa hasil usaha of the period: income less expenses (a loss when negative). */
  readonly surplus: Decimal;
}

export interface EquityComponent {
  readonly code: string | null;
  readonly label: string;
  readonly opening: Decimal;
  readonly surplus: Decimal;
  /** Members' pokok and wajib in and out, reserves, grants: every other movement. */
  readonly otherMovements: Decimal;
  readonly closing: Decimal;
}

export interface ChangesInEquity {
  readonly components: readonly EquityComponent[];
  readonly total: Omit<EquityComponent, 'code' | 'label'>;
}

export interface CashFlowLine {
  readonly code: string;
  readonly label: string;
  readonly received: Decimal;
  readonly paid: Decimal;
  readonly net: Decimal;
}

export interface CashFlowActivity {
  readonly category: CashFlowCategory;
  readonly lines: readonly CashFlowLine[];
  readonly net: Decimal;
}

export interface CashFlows {
  readonly opening: Decimal;
  readonly activities: readonly CashFlowActivity[];
  readonly netChange: Decimal;
  /** Foreign cash translated at the closing rate of each end of the period. */
  readonly exchangeDifference: Decimal;
  readonly closing: Decimal;
}

export interface FinancialStatements {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly functionalCurrency: string;
  readonly financialPosition: FinancialPosition;
  readonly openingPosition: FinancialPosition;
  readonly results: Results;
  readonly changesInEquity: ChangesInEquity;
  readonly cashFlows: CashFlows;
  /**
   * What makes the statements one set, recomputed from their own figures: assets equal
   * liabilities plus equity, the period's surplus is the change in equity it causes, and the cash
   * flows end at the cash on the statement of financial position (read from the balances).
   */
  readonly checks: {
    readonly financialPositionBalances: boolean;
    readonly surplusIsEquityChange: boolean;
    readonly cashFlowsReachCash: boolean;
  };
}

/** The line the statements add to equity: income less expenses not yet closed into it. */
export const unclosedSurplusLabel = 'Sisa Hasil Usaha Belum Ditutup';
/** The line the statements add to the results: foreign balances at the closing rate. */
export const translationLabel = 'Selisih Kurs Belum Terealisasi (Penjabaran Kurs Penutupan)';

const zero = new Decimal(0);
const sum = (values: readonly Decimal[]): Decimal => values.reduce((a, b) => a.plus(b), zero);

/**
 * The statements of a period from the ledger's sums: financial position at both ends,
 * results, changes in equity and cash flows (direct method), all in the functional currency.
 * Memorandum accounts stay out (off balance). Foreign monetary balances are translated at the
 * closing rate of each end; what that adds beyond the month-end revaluation's entries is an
 * unrealised FX line of the results, so every statement still balances.
 */
export function buildFinancialStatements(inputs: StatementInputs): FinancialStatements {
  const chart = new StatementChart(inputs.chart);
  const fc = inputs.functionalCurrency;
  const openingFx = translate(
    chart,
    inputs.opening,
    fc,
    inputs.openingRates,
    inputs.openingRevaluation,
    inputs.openingDate,
  );
  const closingFx = translate(
    chart,
    inputs.closing,
    fc,
    inputs.closingRates,
    inputs.closingRevaluation,
    inputs.to,
  );
  const openingPosition = position(chart, inputs.openingDate, inputs.opening, openingFx);
  const financialPosition = position(chart, inputs.to, inputs.closing, closingFx);
  const results = periodResults(
    chart,
    inputs.results,
    closingFx.difference.minus(openingFx.difference),
  );
  const changesInEquity = equityChanges(openingPosition, financialPosition, results.surplus);
  const flows = cashFlows(chart, inputs.cash, openingPosition, {
    opening: openingFx.cash,
    closing: closingFx.cash,
  });
  return {
    from: inputs.from,
    to: inputs.to,
    functionalCurrency: fc,
    financialPosition,
    openingPosition,
    results,
    changesInEquity,
    cashFlows: flows,
    checks: {
      financialPositionBalances: financialPosition.totalAssets.eq(
        financialPosition.totalLiabilitiesAndEquity,
      ),
      // The surplus line's change between the two balance dates, less the period's results
      // read from the period's postings: nothing else may move it.
      surplusIsEquityChange: changesInEquity.components.every(
        (c) => c.code !== null || c.otherMovements.isZero(),
      ),
      cashFlowsReachCash: flows.closing.eq(financialPosition.cashAndBank),
    },
  };
}

function position(
  chart: StatementChart,
  asOf: BusinessDate,
  balances: readonly LeafAmount[],
  fx: Translation,
): FinancialPosition {
  const byLine = new Map<string, Decimal>(fx.adjustments);
  let unclosed = fx.difference;
  let cashAndBank = zero;
  for (const leaf of balances) {
    const account = chart.account(leaf.accountId);
    if (account.class === 'memorandum') continue;
    if (account.class === 'income' || account.class === 'expense') {
      unclosed = unclosed.minus(leaf.functional);
      continue;
    }
    const line = chart.placement(leaf.accountId).line.id;
    byLine.set(line, (byLine.get(line) ?? zero).plus(leaf.functional));
    if (chart.isCash(leaf.accountId)) cashAndBank = cashAndBank.plus(leaf.functional);
  }
  const sections = (cls: 'asset' | 'liability' | 'equity'): StatementSection[] => {
    const root = chart.roots().find((r) => r.class === cls);
    if (!root) return [];
    const sign = cls === 'asset' ? 1 : -1;
    const laid = chart.sections(root).map(({ section, lines }) => {
      const shown: StatementLine[] = lines.map((line) => ({
        code: line.code,
        label: line.name,
        amount: (byLine.get(line.id) ?? zero).times(sign),
      }));
      if (cls === 'equity' && section.id === root.id) {
        shown.push({ code: null, label: unclosedSurplusLabel, amount: unclosed });
      }
      return { code: section.code, label: section.name, lines: shown };
    });
    if (cls === 'equity' && !laid.some((s) => s.code === root.code)) {
      laid.unshift({
        code: root.code,
        label: root.name,
        lines: [{ code: null, label: unclosedSurplusLabel, amount: unclosed }],
      });
    }
    return laid.map((s) => ({ ...s, total: sum(s.lines.map((l) => l.amount)) }));
  };
  const assets = sections('asset');
  const liabilities = sections('liability');
  const equity = sections('equity');
  const totalLiabilities = sum(liabilities.map((s) => s.total));
  const totalEquity = sum(equity.map((s) => s.total));
  return {
    asOf,
    assets,
    totalAssets: sum(assets.map((s) => s.total)),
    liabilities,
    totalLiabilities,
    equity,
    totalEquity,
    totalLiabilitiesAndEquity: totalLiabilities.plus(totalEquity),
    cashAndBank: cashAndBank.plus(fx.cash),
  };
}

function split(member: Decimal, nonMember: Decimal): Split {
  return { member, nonMember, total: member.plus(nonMember) };
}

function periodResults(
  chart: StatementChart,
  movements: readonly ResultMovement[],
  translationDifference: Decimal,
): Results {
  const income = new Map<string, { member: Decimal; nonMember: Decimal }>();
  const expense = new Map<string, Decimal>();
  for (const movement of movements) {
    const account = chart.account(movement.accountId);
    const line = chart.resultsPlacement(movement.accountId).line.id;
    if (account.class === 'income') {
      // Credits are income: shown positive. Partner cooperatives are not members: their
      // business is not shared out as members' SHU.
      const amount = movement.functional.negated();
      const held = income.get(line) ?? { member: zero, nonMember: zero };
      income.set(
        line,
        movement.counterparty === 'member'
          ? { ...held, member: held.member.plus(amount) }
          : { ...held, nonMember: held.nonMember.plus(amount) },
      );
    } else if (account.class === 'expense') {
      expense.set(line, (expense.get(line) ?? zero).plus(movement.functional));
    }
  }
  const root = (cls: 'income' | 'expense') => chart.roots().find((r) => r.class === cls);
  const resultSections = (cls: 'income' | 'expense') => {
    const top = root(cls);
    if (!top) return [];
    return chart
      .childrenOf(top)
      .map((child) =>
        child.isLeaf
          ? { code: top.code, label: top.name, lines: [child] }
          : { code: child.code, label: child.name, lines: [...chart.childrenOf(child)] },
      );
  };
  const incomeSections: IncomeSection[] = resultSections('income').map(({ code, label, lines }) => {
    const shown: IncomeLine[] = lines.map((line) => {
      const held = income.get(line.id) ?? { member: zero, nonMember: zero };
      return { code: line.code, label: line.name, ...split(held.member, held.nonMember) };
    });
    return {
      code,
      label,
      lines: shown,
      ...split(sum(shown.map((l) => l.member)), sum(shown.map((l) => l.nonMember))),
    };
  });
  // The translation concerns foreign money with partners abroad: non-member, as the month-end
  // revaluation tags its own entries.
  incomeSections.push({
    code: 'fx-translation',
    label: translationLabel,
    lines: [{ code: null, label: translationLabel, ...split(zero, translationDifference) }],
    ...split(zero, translationDifference),
  });
  const expenses: StatementSection[] = resultSections('expense').map(({ code, label, lines }) => {
    const shown = lines.map((line) => ({
      code: line.code,
      label: line.name,
      amount: expense.get(line.id) ?? zero,
    }));
    return { code, label, lines: shown, total: sum(shown.map((l) => l.amount)) };
  });
  const totalIncome = split(
    sum(incomeSections.map((s) => s.member)),
    sum(incomeSections.map((s) => s.nonMember)),
  );
  const totalExpenses = sum(expenses.map((s) => s.total));
  return {
    income: incomeSections,
    totalIncome,
    expenses,
    totalExpenses,
    surplus: totalIncome.total.minus(totalExpenses),
  };
}

function equityChanges(
  opening: FinancialPosition,
  closing: FinancialPosition,
  surplus: Decimal,
): ChangesInEquity {
  const lines = (p: FinancialPosition) => p.equity.flatMap((s) => s.lines);
  const before = lines(opening);
  const components: EquityComponent[] = lines(closing).map((line, i) => {
    const start = before[i].amount;
    const fromResults = line.code === null ? surplus : zero;
    return {
      code: line.code,
      label: line.label,
      opening: start,
      surplus: fromResults,
      otherMovements: line.amount.minus(start).minus(fromResults),
      closing: line.amount,
    };
  });
  return {
    components,
    total: {
      opening: sum(components.map((c) => c.opening)),
      surplus: sum(components.map((c) => c.surplus)),
      otherMovements: sum(components.map((c) => c.otherMovements)),
      closing: sum(components.map((c) => c.closing)),
    },
  };
}

const categories: readonly CashFlowCategory[] = ['operating', 'investing', 'financing'];

function cashFlows(
  chart: StatementChart,
  counterparts: readonly CashCounterpart[],
  opening: FinancialPosition,
  fxOnCash: { opening: Decimal; closing: Decimal },
): CashFlows {
  const lines = new Map<
    string,
    { category: CashFlowCategory; line: StatementAccount; received: Decimal; paid: Decimal }
  >();
  for (const counterpart of counterparts) {
    const account = chart.account(counterpart.accountId);
    const line =
      account.class === 'income' || account.class === 'expense'
        ? chart.resultsPlacement(account.id).section
        : chart.placement(account.id).line;
    const held = lines.get(line.id) ?? {
      category: chart.cashFlowCategory(account.id),
      line,
      received: zero,
      paid: zero,
    };
    lines.set(line.id, {
      ...held,
      received: held.received.plus(counterpart.received),
      paid: held.paid.plus(counterpart.paid),
    });
  }
  const activities: CashFlowActivity[] = categories.map((category) => {
    const shown: CashFlowLine[] = [...lines.values()]
      .filter((l) => l.category === category)
      .sort((a, b) => a.line.code.localeCompare(b.line.code))
      .map((l) => ({
        code: l.line.code,
        label: l.line.name,
        received: l.received,
        paid: l.paid,
        net: l.received.minus(l.paid),
      }));
    return { category, lines: shown, net: sum(shown.map((l) => l.net)) };
  });
  const netChange = sum(activities.map((a) => a.net));
  const exchangeDifference = fxOnCash.closing.minus(fxOnCash.opening);
  return {
    opening: opening.cashAndBank,
    activities,
    netChange,
    exchangeDifference,
    closing: opening.cashAndBank.plus(netChange).plus(exchangeDifference),
  };
}
