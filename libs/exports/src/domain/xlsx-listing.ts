import type { Listing } from '@lumbung/core';
import { columnName, stringCell, textRow } from './xlsx-cells';
import { maxSheetRows, type WorksheetParts } from './xlsx-ledger';

/** The last worksheet of a listing's workbook: what the listing is, as its facts say. */
export const listingAboutSheetName = 'About';

const rowsHandedOnTogether = 256;

/**
 * A listing as workbook rows: its worksheet (the listing's title) holds the header row, frozen,
 * and the rows; number columns are number cells holding the listing's decimal text (a spreadsheet
 * reads doubles: exact to 15 significant digits, the CSV stays exact beyond), text is an inline
 * string exactly as given (a cell's text is never a formula, so no apostrophe). A listing longer
 * than a worksheet goes on in `<title> 2`, `<title> 3`, each with the header again. A last
 * worksheet, `About`, holds the facts. Yields after each batch of rows handed to `parts`, so the
 * caller can compress them before the next.
 */
export function* listingWorksheets(
  listing: Listing,
  parts: WorksheetParts,
  rowsPerSheet = maxSheetRows,
): Generator<void> {
  if (rowsPerSheet < 2) throw new Error(`xlsx: ${rowsPerSheet} rows a sheet`);
  const header = listing.columns.map((column) => column.name);
  const letters = listing.columns.map((_, i) => columnName(i));
  const numeric = listing.columns.map((column) => column.kind === 'number');
  let sheets = 0;
  let r = rowsPerSheet;
  let xml = '';
  let held = 0;
  for (const row of listing.rows) {
    if (r === rowsPerSheet) {
      if (xml !== '') parts.rows(xml);
      xml = '';
      sheets++;
      parts.sheet(sheets === 1 ? listing.title : `${listing.title} ${sheets}`);
      parts.rows(textRow(1, header, true));
      r = 1;
    }
    r++;
    xml += `<row r="${r}">`;
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      if (value === '') continue;
      xml += numeric[i]
        ? `<c r="${letters[i]}${r}"><v>${value}</v></c>`
        : stringCell(`${letters[i]}${r}`, value);
    }
    xml += '</row>';
    if (++held === rowsHandedOnTogether) {
      parts.rows(xml);
      xml = '';
      held = 0;
      yield;
    }
  }
  if (sheets === 0) {
    parts.sheet(listing.title);
    parts.rows(textRow(1, header, true));
  }
  if (xml !== '') parts.rows(xml);
  parts.sheet(listingAboutSheetName);
  parts.rows(listing.facts.map((fact, i) => textRow(i + 1, fact, i === 0)).join(''));
}
