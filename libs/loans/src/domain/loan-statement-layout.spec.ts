import { Money } from '@lumbung/core';
import {
  type LoanStatement,
  principalLedger,
  repaymentSection,
  scheduleSection,
} from './loan-statement';
import { loanStatementPages, loanStatementRowWidth } from './loan-statement-layout';
import { formatPercent } from './statement-text';

const statement = (lang: 'id' | 'en', instalments = 3, status = 'active'): LoanStatement => ({
  cooperative: { id: 'c', code: 'KSP-X', name: 'Koperasi X', timeZone: 'Asia/Makassar' },
  member: { id: 'm', memberNumber: '000001', fullName: 'Ana' },
  loan: {
    id: 'l',
    loanNumber: '00000001',
    productCode: 'MODAL-USAHA',
    currency: 'IDR',
    principal: '9000000.00',
    rate: '0.015',
    ratePer: 'month',
    method: 'flat',
    instalments,
    disbursedOn: '2026-11-20',
    status,
    closedOn: status === 'closed' ? '2027-04-10' : null,
  },
  period: { from: '2026-11-01', to: '2027-04-30' },
  lang,
  generatedAt: '2026-12-20T06:05:00.000Z',
  schedule: scheduleSection(
    Array.from({ length: instalments }, (_, i) => ({
      no: i + 1,
      dueDate: '2026-12-20',
      principal: '750000.00',
      interest: '90000.00',
      balanceAfter: '8250000.00',
    })),
    [],
    [{ no: 1, bucket: 'principal', amount: '750000.00' }],
    'IDR',
    false,
  ),
  repayments: repaymentSection(
    [
      {
        id: 'r1',
        receivedOn: '2026-12-20',
        amount: '840000.00',
        channel: 'cash',
        receiptNumber: '12',
        penalty: '0.00',
        fees: '0.00',
        interest: '90000.00',
        principal: '750000.00',
        allocation: { prepaid: '0.00' },
        replacesRepaymentId: null,
        reversedOn: '2026-12-21',
      },
    ],
    'IDR',
  ),
  principalLedger: principalLedger(
    Money.of('0', 'IDR'),
    [
      {
        version: '1',
        entryId: 'e1',
        postingDate: '2026-11-20',
        valueDate: '2026-11-20',
        description: 'Pencairan pinjaman 00000001',
        operation: 'disbursement',
        receiptNumber: '3',
        amount: '9000000.00',
      },
    ],
    (p) => p.description,
  ),
  restructurings: [],
});

const texts = (pages: { text: string }[][]) => pages.flat().map((row) => row.text);

describe('loan statement pages', () => {
  it('starts with the loan’s terms, in the cooperative’s time', () => {
    const [first] = loanStatementPages(statement('id'), 75);
    expect(texts([first]).slice(0, 8)).toEqual([
      'LAPORAN PINJAMAN ANGGOTA',
      'Koperasi: Koperasi X (KSP-X)',
      'Anggota: 000001 Ana',
      'Pinjaman: 00000001 · MODAL-USAHA · IDR · Status: Berjalan',
      'Pokok pinjaman: Rp9.000.000,00 · Jasa 1,5% per bulan, flat · 3 angsuran',
      'Dicairkan: 20/11/2026',
      'Periode: 01/11/2026 s.d. 30/04/2027',
      'Dicetak: 2026-12-20 14:05 (Asia/Makassar)',
    ]);
  });

  it('speaks English, with the payoff date of a closed loan', () => {
    const [first] = loanStatementPages(statement('en', 3, 'closed'), 75);
    expect(texts([first]).slice(3, 6)).toEqual([
      'Loan: 00000001 · MODAL-USAHA · IDR · Status: Paid off',
      'Principal: IDR 9,000,000.00 · Interest 1.5% a month, flat · 3 instalments',
      'Disbursed: 2026-11-20 · Paid off: 2027-04-10',
    ]);
  });

  it('prints the schedule, the repayments with reversals marked, and the principal account', () => {
    const rows = texts(loanStatementPages(statement('id'), 75));
    expect(rows).toContain('Jadwal angsuran');
    expect(rows.find((r) => r.trimStart().startsWith('1 20/12/2026'))).toMatch(
      /750\.000,00\s+90\.000,00\s+840\.000,00\s+750\.000,00\s+0,00\s+8\.250\.000,00$/,
    );
    const reversed = rows.indexOf('Pembayaran angsuran') + 3;
    expect(rows[reversed]).toMatch(/^20\/12\/2026\s+12 Tunai\s+840\.000,00\s+90\.000,00/);
    expect(rows[reversed + 1].trim()).toBe('Dibatalkan 21/12/2026');
    // A reversed repayment counts in no total.
    expect(rows[reversed + 3]).toMatch(/^Jumlah\s+0,00/);
    expect(rows).toContain('Mutasi pokok pinjaman');
    expect(rows.some((r) => /Saldo akhir\s+Rp9\.000\.000,00$/.test(r))).toBe(true);
    expect(rows.every((r) => [...r].length <= loanStatementRowWidth)).toBe(true);
  });

  it('repeats a section’s column header where it continues on a new page', () => {
    const pages = loanStatementPages(statement('en', 100), 40);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.every((page) => page.length <= 40)).toBe(true);
    const second = texts([pages[1]]);
    expect(second[0]).toBe('Koperasi X (KSP-X) · 000001 Ana · Loan 00000001');
    expect(second[1]).toBe('Repayment schedule (continued)');
    expect(second[2]).toMatch(/^ {2}No Due Date\s+Principal/);
  });

  it('says rates as people do', () => {
    expect(formatPercent('0.01', 'id')).toBe('1%');
    expect(formatPercent('0.185', 'id')).toBe('18,5%');
    expect(formatPercent('0.00125', 'en')).toBe('0.125%');
  });
});
