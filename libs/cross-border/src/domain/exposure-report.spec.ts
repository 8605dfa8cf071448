import { type BusinessDate, InvalidInputError } from '@lumbung/core';
import {
  exposureReport,
  exposureReportCsv,
  type FacilityExposureInput,
  valueFacility,
} from './exposure-report';
import type { FxRate } from './fx-rate';
import { maskPersonName } from './msme-export';
import { parseExposureQuery, parseReportQuery } from './report-query';

const asOf = '2026-11-30' as BusinessDate;
const usdIdr: FxRate = {
  id: 'r1',
  date: asOf,
  base: 'USD',
  quote: 'IDR',
  rate: '16250.555',
  source: 'JISDOR',
};

const facility = (overrides: Partial<FacilityExposureInput> = {}): FacilityExposureInput => ({
  facilityId: 'f1',
  partnerId: 'p1',
  partnerName: 'Hadomi Dili',
  country: 'TL',
  agreementId: 'a1',
  agreementReference: 'PKS/1',
  program: 'financing',
  sector: 'agriculture',
  commodity: 'coffee',
  currency: 'USD',
  limit: '100.00',
  accountCode: '1-14-0001',
  drawn: '60.00',
  outstanding: '33.33',
  carrying: '533280.00',
  ...overrides,
});

const books = { heading: '1-14', lines: [] };

describe('exposure report', () => {
  it('converts each facility by itself at the day’s rate, half-up', () => {
    // 33.33 x 16250.555 = 541,630.99815 -> 541,631.00; 40 x 16250.555 = 650,022.20.
    expect(valueFacility(facility(), asOf, 'IDR', usdIdr)).toMatchObject({
      repaid: '26.67',
      undrawn: '40.00',
      fxRate: '16250.555',
      functionalOutstanding: '541631.00',
      functionalCarrying: '533280.00',
      functionalUndrawn: '650022.20',
    });
  });

  it('needs no rate for zero, and refuses anything else without one', () => {
    const repaid = facility({ limit: '60.00', outstanding: '0', carrying: '0' });
    expect(valueFacility(repaid, asOf, 'IDR', undefined)).toMatchObject({
      outstanding: '0.00',
      undrawn: '0.00',
      fxRate: null,
      functionalOutstanding: '0.00',
    });
    expect(() => valueFacility(facility(), asOf, 'IDR', undefined)).toThrow(
      expect.objectContaining({
        slug: 'fx-rate-missing',
        extensions: { from: 'USD', to: 'IDR', date: asOf },
      }),
    );
    // Another day's rate is never used.
    expect(() =>
      valueFacility(facility(), asOf, 'IDR', { ...usdIdr, date: '2026-11-29' as BusinessDate }),
    ).toThrow(expect.objectContaining({ slug: 'fx-rate-missing' }));
  });

  it('adds per facility, so every grouping reaches the same total', () => {
    const facilities = [
      facility(),
      facility({ facilityId: 'f2', sector: 'trade', commodity: null, outstanding: '33.33' }),
    ];
    const report = exposureReport({
      cooperative: { code: 'KSP', name: 'KSP', country: 'ID' },
      asOf,
      functionalCurrency: 'IDR',
      facilities,
      rates: new Map([['USD', usdIdr]]),
      dimensions: ['sector', 'commodity'],
      books: {
        heading: '1-14',
        lines: [{ currency: 'USD', balance: '66.66', functionalBalance: '1066560.00' }],
      },
    });
    // Two conversions of 33.33 (541,631.00 each), not one of 66.66 (1,083,261.997...).
    expect(report.total.functionalOutstanding).toBe('1083262.00');
    for (const groups of [report.by.sector!, report.by.commodity!]) {
      expect(groups.map((g) => g.functionalOutstanding)).toEqual(['541631.00', '541631.00']);
    }
    expect(report.by.commodity!.map((g) => [g.key, g.label])).toEqual([
      ['coffee', 'coffee'],
      [null, 'none'],
    ]);
    expect(report.rates).toEqual([
      { id: 'r1', base: 'USD', quote: 'IDR', date: asOf, rate: '16250.555', inverted: false },
    ]);
    expect(report.books.reconciled).toBe(true);
  });

  it('says when the books do not agree', () => {
    const report = exposureReport({
      cooperative: { code: 'KSP', name: 'KSP', country: 'ID' },
      asOf,
      functionalCurrency: 'IDR',
      facilities: [facility()],
      rates: new Map([['USD', usdIdr]]),
      dimensions: [],
      books: {
        heading: '1-14',
        lines: [
          { currency: 'USD', balance: '33.33', functionalBalance: '533280.00' },
          { currency: 'MYR', balance: '1.00', functionalBalance: '3500.00' },
        ],
      },
    });
    expect(report.books.reconciled).toBe(false);
    expect(report.by).toEqual({});
  });

  it('keeps names inert in the CSV', () => {
    const report = exposureReport({
      cooperative: { code: 'KSP', name: 'KSP', country: 'ID' },
      asOf,
      functionalCurrency: 'IDR',
      facilities: [facility({ partnerName: '=HYPERLINK("x")' })],
      rates: new Map([['USD', usdIdr]]),
      dimensions: ['partner'],
      books,
    });
    const lines = exposureReportCsv(report).split('\r\n');
    expect(lines[1]).toBe(
      `2026-11-30,facility,f1,"'=HYPERLINK(""x"") PKS/1",USD,1,100.00,60.00,26.67,33.33,40.00,` +
        '16250.555,IDR,541631.00,533280.00,650022.20,1-14-0001',
    );
    expect(lines[2]).toMatch(/^2026-11-30,partner,p1,"'=HYPERLINK\(""x""\)",USD,1,/);
    expect(lines[3]).toMatch(/^2026-11-30,total,,all facilities,USD,1,/);
  });
});

describe('report queries', () => {
  const today = '2026-11-30' as BusinessDate;
  const fields = (read: () => unknown): string[] => {
    try {
      read();
    } catch (error) {
      if (error instanceof InvalidInputError) return error.errors.map((e) => e.field);
      throw error;
    }
    return [];
  };

  it('defaults to the business date, JSON and every dimension', () => {
    expect(parseExposureQuery({}, today)).toEqual({
      asOf: today,
      format: 'json',
      by: ['country', 'partner', 'agreement', 'program', 'sector', 'commodity'],
    });
    expect(parseExposureQuery({ by: 'commodity, country', format: 'csv' }, today)).toEqual({
      asOf: today,
      format: 'csv',
      by: ['country', 'commodity'],
    });
  });

  it('names every bad field', () => {
    expect(fields(() => parseExposureQuery({ asOf: '2026-12-01', by: 'region' }, today))).toEqual([
      'asOf',
      'by',
    ]);
    expect(fields(() => parseReportQuery({ asOf: '2026-02-29', format: 'pdf' }, today))).toEqual([
      'asOf',
      'format',
    ]);
  });
});

describe('masking a member’s name for the MSME export', () => {
  it('keeps initials only', () => {
    expect(maskPersonName('Maria Goreti Ndun')).toBe('M. G. N.');
    expect(maskPersonName("  yohanes o'neil-bere ")).toBe('Y. O. N. B.');
    expect(maskPersonName('Ömer')).toBe('Ö.');
    expect(maskPersonName('   ')).toBe('-');
  });
});
