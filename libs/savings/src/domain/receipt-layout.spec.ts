import { type ReceiptView } from './receipt';
import {
  localDateTime,
  pairRow,
  receiptOperationName,
  receiptPages,
  receiptRows,
  receiptRowWidth,
} from './receipt-layout';

const receipt = (overrides: Partial<ReceiptView> = {}): ReceiptView => ({
  receiptNumber: '42',
  entryId: 'e',
  description: 'Setoran tunai 00000002',
  cooperative: { id: 'c', code: 'KSP-X', name: 'Koperasi X', timeZone: 'Asia/Makassar' },
  businessDate: '2026-11-20',
  recordedAt: '2026-11-20T06:05:00.000Z',
  teller: { id: 't', username: 'teller.ana' },
  approvalId: null,
  member: { id: 'm', memberNumber: '000007', fullName: 'Maria Goreti Bria' },
  currency: 'IDR',
  lines: [
    {
      operation: 'deposit',
      accountId: 'a',
      accountNumber: '00000002',
      kind: 'sukarela',
      direction: 'in',
      amount: '1234567.00',
      cash: true,
      balanceAfter: '1614567.00',
    },
  ],
  totalIn: '1234567.00',
  totalOut: '0.00',
  cash: { direction: 'in', amount: '1234567.00' },
  reversed: false,
  copy: true,
  printedAt: '2026-11-21T01:30:00.000Z',
  lang: 'id',
  ...overrides,
});

const texts = (view: ReceiptView) => receiptRows(view).map((row) => row.text);

describe('receipt layout', () => {
  it('keeps every row within the receipt width', () => {
    const long = receipt({
      cooperative: { ...receipt().cooperative, name: 'Koperasi '.repeat(10) },
      member: { id: 'm', memberNumber: '000007', fullName: 'Nama Sangat Panjang '.repeat(5) },
    });
    for (const text of texts(long)) {
      expect([...text].length).toBeLessThanOrEqual(receiptRowWidth);
    }
  });

  it('says it is a copy, with the number, member, teller, amounts and balance in Indonesian', () => {
    const rows = texts(receipt());
    expect(rows).toContainEqual(expect.stringMatching(/^ {14}\*\*\* SALINAN \*\*\*$/));
    expect(rows).toContainEqual(expect.stringMatching(/^No\. kuitansi +42$/));
    expect(rows).toContainEqual(expect.stringMatching(/^Tanggal buku +20\/11\/2026$/));
    // 06:05 UTC is 14:05 in Makassar (UTC+8).
    expect(rows).toContainEqual(expect.stringMatching(/^Dicatat +20\/11\/2026 14:05$/));
    expect(rows).toContainEqual(expect.stringMatching(/^Kasir +teller\.ana$/));
    expect(rows).toContainEqual(expect.stringMatching(/^Nama +Maria Goreti Bria$/));
    expect(rows).toContain('Setoran tunai');
    expect(rows).toContainEqual(expect.stringMatching(/^Rek\. 00000002 +Simpanan sukarela$/));
    expect(rows).toContainEqual(expect.stringMatching(/^Masuk +Rp1\.234\.567,00$/));
    expect(rows).toContainEqual(expect.stringMatching(/^Saldo +Rp1\.614\.567,00$/));
    expect(rows).toContainEqual(expect.stringMatching(/^Tunai diterima +Rp1\.234\.567,00$/));
    expect(rows).not.toContainEqual(expect.stringMatching(/^Jumlah keluar/));
    expect(rows.at(-1)).toMatch(/Salinan dicetak 21\/11\/2026 09:30$/);
  });

  it('shows both sides of a transfer, without cash, in English', () => {
    const rows = texts(
      receipt({
        lang: 'en',
        lines: [
          { ...receipt().lines[0], operation: 'transfer-out', direction: 'out', amount: '5000.00' },
          {
            ...receipt().lines[0],
            operation: 'transfer-in',
            accountNumber: '00000009',
            amount: '5000.00',
          },
        ],
        totalIn: '5000.00',
        totalOut: '5000.00',
        cash: { direction: 'none', amount: '0.00' },
      }),
    );
    expect(rows).toContainEqual(expect.stringMatching(/^ {16}\*\*\* COPY \*\*\*$/));
    expect(rows).toContain('Transfer out');
    expect(rows).toContain('Transfer in');
    expect(rows).toContainEqual(expect.stringMatching(/^Acct 00000002 +Voluntary savings$/));
    expect(rows).toContainEqual(expect.stringMatching(/^Acct 00000009 +Voluntary savings$/));
    expect(rows).toContainEqual(expect.stringMatching(/^Out +IDR 5,000\.00$/));
    expect(rows).toContainEqual(expect.stringMatching(/^Total in +IDR 5,000\.00$/));
    expect(rows).toContainEqual(expect.stringMatching(/^Total out +IDR 5,000\.00$/));
    expect(rows).toContainEqual(expect.stringMatching(/^Non-cash +-$/));
    expect(rows).toContainEqual(expect.stringMatching(/^Recorded +2026-11-20 14:05$/));
  });

  it('marks a reversed receipt', () => {
    expect(texts(receipt({ reversed: true }))).toContainEqual(expect.stringMatching(/DIBATALKAN/));
  });

  it('gives way on the label, never on the value', () => {
    expect(pairRow('Jumlah masuk', 'Rp1.234.567.890.123,00').text).toBe(
      `Jumlah masuk${' '.repeat(10)}Rp1.234.567.890.123,00`,
    );
    const tight = pairRow('A very long label that will not fit', 'Rp1.234.567.890.123,00').text;
    expect(tight).toMatch(/…  ?Rp1\.234\.567\.890\.123,00$/);
    expect([...tight].length).toBe(receiptRowWidth);
  });

  it('names every savings operation, and falls back to the slug', () => {
    expect(receiptOperationName('exit-payout', 'id')).toBe('Pengembalian simpanan');
    expect(receiptOperationName('maturity-payout', 'en')).toBe('Time deposit payout');
    expect(receiptOperationName('something-new', 'en')).toBe('something-new');
    expect(localDateTime('2026-12-31T16:30:00.000Z', 'Asia/Jakarta', 'en')).toBe(
      '2026-12-31 23:30',
    );
  });

  it('runs a long receipt on to further pages that repeat the receipt number', () => {
    const many = receipt({
      lines: Array.from({ length: 6 }, (_, i) => ({
        ...receipt().lines[0],
        operation: 'exit-payout',
        direction: 'out' as const,
        accountNumber: String(i + 1).padStart(8, '0'),
      })),
    });
    const all = receiptRows(many);
    const pages = receiptPages(many, 31);
    expect(pages.length).toBe(2);
    expect(pages[0]).toEqual(all.slice(0, 31));
    expect(pages[1][0].text).toMatch(/^No\. kuitansi +42$/);
    expect(pages[1].length).toBeLessThanOrEqual(31);
    expect(pages.flatMap((page, i) => (i === 0 ? page : page.slice(2)))).toEqual(all);
    expect(receiptPages(receipt(), 31)).toEqual([receiptRows(receipt())]);
  });
});
