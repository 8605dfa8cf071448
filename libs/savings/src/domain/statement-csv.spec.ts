import { type MemberStatement } from './statement';
import { csvField, csvRecords, statementCsv } from './statement-csv';

const statement = (lang: 'id' | 'en'): MemberStatement => ({
  cooperative: { id: 'c', code: 'KSP-X', name: 'Koperasi X', timeZone: 'Asia/Makassar' },
  member: { id: 'm', memberNumber: '000001', fullName: 'Ana' },
  period: { from: '2026-11-01', to: '2026-11-30' },
  lang,
  generatedAt: '2026-11-20T06:00:00.000Z',
  accounts: [
    {
      accountId: 'a',
      accountNumber: '00000002',
      kind: 'sukarela',
      productCode: 'SUKARELA',
      currency: 'IDR',
      openingBalance: '0.00',
      totalDebit: '0.00',
      totalCredit: '1500.00',
      closingBalance: '1500.00',
      lines: [
        {
          lineNumber: 1,
          entryId: 'e',
          date: '2026-11-20',
          valueDate: '2026-11-20',
          description: '=HYPERLINK("x"), "quoted"',
          operation: null,
          receiptNumber: '7',
          debit: '0.00',
          credit: '1500.00',
          balance: '1500.00',
        },
      ],
    },
  ],
});

describe('RFC 4180 CSV', () => {
  it('quotes only fields holding a comma, a quote or a line break, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(
      csvRecords([
        ['a', 'b'],
        ['c', ''],
      ]),
    ).toBe('a,b\r\nc,\r\n');
  });

  it('heads the file in the chosen language, one row per line with its account', () => {
    const [header, row, end] = statementCsv(statement('id')).split('\r\n');
    expect(header).toBe(
      'Nomor Rekening,Produk,Mata Uang,Tanggal,Tgl Valuta,Keterangan,Kuitansi,Debit,Kredit,Saldo',
    );
    // Formula-looking text is kept inert for spreadsheets, then quoted for its comma and quotes.
    expect(row).toBe(
      `00000002,SUKARELA,IDR,2026-11-20,2026-11-20,"'=HYPERLINK(""x""), ""quoted""",7,0.00,1500.00,1500.00`,
    );
    expect(end).toBe('');
    expect(statementCsv(statement('en')).split('\r\n')[0]).toBe(
      'Account Number,Product,Currency,Date,Value Date,Description,Receipt,Debit,Credit,Balance',
    );
  });
});
