import { Decimal } from '@lumbung/core';
import { beancountString } from './beancount-journal';
import { csvLedgerColumns } from './csv-ledger';
import type {
  BalanceLine,
  ExportAccount,
  ExportEntry,
  ExportHeader,
  ExportPosting,
} from './export-records';

/** An entry with its postings, as the fixtures below are written. */
type Entry = ExportEntry & { readonly postings: readonly Omit<ExportPosting, 'entry'>[] };
import { ledgerFormatter, type TextLedgerFormat } from './formatters';

const account = (
  code: string,
  journalName: string,
  cls: ExportAccount['class'],
  currency = 'IDR',
  name = `Akun ${code}`,
): ExportAccount => ({ code, name, class: cls, currency, journalName });

const vault = account('1-1101', 'Assets:1:1-1:1-11:1-1101', 'asset', 'IDR', 'Kas Brankas');
const saver = account(
  '2-1-000001',
  'Liabilities:2:2-1:2-1-000001',
  'liability',
  'IDR',
  '=HYPERLINK("x")',
);
const usdBank = account('1-1202', 'Assets:1:1-12:1-1202', 'asset', 'USD', 'Bank USD');
const usdPosition = account('1-1901', 'Assets:1:1-19:1-1901', 'asset', 'USD', 'Posisi Valas');
const equity = account('3-3901', 'Equity:3:3-3901', 'equity', 'IDR', 'Ekuitas Saldo Awal');

const header: ExportHeader = {
  cooperative: { code: 'KSP-UJI', name: 'Koperasi "Uji"; Kupang', functionalCurrency: 'IDR' },
  from: '2026-11-01',
  to: '2026-11-30',
  openingDate: '2026-10-31',
  generatedAt: '2026-12-01T01:02:03.000004Z',
  chainHead: { sequence: '7', hash: 'a'.repeat(64) },
  entries: 2,
  postings: 4,
  unsealedEntries: 1,
  currencies: ['IDR', 'USD'],
};

const posting = (
  lineNo: number,
  acc: ExportAccount,
  amount: string,
  functionalAmount: string,
  extra: Partial<ExportPosting> = {},
): Omit<ExportPosting, 'entry'> => ({
  lineNo,
  account: acc,
  amount,
  functionalAmount,
  fxRate: null,
  counterpartyClass: null,
  agreementId: null,
  program: null,
  sector: null,
  commodity: null,
  region: null,
  memo: null,
  ...extra,
});

const deposit: Entry = {
  id: '0190a000-0000-7000-8000-000000000001',
  seal: { entrySequence: '41', entryHash: 'e'.repeat(64), block: '7', blockHash: 'b'.repeat(64) },
  postingDate: '2026-11-03',
  valueDate: '2026-11-02',
  description: '(koreksi) Setoran; "tunai"\nbaris dua, \\ miring',
  sourceType: 'savings.deposit',
  sourceId: 'abc',
  voucherSeries: 'receipt',
  voucherNumber: '12',
  reversesEntryId: null,
  postings: [
    posting(1, vault, '150000.00', '150000.00'),
    posting(2, saver, '-150000.00', '-150000.00', { memo: '-catatan, "a"', sector: 'fisheries' }),
  ],
};

const fx: Entry = {
  id: '0190a000-0000-7000-8000-000000000002',
  seal: null,
  postingDate: '2026-11-04',
  valueDate: '2026-11-04',
  description: '(USD masuk',
  sourceType: 'test',
  sourceId: null,
  voucherSeries: null,
  voucherNumber: null,
  reversesEntryId: '0190a000-0000-7000-8000-000000000001',
  postings: [
    posting(1, usdBank, '100', '1550000', {
      fxRate: '15500',
      counterpartyClass: 'partner_cooperative',
    }),
    posting(2, usdPosition, '-100.00', '-1550000.00', { fxRate: '15500' }),
  ],
};

const opening: BalanceLine[] = [
  { account: vault, amount: '1000000.00', functionalAmount: '1000000.00' },
  { account: equity, amount: '-1000000.00', functionalAmount: '-1000000.00' },
];

const closing: BalanceLine[] = [
  { account: vault, amount: '1150000.00', functionalAmount: '1150000.00' },
  { account: saver, amount: '-150000.00', functionalAmount: '-150000.00' },
  { account: usdBank, amount: '100.00', functionalAmount: '1550000.00' },
  { account: usdPosition, amount: '-100.00', functionalAmount: '-1550000.00' },
  { account: equity, amount: '-1000000.00', functionalAmount: '-1000000.00' },
];

/** The whole file, with the postings split over two batches mid-entry as the reader may. */
function render(format: TextLedgerFormat, entries = [deposit, fx]): string {
  const f = ledgerFormatter(format);
  const rows: ExportPosting[] = entries.flatMap(({ postings, ...entry }) =>
    postings.map((p) => ({ ...p, entry })),
  );
  let text = f.begin(header);
  text +=
    f.blockRuns?.([
      {
        first: '5',
        last: '7',
        previousHash: '0'.repeat(64),
        firstHash: 'c'.repeat(64),
        lastHash: 'b'.repeat(64),
      },
    ]) ?? '';
  text += f.accounts?.([vault, saver, usdBank, usdPosition]) ?? '';
  text += f.accounts?.([equity]) ?? '';
  text += f.opening(opening.slice(0, 1));
  text += f.opening(opening.slice(1));
  text += f.postings(rows.slice(0, 3));
  text += f.postings([]);
  text += f.postings(rows.slice(3));
  text += f.closing?.(closing) ?? '';
  text += f.end({ entries: entries.length, postings: rows.length });
  return text;
}

/** RFC 4180 parsing, enough for the spec: quoted fields with doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  expect(field).toBe('');
  return records;
}

describe('CSV ledger', () => {
  const records = parseCsv(render('csv'));
  const [columns, ...rows] = records;
  const byColumn = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));

  it('has the column header, opening rows, then one record per posting, every record complete', () => {
    expect(columns).toEqual([...csvLedgerColumns]);
    expect(rows.every((r) => r.length === columns.length)).toBe(true);
    expect(byColumn.map((r) => r.record)).toEqual([
      'opening',
      'opening',
      'posting',
      'posting',
      'posting',
      'posting',
    ]);
    expect(byColumn[0]).toMatchObject({
      value_date: '2026-10-31',
      account_code: '1-1101',
      debit: '1000000.00',
      credit: '',
      entry_id: '',
    });
  });

  it('keeps free text exact but inert, amounts as plain decimals, the chain in columns', () => {
    expect(byColumn[2]).toMatchObject({
      entry_id: deposit.id,
      entry_sequence: '41',
      entry_hash: 'e'.repeat(64),
      block: '7',
      block_hash: 'b'.repeat(64),
      posting_date: '2026-11-03',
      value_date: '2026-11-02',
      line_no: '1',
      debit: '150000.00',
      description: deposit.description,
      voucher_series: 'receipt',
      voucher_number: '12',
    });
    expect(byColumn[3]).toMatchObject({
      account_name: `'=HYPERLINK("x")`,
      credit: '150000.00',
      functional_credit: '150000.00',
      memo: `'-catatan, "a"`,
      sector: 'fisheries',
    });
    expect(byColumn[4]).toMatchObject({
      entry_sequence: '',
      block: '',
      currency: 'USD',
      debit: '100.00',
      functional_debit: '1550000.00',
      functional_currency: 'IDR',
      fx_rate: '15500',
      counterparty_class: 'partner_cooperative',
      reverses_entry_id: deposit.id,
    });
  });

  it('sums to zero per currency, debit against credit', () => {
    const sums = new Map<string, Decimal>();
    for (const row of byColumn) {
      const net = new Decimal(row.debit || '0').minus(row.credit || '0');
      sums.set(row.currency, (sums.get(row.currency) ?? new Decimal(0)).plus(net));
    }
    expect([...sums].map(([c, s]) => [c, s.toFixed(2)])).toEqual([
      ['IDR', '0.00'],
      ['USD', '0.00'],
    ]);
  });
});

describe('JSON Lines ledger', () => {
  const records = render('jsonl')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

  it('starts with the export record, ends with the end record, a record kind on every line', () => {
    expect(records.map((r) => r.record)).toEqual([
      'export',
      'blocks',
      ...Array(5).fill('account'),
      'opening',
      'opening',
      ...Array(4).fill('posting'),
      'end',
    ]);
    expect(records[0]).toMatchObject({
      cooperative: header.cooperative,
      from: '2026-11-01',
      to: '2026-11-30',
      basis: 'value-date',
      chainHead: { sequence: '7', hash: 'a'.repeat(64) },
      unsealedEntries: 1,
    });
    expect(records.at(-1)).toEqual({ record: 'end', entries: 2, postings: 4 });
  });

  it('writes amounts as strings and absent values as null', () => {
    const usd = records.filter((r) => r.record === 'posting')[2];
    expect(usd).toMatchObject({
      entryId: fx.id,
      entrySequence: null,
      blockHash: null,
      debit: '100.00',
      credit: null,
      functionalDebit: '1550000.00',
      functionalCredit: null,
      fxRate: '15500',
      dimensions: { agreementId: null, program: null, sector: null, commodity: null, region: null },
      source: { type: 'test', id: null },
      voucher: null,
      reversesEntryId: deposit.id,
    });
    const first = records.filter((r) => r.record === 'posting')[0];
    expect(first.description).toBe(deposit.description);
    expect(first.voucher).toEqual({ series: 'receipt', number: '12' });
  });
});

describe('hledger journal', () => {
  const text = render('hledger');

  it('opens with the comment header naming the chain head and the block runs', () => {
    expect(text).toContain(`; chain head when read: 7:${'a'.repeat(64)}\n`);
    expect(text).toContain(
      `;   blocks 5..7: previous hash ${'0'.repeat(64)}, first ${'c'.repeat(64)}, last ${'b'.repeat(64)}\n`,
    );
    expect(text).toContain('decimal-mark .\ncommodity 1000.00 IDR\ncommodity 1000.00 USD\n');
    expect(text).toContain(
      'account Assets:1:1-1:1-11:1-1101  ; code: 1-1101, class: asset, name: Kas Brankas\n',
    );
  });

  it('brings balances forward in one transaction the day before from', () => {
    expect(text).toContain(
      '\n2026-10-31 Saldo awal (balances brought forward)\n' +
        '    Assets:1:1-1:1-11:1-1101    1000000.00 IDR\n' +
        '    Equity:3:3-3901    -1000000.00 IDR\n',
    );
  });

  it('writes a transaction per entry: value date, voucher code, one-line description without ;', () => {
    expect(text).toContain(
      `\n2026-11-02 * (receipt 12) (koreksi) Setoran, "tunai" baris dua, \\ miring  ; entry: ${deposit.id}, sequence: 41, block: 7\n` +
        `    ; posting-date: 2026-11-03, source: savings.deposit, source-id: abc, entry-hash: ${'e'.repeat(64)}, block-hash: ${'b'.repeat(64)}\n` +
        '    Assets:1:1-1:1-11:1-1101    150000.00 IDR\n' +
        '    Liabilities:2:2-1:2-1-000001    -150000.00 IDR  ; sector: fisheries, memo: -catatan, "a"\n',
    );
    // No voucher, a description starting with "(": an empty code keeps it a description.
    expect(text).toContain(`\n2026-11-04 * () (USD masuk  ; entry: ${fx.id}, unsealed:\n`);
    expect(text).toContain(
      '    Assets:1:1-12:1-1202    100.00 USD  ; functional: 1550000.00 IDR, fx-rate: 15500, counterparty: partner_cooperative\n',
    );
  });

  it('asserts every closing balance on the last day and marks the end', () => {
    expect(text).toContain(
      '\n2026-11-30 Saldo akhir (closing balances, asserted)\n' +
        '    Assets:1:1-1:1-11:1-1101    0.00 IDR = 1150000.00 IDR\n',
    );
    expect(text).toContain('    Assets:1:1-19:1-1901    0.00 USD = -100.00 USD\n');
    expect(text.endsWith('\n; end of export: 2 entries, 4 postings\n')).toBe(true);
  });

  it('still declares the currencies when the ledger is empty', () => {
    const empty = ledgerFormatter('hledger');
    let out = empty.begin({ ...header, entries: 0, postings: 0 });
    out += empty.postings([]);
    out += empty.end({ entries: 0, postings: 0 });
    expect(out).toContain('decimal-mark .\ncommodity 1000.00 IDR\n');
  });
});

describe('Beancount file', () => {
  const text = render('beancount');

  it('escapes strings on one line', () => {
    expect(beancountString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c d"');
  });

  it('sets the title and operating currency once, before the first directive', () => {
    expect(text.match(/option "operating_currency" "IDR"/g)).toHaveLength(1);
    expect(text.indexOf('option "title"')).toBeLessThan(text.indexOf(' open '));
  });

  it('opens every leaf the day before from, constrained to its currency, named in metadata', () => {
    expect(text).toContain(
      '2026-10-31 open Liabilities:2:2-1:2-1-000001 IDR\n' +
        '  code: "2-1-000001"\n  class: "liability"\n  name: "=HYPERLINK(\\"x\\")"\n',
    );
    expect(text).toContain('2026-10-31 open Assets:1:1-12:1-1202 USD\n');
  });

  it('writes entries with their chain place as metadata', () => {
    expect(text).toContain(
      '\n2026-11-02 * "(koreksi) Setoran; \\"tunai\\" baris dua, \\\\ miring"\n' +
        `  entry-id: "${deposit.id}"\n  entry-sequence: "41"\n  entry-hash: "${'e'.repeat(64)}"\n` +
        `  block: "7"\n  block-hash: "${'b'.repeat(64)}"\n  posting-date: 2026-11-03\n` +
        '  source-type: "savings.deposit"\n  source-id: "abc"\n  voucher: "receipt 12"\n' +
        '  Assets:1:1-1:1-11:1-1101  150000.00 IDR\n' +
        '  Liabilities:2:2-1:2-1-000001  -150000.00 IDR\n' +
        '    sector: "fisheries"\n    memo: "-catatan, \\"a\\""\n',
    );
    expect(text).toContain('  sealed: FALSE\n');
    expect(text).toContain(
      '  Assets:1:1-12:1-1202  100.00 USD\n    functional-amount: "1550000.00 IDR"\n    fx-rate: "15500"\n',
    );
  });

  it('asserts closing balances at the start of the day after to', () => {
    expect(text).toContain('2026-12-01 balance Assets:1:1-1:1-11:1-1101  1150000.00 IDR\n');
    expect(text).toContain('2026-12-01 balance Equity:3:3-3901  -1000000.00 IDR\n');
  });
});
