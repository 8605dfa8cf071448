import { type MemberStatement, type StatementLine } from './statement';
import { fitColumn, statementPages, statementRowWidth } from './statement-layout';

const line = (n: number): StatementLine => ({
  lineNumber: n,
  entryId: `e${n}`,
  date: '2026-11-20',
  valueDate: '2026-11-20',
  description: `Setoran tunai ${n}`,
  operation: 'deposit',
  receiptNumber: String(n),
  debit: '0.00',
  credit: '1000.00',
  balance: `${n}000.00`,
});

const statement = (lines: number): MemberStatement => ({
  cooperative: { id: 'c', code: 'KSP-X', name: 'Koperasi X', timeZone: 'Asia/Makassar' },
  member: { id: 'm', memberNumber: '000001', fullName: 'Ana' },
  period: { from: '2026-11-01', to: '2026-11-30' },
  lang: 'id',
  generatedAt: '2026-11-20T06:05:00.000Z',
  accounts: [
    {
      accountId: 'a',
      accountNumber: '00000002',
      kind: 'sukarela',
      productCode: 'SUKARELA',
      currency: 'IDR',
      openingBalance: '0.00',
      totalDebit: '0.00',
      totalCredit: `${lines}000.00`,
      closingBalance: `${lines}000.00`,
      lines: Array.from({ length: lines }, (_, i) => line(i + 1)),
    },
  ],
});

describe('statement pages', () => {
  it('fits text to columns by characters, cutting long text with an ellipsis', () => {
    expect(fitColumn('abc', { width: 5, align: 'left' })).toBe('abc  ');
    expect(fitColumn('abc', { width: 5, align: 'right' })).toBe('  abc');
    expect(fitColumn('abcdefgh', { width: 5, align: 'left' })).toBe('abcd…');
    expect(fitColumn('1.234.567,00', { width: 5, align: 'right' }, false)).toBe('1.234.567,00');
  });

  it('starts with the header block, in the cooperative’s time', () => {
    const [first] = statementPages(statement(2), 60);
    expect(first.slice(0, 5).map((row) => row.text)).toEqual([
      'LAPORAN SIMPANAN ANGGOTA',
      'Koperasi: Koperasi X (KSP-X)',
      'Anggota: 000001 Ana',
      'Periode: 01/11/2026 s.d. 30/11/2026',
      'Dicetak: 2026-11-20 14:05 (Asia/Makassar)',
    ]);
    expect(first.every((row) => [...row.text].length <= statementRowWidth)).toBe(true);
  });

  it('repeats the column header where an account continues on a new page', () => {
    const pages = statementPages(statement(100), 40);
    expect(pages.length).toBe(4);
    expect(pages.every((page) => page.length <= 40)).toBe(true);
    for (const page of pages.slice(1)) {
      expect(page[0].text).toContain('Koperasi X (KSP-X) · 000001 Ana');
      expect(page[1].text).toContain('(lanjutan)');
      expect(page[2].text).toMatch(/^Tanggal\s+Tgl Valuta\s+Keterangan/);
    }
    const all = pages.flat().map((row) => row.text);
    expect(all.filter((text) => /Setoran tunai \d+/.test(text))).toHaveLength(100);
    expect(all.at(-1)).toMatch(/Saldo akhir\s+Rp100\.000,00$/);
  });
});
