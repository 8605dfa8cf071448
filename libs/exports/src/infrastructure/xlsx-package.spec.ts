import ExcelJS from 'exceljs';
import { xmlText } from '../domain/xlsx-cells';
import { type WorksheetParts, XlsxLedgerFormatter } from '../domain/xlsx-ledger';
import { XlsxPackage } from './xlsx-package';

/** An XLSX made by the package from worksheets written through its parts. */
async function xlsx(write: (parts: WorksheetParts) => void): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const pkg = new XlsxPackage(async (bytes) => {
    chunks.push(Buffer.from(bytes));
  });
  write(pkg);
  await pkg.finish();
  return Buffer.concat(chunks);
}

async function read(file: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as never);
  return book;
}

/**
 * ECMA-376's escapes for what XML cannot hold (`_xHHHH_`), as Excel reads them: exceljs hands
 * them over undecoded, so the spec decodes them as Excel would.
 */
function excelText(value: unknown): unknown {
  return typeof value === 'string'
    ? value.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : value;
}

describe('XLSX package', () => {
  it('writes a workbook another library opens, every worksheet in order', async () => {
    const file = await xlsx((parts) => {
      parts.sheet('Ledger');
      parts.rows(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1"><v>1.50</v></c></row>',
      );
      parts.sheet('Export & more');
      parts.rows('<row r="1"><c r="A1" t="inlineStr"><is><t>b</t></is></c></row>');
    });
    const book = await read(file);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Ledger', 'Export & more']);
    expect(book.worksheets[0].getCell('A1').value).toBe('a');
    expect(book.worksheets[0].getCell('B1').value).toBe(1.5);
    expect(book.worksheets[1].getCell('A1').value).toBe('b');
  });

  it('keeps text exact: markup, spaces, line breaks, carriage returns, control characters', async () => {
    const texts = [
      'a < b & c > d',
      '  leading and trailing  ',
      'line one\nline two\r\nthree\ttab',
      'bell \u0007 and unit separator \u001f',
      'literal _x0041_ stays',
      '=HYPERLINK("x")',
      'Koperasi Simpan Pinjam Kupang 中文 🙂',
    ];
    const file = await xlsx((parts) => {
      parts.sheet('Texts');
      texts.forEach((text, i) => {
        const space = /^\s|\s$|[\t\n]/.test(text) ? ' xml:space="preserve"' : '';
        parts.rows(
          `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c></row>`,
        );
      });
    });
    const sheet = (await read(file)).getWorksheet('Texts')!;
    expect(texts.map((_, i) => excelText(sheet.getCell(`A${i + 1}`).value))).toEqual(texts);
  });

  it('names the export in its last worksheet, the ledger going on past a full worksheet', async () => {
    const file = await xlsx((parts) => {
      const formatter = new XlsxLedgerFormatter(parts, 3);
      formatter.begin({
        cooperative: { code: 'KSP-UJI', name: 'Koperasi <Uji> & Co', functionalCurrency: 'IDR' },
        from: '2026-01-01',
        to: '2026-01-31',
        openingDate: '2025-12-31',
        generatedAt: '2026-02-01T00:00:00.000000Z',
        chainHead: { sequence: '7', hash: 'a'.repeat(64) },
        entries: 0,
        postings: 0,
        unsealedEntries: 0,
        currencies: ['IDR'],
      });
      const account = {
        code: '1-1101',
        name: 'Kas',
        class: 'asset' as const,
        currency: 'IDR',
        journalName: 'Assets:1-1101',
      };
      formatter.opening(
        ['1', '2', '3', '4', '5'].map((amount) => ({ account, amount, functionalAmount: amount })),
      );
      formatter.end({ entries: 0, postings: 0 });
    });
    const book = await read(file);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Ledger',
      'Ledger 2',
      'Ledger 3',
      'Export',
    ]);
    // Each ledger worksheet: the header row, then at most two rows.
    expect(book.worksheets.slice(0, 3).map((s) => s.getColumn(13).values.slice(1))).toEqual([
      ['debit', 1, 2],
      ['debit', 3, 4],
      ['debit', 5],
    ]);
    const facts = book.getWorksheet('Export')!;
    expect(facts.getCell('B2').value).toBe('Koperasi <Uji> & Co');
    expect(facts.getCell('B8').value).toBe(`7:${'a'.repeat(64)}`);
    expect(facts.getCell('B12').value).toBe('3');
  });
});
