import { type BusinessDate, csvRecords, Decimal, inertText, Money } from '@lumbung/core';
import { type LoanGrade, severity } from './collectibility';

/** What the portfolio is grouped by. */
export const portfolioDimensions = ['product', 'grade', 'sector', 'commodity', 'region'] as const;
export type PortfolioDimension = (typeof portfolioDimensions)[number];

/** Portfolio at risk: the principal of loans more than this many days past due. */
export const parThresholds = [1, 30, 90] as const;

export const portfolioReportFormats = ['json', 'csv'] as const;
export type PortfolioReportFormat = (typeof portfolioReportFormats)[number];

/** Ratios are decimal fractions to this many places, rounded half-up. */
export const ratioScale = 6;

/**
 * NPL ratio bands of the health assessment (Permenkop 9/2020, DOMAIN.md Accounting): up to 5%
 * healthy, over 5 up to 10% fairly healthy, over 10 up to 15% less healthy, over 15% unhealthy.
 * Each band holds its upper bound; the exact ratio is compared, never a rounded one.
 */
export const nplBands = [
  { band: 'healthy', label: 'sehat', upTo: '0.05' },
  { band: 'fairly-healthy', label: 'cukup sehat', upTo: '0.10' },
  { band: 'less-healthy', label: 'kurang sehat', upTo: '0.15' },
  { band: 'unhealthy', label: 'tidak sehat', upTo: null },
] as const;
export type NplBand = (typeof nplBands)[number]['band'];

/** Kurang lancar and worse: non-performing under either preset. */
export function isNonPerforming(grade: LoanGrade | null): boolean {
  return grade !== null && severity(grade) >= severity('kurang-lancar');
}

/** One running loan as of the report date, from as-of data only. */
export interface PortfolioLoan {
  readonly loanId: string;
  readonly productCode: string;
  readonly productName: string;
  readonly sector: string;
  readonly commodity: string | null;
  readonly region: string | null;
  /** The principal leaf's balance by value date through the report date. */
  readonly outstandingPrincipal: string;
  /** Its latest provision row's grade on or before the date; null when none graded it yet. */
  readonly grade: LoanGrade | null;
  /** From that row's oldest unpaid due date to the report date. */
  readonly daysPastDue: number;
  /** The allowance that row requires. */
  readonly allowanceRequired: string;
}

/** A product's allowance: what its loans' rows require and what its leaf holds by value date. */
export interface ProductAllowance {
  readonly productCode: string;
  readonly accountCode: string;
  readonly required: string;
  readonly booked: string;
}

export interface PortfolioGroup {
  /** The product code, grade, sector, commodity or region code; null when the loans have none. */
  readonly key: string | null;
  readonly label: string;
  readonly loans: number;
  readonly outstandingPrincipal: string;
  /** Of the portfolio's outstanding principal. */
  readonly share: string;
  /** Principal of the group's non-performing loans (kurang lancar or worse). */
  readonly nonPerforming: string;
  readonly allowanceRequired: string;
}

export interface AtRisk {
  /** More than this many days past due. */
  readonly days: number;
  readonly loans: number;
  readonly outstandingPrincipal: string;
  /** Over the portfolio's outstanding principal. */
  readonly ratio: string;
}

export interface Adequacy {
  readonly required: string;
  readonly booked: string;
  /** required - booked: above zero is a shortfall, below zero an excess. */
  readonly shortfall: string;
  /** booked / required; null when nothing is required. */
  readonly coverage: string | null;
}

export interface PortfolioReport {
  readonly cooperative: { readonly code: string; readonly name: string };
  readonly asOf: BusinessDate;
  readonly currency: string;
  /** The last day whose end of day completed, on or before asOf: grades are as booked then. */
  readonly gradedThrough: BusinessDate | null;
  readonly total: { readonly loans: number; readonly outstandingPrincipal: string };
  readonly by: Readonly<Record<PortfolioDimension, readonly PortfolioGroup[]>>;
  readonly portfolioAtRisk: readonly AtRisk[];
  readonly nonPerforming: {
    readonly loans: number;
    readonly outstandingPrincipal: string;
    readonly ratio: string;
    readonly band: NplBand;
    readonly bandLabel: string;
  };
  readonly provisions: Adequacy & {
    readonly products: readonly (Adequacy & {
      readonly productCode: string;
      readonly accountCode: string;
    })[];
  };
}

/** n / d to `ratioScale` places, half-up; zero when d is zero. */
export function ratio(n: Money, d: Money): string {
  if (d.isZero()) return new Decimal(0).toFixed(ratioScale);
  return n.amount.div(d.amount).toFixed(ratioScale, Decimal.ROUND_HALF_UP);
}

/** The band of an NPL ratio, from the exact fraction. */
export function nplBand(nonPerforming: Money, total: Money): (typeof nplBands)[number] {
  const exact = total.isZero() ? new Decimal(0) : nonPerforming.amount.div(total.amount);
  return nplBands.find((b) => b.upTo === null || exact.lte(b.upTo))!;
}

export function adequacy(required: Money, booked: Money): Adequacy {
  return {
    required: required.toString(),
    booked: booked.toString(),
    shortfall: required.minus(booked).toString(),
    coverage: required.isZero() ? null : ratio(booked, required),
  };
}

interface Names {
  /** A region code's name (province or country); the code itself when unknown. */
  readonly region: (code: string) => string;
}

function keyOf(
  loan: PortfolioLoan,
  dimension: PortfolioDimension,
  names: Names,
): { key: string | null; label: string } {
  switch (dimension) {
    case 'product':
      return { key: loan.productCode, label: loan.productName };
    case 'grade':
      return { key: loan.grade, label: loan.grade ?? 'ungraded' };
    case 'sector':
      return { key: loan.sector, label: loan.sector };
    case 'commodity':
      return { key: loan.commodity, label: loan.commodity ?? 'none' };
    case 'region':
      return { key: loan.region, label: loan.region ? names.region(loan.region) : 'none' };
  }
}

/** Grades worst last, products and the rest by key; loans without a key after the others. */
function order(dimension: PortfolioDimension, a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (dimension === 'grade') return severity(a as LoanGrade) - severity(b as LoanGrade);
  return a < b ? -1 : 1;
}

/**
 * The portfolio report from the loans as of a date and the products' allowances: groups by each
 * dimension, PAR 1, 30 and 90 (principal of loans more than N days past due over the
 * portfolio's), the NPL ratio with its health band, and provision adequacy. Pure arithmetic:
 * the same inputs give the same report.
 */
export function portfolioReport(input: {
  readonly cooperative: PortfolioReport['cooperative'];
  readonly asOf: BusinessDate;
  readonly currency: string;
  readonly gradedThrough: BusinessDate | null;
  readonly loans: readonly PortfolioLoan[];
  readonly allowances: readonly ProductAllowance[];
  readonly names: Names;
}): PortfolioReport {
  const { currency, loans } = input;
  const money = (value: string) => Money.of(value, currency);
  const zero = Money.zero(currency);
  const principalOf = (items: readonly PortfolioLoan[]) =>
    items.reduce((sum, loan) => sum.plus(money(loan.outstandingPrincipal)), zero);
  const total = principalOf(loans);

  const group = (dimension: PortfolioDimension): PortfolioGroup[] => {
    const groups = new Map<string | null, { label: string; items: PortfolioLoan[] }>();
    for (const loan of loans) {
      const { key, label } = keyOf(loan, dimension, input.names);
      const entry = groups.get(key) ?? { label, items: [] };
      entry.items.push(loan);
      groups.set(key, entry);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => order(dimension, a, b))
      .map(([key, { label, items }]) => {
        const principal = principalOf(items);
        return {
          key,
          label,
          loans: items.length,
          outstandingPrincipal: principal.toString(),
          share: ratio(principal, total),
          nonPerforming: principalOf(items.filter((l) => isNonPerforming(l.grade))).toString(),
          allowanceRequired: items
            .reduce((sum, l) => sum.plus(money(l.allowanceRequired)), zero)
            .toString(),
        };
      });
  };

  const atRisk = parThresholds.map((days) => {
    const late = loans.filter((loan) => loan.daysPastDue > days);
    const principal = principalOf(late);
    return {
      days,
      loans: late.length,
      outstandingPrincipal: principal.toString(),
      ratio: ratio(principal, total),
    };
  });

  const bad = loans.filter((loan) => isNonPerforming(loan.grade));
  const badPrincipal = principalOf(bad);
  const band = nplBand(badPrincipal, total);

  const products = input.allowances.map((a) => ({
    productCode: a.productCode,
    accountCode: a.accountCode,
    ...adequacy(money(a.required), money(a.booked)),
  }));
  const sum = (key: 'required' | 'booked') =>
    input.allowances.reduce((s, a) => s.plus(money(a[key])), zero);

  return {
    cooperative: input.cooperative,
    asOf: input.asOf,
    currency,
    gradedThrough: input.gradedThrough,
    total: { loans: loans.length, outstandingPrincipal: total.toString() },
    by: Object.fromEntries(portfolioDimensions.map((d) => [d, group(d)])) as Record<
      PortfolioDimension,
      PortfolioGroup[]
    >,
    portfolioAtRisk: atRisk,
    nonPerforming: {
      loans: bad.length,
      outstandingPrincipal: badPrincipal.toString(),
      ratio: ratio(badPrincipal, total),
      band: band.band,
      bandLabel: band.label,
    },
    provisions: { ...adequacy(sum('required'), sum('booked')), products },
  };
}

const csvHeader = [
  'as_of',
  'currency',
  'section',
  'key',
  'label',
  'loans',
  'outstanding_principal',
  'ratio',
  'non_performing',
  'allowance_required',
  'allowance_booked',
  'band',
];

/**
 * The report as one RFC 4180 table: the total, each dimension's groups (ratio: share), PAR
 * (ratio over the portfolio), the NPL line with its band, and the allowance per product and in
 * total (ratio: coverage). Free text is kept inert for spreadsheets; amounts go as they are.
 */
export function portfolioReportCsv(report: PortfolioReport): string {
  const row = (fields: Partial<Record<(typeof csvHeader)[number], string | number | null>>) =>
    csvHeader.map((column) => {
      if (column === 'as_of') return report.asOf;
      if (column === 'currency') return report.currency;
      const value = fields[column];
      return value === undefined || value === null ? '' : String(value);
    });
  const text = (value: string | null) => (value === null ? '' : inertText(value));
  const records: string[][] = [csvHeader];
  records.push(
    row({
      section: 'total',
      label: 'portfolio',
      loans: report.total.loans,
      outstanding_principal: report.total.outstandingPrincipal,
      non_performing: report.nonPerforming.outstandingPrincipal,
      allowance_required: report.provisions.required,
      allowance_booked: report.provisions.booked,
    }),
  );
  for (const dimension of portfolioDimensions) {
    for (const g of report.by[dimension]) {
      records.push(
        row({
          section: dimension,
          key: text(g.key),
          label: text(g.label),
          loans: g.loans,
          outstanding_principal: g.outstandingPrincipal,
          ratio: g.share,
          non_performing: g.nonPerforming,
          allowance_required: g.allowanceRequired,
        }),
      );
    }
  }
  for (const par of report.portfolioAtRisk) {
    records.push(
      row({
        section: 'par',
        key: String(par.days),
        label: `more than ${par.days} days past due`,
        loans: par.loans,
        outstanding_principal: par.outstandingPrincipal,
        ratio: par.ratio,
      }),
    );
  }
  records.push(
    row({
      section: 'npl',
      key: 'kurang-lancar-or-worse',
      label: report.nonPerforming.bandLabel,
      loans: report.nonPerforming.loans,
      outstanding_principal: report.nonPerforming.outstandingPrincipal,
      ratio: report.nonPerforming.ratio,
      non_performing: report.nonPerforming.outstandingPrincipal,
      band: report.nonPerforming.band,
    }),
  );
  for (const p of report.provisions.products) {
    records.push(
      row({
        section: 'provision',
        key: text(p.productCode),
        label: text(p.accountCode),
        ratio: p.coverage,
        allowance_required: p.required,
        allowance_booked: p.booked,
      }),
    );
  }
  records.push(
    row({
      section: 'provision',
      label: 'total',
      ratio: report.provisions.coverage,
      allowance_required: report.provisions.required,
      allowance_booked: report.provisions.booked,
    }),
  );
  return csvRecords(records);
}
