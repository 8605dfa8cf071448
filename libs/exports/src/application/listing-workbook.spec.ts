import type { Listing } from '@lumbung/core';
import ExcelJS from 'exceljs';
import type { WorksheetParts } from '../domain/xlsx-ledger';
import { listingWorksheets } from '../domain/xlsx-listing';
import { listingWorkbook } from './listing-workbook';

/** A row's cell values from column A, as a spreadsheet shows them (null for an empty cell). */
function values(sheet: ExcelJS.Worksheet, r: number, columns = 3): unknown[] {
  return Array.from({ length: columns }, (_, i) => sheet.getCell(r, i + 1).value);
}

async function read(file: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as never);
  return book;
}

const listing = (rows: string[][]): Listing => ({
  title: 'Member savings',
  facts: [
    ['listing', 'member savings by product'],
    ['cooperative', 'KSP-X'],
  ],
  columns: [
    { name: 'member_name', kind: 'text' },
    { name: 'balance', kind: 'number' },
    { name: 'accrued_interest', kind: 'number' },
  ],
  rows,
});

describe('listing workbook', () => {
  it('holds the header, the rows (numbers as numbers, text exactly) and an About sheet', async () => {
    const book = await read(
      await listingWorkbook(
        listing([
          ['=SUM(A1) & <b>', '1250000.50', ''],
          ['Ana', '-3.10', '0.45'],
        ]),
      ),
    );
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Member savings', 'About']);
    const sheet = book.worksheets[0];
    expect(values(sheet, 1)).toEqual(['member_name', 'balance', 'accrued_interest']);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(values(sheet, 2)).toEqual(['=SUM(A1) & <b>', 1250000.5, null]);
    expect(values(sheet, 3)).toEqual(['Ana', -3.1, 0.45]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(values(book.worksheets[1], 2, 2)).toEqual(['cooperative', 'KSP-X']);
  });

  it('writes the header alone when nothing is listed', async () => {
    const book = await read(await listingWorkbook(listing([])));
    expect(book.worksheets[0].rowCount).toBe(1);
    expect(book.worksheets[0].getCell('C1').value).toBe('accrued_interest');
  });

  it('goes on in a numbered worksheet, header again, once one is full', () => {
    const sheets: { name: string; rows: string }[] = [];
    const parts: WorksheetParts = {
      sheet: (name) => sheets.push({ name, rows: '' }),
      rows: (xml) => {
        sheets[sheets.length - 1].rows += xml;
      },
    };
    const rows = Array.from({ length: 5 }, (_, i) => [`m${i}`, `${i}.00`, '']);
    for (const batch of listingWorksheets(listing(rows), parts, 3)) expect(batch).toBeUndefined();
    expect(sheets.map((sheet) => sheet.name)).toEqual([
      'Member savings',
      'Member savings 2',
      'Member savings 3',
      'About',
    ]);
    const rowNumbers = sheets.map((sheet) => [...sheet.rows.matchAll(/<row r="(\d+)">/g)].length);
    expect(rowNumbers).toEqual([3, 3, 2, 2]);
    for (const sheet of sheets.slice(0, 3)) expect(sheet.rows).toContain('>member_name<');
  });
});
