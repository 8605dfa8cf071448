import { Money } from '@lumbung/core';
import {
  type LoanStatement,
  principalLedger,
  repaymentSection,
  scheduleSection,
} from './loan-statement';
import { loanStatementCsv } from './loan-statement-csv';
import { loanStatementPages } from './loan-statement-layout';
import { describePosting } from './loan-statement-language';

/** A loan restructured once on 5 February 2027, capitalising its unpaid interest. */
const statement = (lang: 'id' | 'en', restructured = true): LoanStatement => ({
  cooperative: { id: 'c', code: 'KSP-X', name: 'Koperasi X', timeZone: 'Asia/Makassar' },
  member: { id: 'm', memberNumber: '000001', fullName: 'Ana' },
  loan: {
    id: 'l',
    loanNumber: '00000001',
    productCode: 'MODAL',
    currency: 'IDR',
    principal: '9136451.61',
    rate: '0.008',
    ratePer: 'month',
    method: 'declining',
    instalments: 18,
    disbursedOn: '2026-11-20',
    status: 'active',
    closedOn: null,
  },
  period: { from: '2026-11-20', to: '2027-02-05' },
  lang,
  generatedAt: '2027-02-05T06:05:00.000Z',
  schedule: scheduleSection([], [], [], 'IDR', false),
  repayments: repaymentSection([], 'IDR'),
  principalLedger: principalLedger(Money.of('0', 'IDR'), [], (p) => p.description),
  restructurings: restructured
    ? [
        {
          date: '2027-02-05',
          fromVersion: 1,
          toVersion: 2,
          outstandingPrincipal: '8250000.00',
          unpaidInterest: '136451.61',
          capitalisedInterest: '136451.61',
          newPrincipal: '8386451.61',
          before: { method: 'flat', rate: '0.01', ratePer: 'month', instalments: 12 },
          after: { method: 'declining', rate: '0.008', ratePer: 'month', instalments: 18 },
          reason: '=Gagal panen, banjir',
        },
      ]
    : [],
});

describe('a restructured loan’s statement', () => {
  it('names each restructuring under the loan’s terms, in the statement’s language', () => {
    const [id] = loanStatementPages(statement('id'), 75);
    expect(id.map((row) => row.text)[6]).toBe(
      'Direstrukturisasi 05/02/2027: pokok baru Rp8.386.451,61 · Jasa 0,8% per bulan, menurun · 18 angsuran',
    );
    const [en] = loanStatementPages(statement('en'), 75);
    expect(en.map((row) => row.text)[6]).toMatch(/^Restructured on .*: new principal /);
    const [plain] = loanStatementPages(statement('en', false), 75);
    expect(plain.map((row) => row.text)[6]).toMatch(/^Period: /);
  });

  it('adds a third CSV table of restructurings only when there are any', () => {
    const tables = loanStatementCsv(statement('en')).split('\r\n\r\n');
    expect(tables).toHaveLength(3);
    expect(tables[2].split('\r\n')).toEqual([
      'Loan Number,Restructured On,Principal Outstanding,Interest Unpaid,Interest Capitalised,New Principal,Method Before,Rate Before,Instalments Before,Method After,Rate After,Instalments After,Reason',
      `00000001,2027-02-05,8250000.00,136451.61,136451.61,8386451.61,flat,0.01,12,declining,0.008,18,"'=Gagal panen, banjir"`,
      '',
    ]);
    expect(loanStatementCsv(statement('en', false)).split('\r\n\r\n')).toHaveLength(2);
  });

  it('describes the capitalisation on the principal account', () => {
    const posting = {
      version: '3',
      entryId: 'e',
      postingDate: '2027-02-05',
      valueDate: '2027-02-05',
      description: 'Restrukturisasi pinjaman 00000001',
      operation: 'restructuring' as const,
      receiptNumber: null,
      amount: '136451.61',
    };
    expect(describePosting(posting, 'en')).toBe('Interest capitalised at restructuring');
    expect(describePosting(posting, 'id')).toBe('Restrukturisasi pinjaman 00000001');
  });
});
