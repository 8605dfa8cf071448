import { type BusinessDate, Money } from '@lumbung/core';
import {
  adequacy,
  nplBand,
  type PortfolioLoan,
  portfolioReport,
  portfolioReportCsv,
  ratio,
} from './portfolio-report';

const idr = (value: string) => Money.of(value, 'IDR');

const loan = (over: Partial<PortfolioLoan> & Pick<PortfolioLoan, 'loanId'>): PortfolioLoan => ({
  productCode: 'MODAL',
  productName: 'Pinjaman Modal',
  sector: 'trade',
  commodity: null,
  region: '53',
  outstandingPrincipal: '1000000.00',
  grade: 'lancar',
  daysPastDue: 0,
  allowanceRequired: '5000.00',
  ...over,
});

/** Five loans, 20,000,000 in all, as the e2e suite seeds them. */
const loans: PortfolioLoan[] = [
  loan({ loanId: 'a', outstandingPrincipal: '6000000.00', allowanceRequired: '30000.00' }),
  loan({
    loanId: 'b',
    sector: 'agriculture',
    commodity: 'chili',
    outstandingPrincipal: '5500000.00',
    daysPastDue: 64,
    allowanceRequired: '27500.00',
  }),
  loan({
    loanId: 'c',
    region: '73',
    outstandingPrincipal: '1500000.00',
    daysPastDue: 5,
    allowanceRequired: '7500.00',
  }),
  loan({
    loanId: 'd',
    productCode: 'TANI',
    productName: 'Pinjaman Tani',
    sector: 'fisheries',
    commodity: 'salt',
    region: '73',
    outstandingPrincipal: '4000000.00',
    grade: 'kurang-lancar',
    daysPastDue: 95,
    allowanceRequired: '400000.00',
  }),
  loan({
    loanId: 'e',
    productCode: 'TANI',
    productName: 'Pinjaman Tani',
    sector: 'agriculture',
    commodity: 'coconut',
    region: null,
    outstandingPrincipal: '3000000.00',
    grade: 'diragukan',
    allowanceRequired: '1500000.00',
  }),
];

const report = portfolioReport({
  cooperative: { code: 'KSP-X', name: 'KSP X' },
  asOf: '2027-03-25' as BusinessDate,
  currency: 'IDR',
  gradedThrough: '2027-03-25' as BusinessDate,
  loans,
  allowances: [
    { productCode: 'MODAL', accountCode: '1-17-MODAL', required: '65000.00', booked: '65000.00' },
    { productCode: 'TANI', accountCode: '1-17-TANI', required: '1900000.00', booked: '1500000.00' },
  ],
  names: { region: (code) => ({ '53': 'Nusa Tenggara Timur' })[code] ?? code },
});

describe('portfolio report arithmetic', () => {
  it('groups by each dimension with shares of the whole, grades from best to worst', () => {
    expect(report.total).toEqual({ loans: 5, outstandingPrincipal: '20000000.00' });
    expect(report.by.product).toEqual([
      {
        key: 'MODAL',
        label: 'Pinjaman Modal',
        loans: 3,
        outstandingPrincipal: '13000000.00',
        share: '0.650000',
        nonPerforming: '0.00',
        allowanceRequired: '65000.00',
      },
      {
        key: 'TANI',
        label: 'Pinjaman Tani',
        loans: 2,
        outstandingPrincipal: '7000000.00',
        share: '0.350000',
        nonPerforming: '7000000.00',
        allowanceRequired: '1900000.00',
      },
    ]);
    expect(report.by.grade.map((g) => [g.key, g.loans, g.outstandingPrincipal])).toEqual([
      ['lancar', 3, '13000000.00'],
      ['kurang-lancar', 1, '4000000.00'],
      ['diragukan', 1, '3000000.00'],
    ]);
    expect(report.by.sector.map((g) => [g.key, g.outstandingPrincipal, g.share])).toEqual([
      ['agriculture', '8500000.00', '0.425000'],
      ['fisheries', '4000000.00', '0.200000'],
      ['trade', '7500000.00', '0.375000'],
    ]);
    expect(report.by.commodity.map((g) => [g.key, g.label, g.outstandingPrincipal])).toEqual([
      ['chili', 'chili', '5500000.00'],
      ['coconut', 'coconut', '3000000.00'],
      ['salt', 'salt', '4000000.00'],
      [null, 'none', '7500000.00'],
    ]);
    expect(report.by.region.map((g) => [g.key, g.label, g.outstandingPrincipal])).toEqual([
      ['53', 'Nusa Tenggara Timur', '11500000.00'],
      ['73', '73', '5500000.00'],
      [null, 'none', '3000000.00'],
    ]);
  });

  it('counts PAR by days past due strictly above 1, 30 and 90', () => {
    expect(report.portfolioAtRisk).toEqual([
      { days: 1, loans: 3, outstandingPrincipal: '11000000.00', ratio: '0.550000' },
      { days: 30, loans: 2, outstandingPrincipal: '9500000.00', ratio: '0.475000' },
      { days: 90, loans: 1, outstandingPrincipal: '4000000.00', ratio: '0.200000' },
    ]);
    const edge = portfolioReport({
      cooperative: { code: 'K', name: 'K' },
      asOf: '2027-01-01' as BusinessDate,
      currency: 'IDR',
      gradedThrough: null,
      loans: [loan({ loanId: 'x', daysPastDue: 1 }), loan({ loanId: 'y', daysPastDue: 30 })],
      allowances: [],
      names: { region: (c) => c },
    });
    expect(edge.portfolioAtRisk.map((p) => p.loans)).toEqual([1, 0, 0]);
  });

  it('reports the NPL ratio with the health band of DOMAIN.md, each band holding its upper bound', () => {
    expect(report.nonPerforming).toEqual({
      loans: 2,
      outstandingPrincipal: '7000000.00',
      ratio: '0.350000',
      band: 'unhealthy',
      bandLabel: 'tidak sehat',
    });
    const band = (bad: string) => nplBand(idr(bad), idr('100')).band;
    expect(band('0')).toBe('healthy');
    expect(band('5')).toBe('healthy');
    expect(band('5.01')).toBe('fairly-healthy');
    expect(band('10')).toBe('fairly-healthy');
    expect(band('10.01')).toBe('less-healthy');
    expect(band('15')).toBe('less-healthy');
    expect(band('15.01')).toBe('unhealthy');
    // Exact, not rounded: 50,000.01 over 1,000,000 is above 5% though it shows as 0.050000.
    expect(nplBand(idr('50000.01'), idr('1000000')).band).toBe('fairly-healthy');
    expect(nplBand(idr('0'), idr('0')).band).toBe('healthy');
  });

  it('sets the allowance booked against the allowance required, per product and in total', () => {
    expect(report.provisions).toEqual({
      required: '1965000.00',
      booked: '1565000.00',
      shortfall: '400000.00',
      coverage: '0.796438',
      products: [
        {
          productCode: 'MODAL',
          accountCode: '1-17-MODAL',
          required: '65000.00',
          booked: '65000.00',
          shortfall: '0.00',
          coverage: '1.000000',
        },
        {
          productCode: 'TANI',
          accountCode: '1-17-TANI',
          required: '1900000.00',
          booked: '1500000.00',
          shortfall: '400000.00',
          coverage: '0.789474',
        },
      ],
    });
    expect(adequacy(idr('0'), idr('10'))).toEqual({
      required: '0.00',
      booked: '10.00',
      shortfall: '-10.00',
      coverage: null,
    });
  });

  it('rounds ratios half-up to six places and reads zero over an empty portfolio', () => {
    expect(ratio(idr('1'), idr('3'))).toBe('0.333333');
    expect(ratio(idr('2'), idr('3'))).toBe('0.666667');
    expect(ratio(idr('0'), idr('0'))).toBe('0.000000');
  });

  it('writes one RFC 4180 table with inert labels', () => {
    const odd = portfolioReport({
      cooperative: { code: 'K', name: 'K' },
      asOf: '2027-03-25' as BusinessDate,
      currency: 'IDR',
      gradedThrough: null,
      loans: [loan({ loanId: 'x', productName: '=HYPERLINK("x"), "quoted"' })],
      allowances: [],
      names: { region: (c) => c },
    });
    const lines = portfolioReportCsv(odd).split('\r\n');
    expect(lines[0]).toBe(
      'as_of,currency,section,key,label,loans,outstanding_principal,ratio,non_performing,allowance_required,allowance_booked,band',
    );
    expect(lines[1]).toBe('2027-03-25,IDR,total,,portfolio,1,1000000.00,,0.00,0.00,0.00,');
    expect(lines[2]).toBe(
      `2027-03-25,IDR,product,MODAL,"'=HYPERLINK(""x""), ""quoted""",1,1000000.00,1.000000,0.00,5000.00,,`,
    );
    const csv = portfolioReportCsv(report).split('\r\n');
    expect(csv).toContain(
      '2027-03-25,IDR,par,30,more than 30 days past due,2,9500000.00,0.475000,,,,',
    );
    expect(csv).toContain(
      '2027-03-25,IDR,npl,kurang-lancar-or-worse,tidak sehat,2,7000000.00,0.350000,7000000.00,,,unhealthy',
    );
    expect(csv).toContain(
      '2027-03-25,IDR,provision,TANI,1-17-TANI,,,0.789474,,1900000.00,1500000.00,',
    );
    expect(csv).toContain('2027-03-25,IDR,provision,,total,,,0.796438,,1965000.00,1565000.00,');
    expect(csv[csv.length - 1]).toBe('');
  });
});
