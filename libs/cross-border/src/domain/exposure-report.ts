import { type BusinessDate, csvRecords, inertText, Money } from '@lumbung/core';
import { convert, type FxRate, type RateUsed } from './fx-rate';
import { postingRate } from './facility-money';

/** What an exposure report groups facilities by. */
export const exposureDimensions = [
  'country',
  'partner',
  'agreement',
  'program',
  'sector',
  'commodity',
] as const;
export type ExposureDimension = (typeof exposureDimensions)[number];

export const reportFormats = ['json', 'csv'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/**
 * One approved facility as the books show it on the report date: its attributes, and from its
 * receivable leaf (postings by value date) what was drawn, what is outstanding and what the
 * ledger carries the outstanding at in the functional currency.
 */
export interface FacilityExposureInput {
  readonly facilityId: string;
  readonly partnerId: string;
  readonly partnerName: string;
  readonly country: string;
  readonly agreementId: string;
  readonly agreementReference: string;
  readonly program: string;
  readonly sector: string;
  readonly commodity: string | null;
  readonly currency: string;
  readonly limit: string;
  /** The receivable leaf's code (`1-14-0001`); null before the first drawdown. */
  readonly accountCode: string | null;
  /** Debits to the receivable leaf valued up to the date. */
  readonly drawn: string;
  /** The receivable leaf's balance as of the date. */
  readonly outstanding: string;
  /** The sum of the leaf's postings' functional amounts as of the date. */
  readonly carrying: string;
}

/** Amounts in one facility currency, with their functional equivalents. */
export interface ExposureAmounts {
  readonly currency: string;
  readonly facilities: number;
  readonly limit: string;
  readonly drawn: string;
  readonly repaid: string;
  readonly outstanding: string;
  /** What may still be drawn: the limit less what was drawn (repaid principal is not drawn again). */
  readonly undrawn: string;
  /** Functional units per unit of the currency on the report date; null for the functional one. */
  readonly fxRate: string | null;
  /** The outstanding at the report date's rate. */
  readonly functionalOutstanding: string;
  /** What the ledger carries the outstanding at: the rates the money moved at. */
  readonly functionalCarrying: string;
  readonly functionalUndrawn: string;
}

export interface FacilityExposure extends ExposureAmounts {
  readonly facilityId: string;
  readonly accountCode: string | null;
  readonly partnerId: string;
  readonly partnerName: string;
  readonly country: string;
  readonly agreementId: string;
  readonly agreementReference: string;
  readonly program: string;
  readonly sector: string;
  readonly commodity: string | null;
}

/** One country, partner, agreement, program, sector or commodity. */
export interface ExposureGroup {
  /** The country code, partner or agreement id, program, sector or commodity; null: none. */
  readonly key: string | null;
  readonly label: string;
  readonly facilities: number;
  /** Per facility currency, in code order. */
  readonly currencies: readonly ExposureAmounts[];
  /** All currencies together, in the functional currency. */
  readonly functionalOutstanding: string;
  readonly functionalCarrying: string;
  readonly functionalUndrawn: string;
}

/** The facility receivables of the ledger (leaves under 1-14) per currency, as of the date. */
export interface BooksLine {
  readonly currency: string;
  readonly balance: string;
  readonly functionalBalance: string;
}

export interface ReportCooperative {
  readonly code: string;
  readonly name: string;
  readonly country: string;
}

export interface ExposureReport {
  readonly cooperative: ReportCooperative;
  readonly asOf: BusinessDate;
  readonly functionalCurrency: string;
  /** The rate of the report date used for each foreign currency with something to convert. */
  readonly rates: readonly RateUsed[];
  readonly facilities: readonly FacilityExposure[];
  readonly by: Partial<Record<ExposureDimension, readonly ExposureGroup[]>>;
  readonly total: ExposureGroup;
  /**
   * The receivables heading of the ledger beside the report: `reconciled` when, in every
   * currency, the facilities' outstanding is the heading's balance and their carrying amount its
   * functional balance.
   */
  readonly books: {
    readonly heading: string;
    readonly lines: readonly BooksLine[];
    readonly reconciled: boolean;
  };
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

function keyOf(
  f: FacilityExposure,
  dimension: ExposureDimension,
): { key: string | null; label: string } {
  switch (dimension) {
    case 'country':
      return { key: f.country, label: regionNames.of(f.country) ?? f.country };
    case 'partner':
      return { key: f.partnerId, label: f.partnerName };
    case 'agreement':
      return { key: f.agreementId, label: f.agreementReference };
    case 'program':
      return { key: f.program, label: f.program };
    case 'sector':
      return { key: f.sector, label: f.sector };
    case 'commodity':
      return { key: f.commodity, label: f.commodity ?? 'none' };
  }
}

/**
 * Values each facility: the facility-currency figures as the ledger has them, and their
 * functional equivalents at the report date's rate (each facility converted by itself, half-up
 * to the functional currency's minor units, so every grouping adds up to the same total). A
 * foreign amount to convert without a rate for that exact day is `fx-rate-missing`; zero needs
 * no rate.
 */
export function valueFacility(
  input: FacilityExposureInput,
  asOf: BusinessDate,
  functionalCurrency: string,
  rate: FxRate | undefined,
): FacilityExposure {
  const money = (value: string) => Money.of(value, input.currency);
  const limit = money(input.limit);
  const drawn = money(input.drawn);
  const outstanding = money(input.outstanding);
  const undrawnRaw = limit.minus(drawn);
  const undrawn = undrawnRaw.isNegative() ? Money.zero(input.currency) : undrawnRaw;
  const toFunctional = (amount: Money) =>
    amount.isZero()
      ? { to: Money.zero(functionalCurrency), rate: null }
      : convert(amount, functionalCurrency, asOf, rate);
  const atRate = toFunctional(outstanding);
  const undrawnAt = toFunctional(undrawn);
  const used = atRate.rate ?? undrawnAt.rate;
  return {
    facilityId: input.facilityId,
    accountCode: input.accountCode,
    partnerId: input.partnerId,
    partnerName: input.partnerName,
    country: input.country,
    agreementId: input.agreementId,
    agreementReference: input.agreementReference,
    program: input.program,
    sector: input.sector,
    commodity: input.commodity,
    currency: input.currency,
    facilities: 1,
    limit: limit.toString(),
    drawn: drawn.toString(),
    repaid: drawn.minus(outstanding).toString(),
    outstanding: outstanding.toString(),
    undrawn: undrawn.toString(),
    fxRate: used ? postingRate(used).toString() : null,
    functionalOutstanding: atRate.to.toString(),
    functionalCarrying: Money.of(input.carrying, functionalCurrency).toString(),
    functionalUndrawn: undrawnAt.to.toString(),
  };
}

type AmountKey = 'limit' | 'drawn' | 'repaid' | 'outstanding' | 'undrawn';
type FunctionalKey = 'functionalOutstanding' | 'functionalCarrying' | 'functionalUndrawn';

function sumByCurrency(
  facilities: readonly FacilityExposure[],
  functionalCurrency: string,
): ExposureAmounts[] {
  const currencies = [...new Set(facilities.map((f) => f.currency))].sort();
  return currencies.map((currency) => {
    const mine = facilities.filter((f) => f.currency === currency);
    const sum = (key: AmountKey, code: string) =>
      mine.reduce((s, f) => s.plus(Money.of(f[key], code)), Money.zero(code)).toString();
    const sumFunctional = (key: FunctionalKey) =>
      mine
        .reduce(
          (s, f) => s.plus(Money.of(f[key], functionalCurrency)),
          Money.zero(functionalCurrency),
        )
        .toString();
    const rates = new Set(mine.map((f) => f.fxRate).filter((r) => r !== null));
    return {
      currency,
      facilities: mine.length,
      limit: sum('limit', currency),
      drawn: sum('drawn', currency),
      repaid: sum('repaid', currency),
      outstanding: sum('outstanding', currency),
      undrawn: sum('undrawn', currency),
      fxRate: rates.size === 1 ? [...rates][0] : null,
      functionalOutstanding: sumFunctional('functionalOutstanding'),
      functionalCarrying: sumFunctional('functionalCarrying'),
      functionalUndrawn: sumFunctional('functionalUndrawn'),
    };
  });
}

function group(
  key: string | null,
  label: string,
  facilities: readonly FacilityExposure[],
  functionalCurrency: string,
): ExposureGroup {
  const currencies = sumByCurrency(facilities, functionalCurrency);
  const sum = (k: FunctionalKey) =>
    currencies
      .reduce((s, c) => s.plus(Money.of(c[k], functionalCurrency)), Money.zero(functionalCurrency))
      .toString();
  return {
    key,
    label,
    facilities: facilities.length,
    currencies,
    functionalOutstanding: sum('functionalOutstanding'),
    functionalCarrying: sum('functionalCarrying'),
    functionalUndrawn: sum('functionalUndrawn'),
  };
}

/** The facilities grouped by `dimension`, by label then key. */
export function groupBy(
  facilities: readonly FacilityExposure[],
  dimension: ExposureDimension,
  functionalCurrency: string,
): ExposureGroup[] {
  const groups = new Map<string, { key: string | null; label: string; of: FacilityExposure[] }>();
  for (const facility of facilities) {
    const { key, label } = keyOf(facility, dimension);
    const id = key ?? '';
    const found = groups.get(id) ?? { key, label, of: [] };
    found.of.push(facility);
    groups.set(id, found);
  }
  return [...groups.values()]
    .sort(
      (a, b) => a.label.localeCompare(b.label, 'en') || (a.key ?? '').localeCompare(b.key ?? ''),
    )
    .map((g) => group(g.key, g.label, g.of, functionalCurrency));
}

export function exposureReport(input: {
  readonly cooperative: ReportCooperative;
  readonly asOf: BusinessDate;
  readonly functionalCurrency: string;
  readonly facilities: readonly FacilityExposureInput[];
  readonly rates: ReadonlyMap<string, FxRate | undefined>;
  readonly dimensions: readonly ExposureDimension[];
  readonly books: { readonly heading: string; readonly lines: readonly BooksLine[] };
}): ExposureReport {
  const { asOf, functionalCurrency } = input;
  const facilities = input.facilities.map((f) =>
    valueFacility(f, asOf, functionalCurrency, input.rates.get(f.currency)),
  );
  const rates: RateUsed[] = [];
  for (const currency of [...new Set(facilities.map((f) => f.currency))].sort()) {
    const rate = input.rates.get(currency);
    const used = facilities.some((f) => f.currency === currency && f.fxRate !== null);
    if (rate && used) {
      const { id, base, quote, date } = rate;
      rates.push({ id, base, quote, date, rate: rate.rate, inverted: base !== currency });
    }
  }
  const by: Partial<Record<ExposureDimension, readonly ExposureGroup[]>> = {};
  for (const dimension of input.dimensions) {
    by[dimension] = groupBy(facilities, dimension, functionalCurrency);
  }
  const total = group(null, 'all facilities', facilities, functionalCurrency);
  return {
    cooperative: input.cooperative,
    asOf,
    functionalCurrency,
    rates,
    facilities,
    by,
    total,
    books: {
      heading: input.books.heading,
      lines: input.books.lines,
      reconciled: reconciles(total.currencies, input.books.lines, functionalCurrency),
    },
  };
}

/** Every currency of either side agrees on the outstanding and on its functional carrying. */
function reconciles(
  report: readonly ExposureAmounts[],
  books: readonly BooksLine[],
  functionalCurrency: string,
): boolean {
  const currencies = new Set([...report.map((r) => r.currency), ...books.map((b) => b.currency)]);
  for (const currency of currencies) {
    const ours = report.find((r) => r.currency === currency);
    const theirs = books.find((b) => b.currency === currency);
    const outstanding = Money.of(ours?.outstanding ?? '0', currency);
    const balance = Money.of(theirs?.balance ?? '0', currency);
    if (!outstanding.equals(balance)) return false;
    const carrying = ours?.functionalCarrying ?? '0';
    const functional = theirs?.functionalBalance ?? '0';
    if (!Money.of(carrying, functionalCurrency).equals(Money.of(functional, functionalCurrency))) {
      return false;
    }
  }
  return true;
}

/** The CSV's columns, in order (README: Exposure reports). */
export const exposureCsvColumns = [
  'as_of',
  'dimension',
  'key',
  'label',
  'currency',
  'facilities',
  'limit',
  'drawn',
  'repaid',
  'outstanding',
  'undrawn',
  'fx_rate',
  'functional_currency',
  'functional_outstanding',
  'functional_carrying',
  'functional_undrawn',
  'account_code',
] as const;

/**
 * One record per facility (`dimension` facility), then per group and currency of each dimension
 * asked for, then per currency of all facilities (`dimension` total). Amounts are plain decimal
 * strings; names and references are kept inert for spreadsheets.
 */
export function exposureReportCsv(report: ExposureReport): string {
  const row = (
    dimension: string,
    key: string | null,
    label: string,
    amounts: ExposureAmounts,
    accountCode: string | null = null,
  ): string[] => [
    report.asOf,
    dimension,
    inertText(key ?? ''),
    inertText(label),
    amounts.currency,
    String(amounts.facilities),
    amounts.limit,
    amounts.drawn,
    amounts.repaid,
    amounts.outstanding,
    amounts.undrawn,
    amounts.fxRate ?? '',
    report.functionalCurrency,
    amounts.functionalOutstanding,
    amounts.functionalCarrying,
    amounts.functionalUndrawn,
    accountCode ?? '',
  ];
  const rows: string[][] = [[...exposureCsvColumns]];
  for (const f of report.facilities) {
    rows.push(
      row('facility', f.facilityId, `${f.partnerName} ${f.agreementReference}`, f, f.accountCode),
    );
  }
  for (const dimension of exposureDimensions) {
    for (const g of report.by[dimension] ?? []) {
      for (const amounts of g.currencies) rows.push(row(dimension, g.key, g.label, amounts));
    }
  }
  for (const amounts of report.total.currencies) {
    rows.push(row('total', null, report.total.label, amounts));
  }
  return csvRecords(rows);
}
