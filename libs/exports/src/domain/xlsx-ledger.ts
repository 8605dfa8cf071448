import type {
  BalanceLine,
  BlockRun,
  ExportHeader,
  ExportPosting,
  ExportTotals,
} from './export-records';
import type { LedgerFormatter } from './ledger-formatter';
import {
  ledgerColumns,
  numberColumns,
  openingRow,
  postingRow,
  type LedgerColumn,
} from './ledger-rows';
import { columnName, stringCell, textRow } from './xlsx-cells';

/**
 * Where the workbook's worksheets go, as SpreadsheetML rows. Packaging them (the zip, the
 * workbook, its relationships and styles, each worksheet's opening and closing tags) is the
 * infrastructure's (xlsx-package.ts).
 */
export interface WorksheetParts {
  /** Starts a new worksheet named `name`; the rows after it go into it. */
  sheet(name: string): void;
  /** `<row>` elements of the current worksheet. */
  rows(xml: string): void;
}

/** A worksheet holds at most this many rows (Excel's limit); the ledger goes on in the next. */
export const maxSheetRows = 1_048_576;

const rowsHandedOnTogether = 32;

export const ledgerSheetName = 'Ledger';
export const exportSheetName = 'Export';

/**
 * The general ledger as an XLSX workbook, written as it streams (constant memory, no shared
 * strings): worksheet `Ledger` holds the CSV's rows (ledger-rows.ts) under the same header row,
 * frozen; a ledger longer than a worksheet goes on in `Ledger 2`, `Ledger 3`, each with the header
 * again. Amounts, the FX rate and the line number are number cells, holding the decimal text the
 * CSV holds (a spreadsheet reads them as doubles: exact to 15 significant digits; the CSV and the
 * journals stay exact beyond); everything else is an inline string, exactly as stored (no
 * apostrophe: a cell's text is never a formula here). A last worksheet, `Export`, names the
 * cooperative, the range, the snapshot, the chain head and the runs of blocks, as the journals'
 * header does. Writes through `parts`; every method returns ''.
 */
export class XlsxLedgerFormatter implements LedgerFormatter {
  private header!: ExportHeader;
  private runs: BlockRun[] = [];
  private sheets = 0;
  private row = 0;

  constructor(
    private readonly parts: WorksheetParts,
    private readonly rowsPerSheet = maxSheetRows,
  ) {
    if (rowsPerSheet < 2) throw new Error(`xlsx: ${rowsPerSheet} rows a sheet`);
  }

  begin(header: ExportHeader): string {
    this.header = header;
    this.ledgerSheet();
    return '';
  }

  blockRuns(runs: readonly BlockRun[]): string {
    // A few (one per gap between blocks): kept for the Export sheet at the end.
    this.runs.push(...runs);
    return '';
  }

  opening(lines: readonly BalanceLine[]): string {
    const { functionalCurrency } = this.header.cooperative;
    this.write(lines.map((line) => openingRow(line, functionalCurrency, this.header.openingDate)));
    return '';
  }

  postings(postings: readonly ExportPosting[]): string {
    const { functionalCurrency } = this.header.cooperative;
    this.write(postings.map((posting) => postingRow(posting, functionalCurrency)));
    return '';
  }

  end(totals: ExportTotals): string {
    const { header } = this;
    const head = header.chainHead
      ? `${header.chainHead.sequence}:${header.chainHead.hash}`
      : 'none (nothing sealed yet)';
    const facts: string[][] = [
      ['cooperative', header.cooperative.code],
      ['name', header.cooperative.name],
      ['functional currency', header.cooperative.functionalCurrency],
      ['value dates from', header.from],
      ['value dates to', header.to],
      ['balances brought forward dated', header.openingDate],
      ['read from one snapshot at', header.generatedAt],
      ['chain head when read', head],
      ['entries', String(totals.entries)],
      ['postings', String(totals.postings)],
      ['entries not sealed yet', String(header.unsealedEntries)],
      ['ledger sheets', String(this.sheets)],
    ];
    this.parts.sheet(exportSheetName);
    let xml = textRow(1, facts[0], true);
    for (let i = 1; i < facts.length; i++) xml += textRow(i + 1, facts[i]);
    let r = facts.length + 2;
    xml += textRow(r++, ['blocks', 'previous hash', 'first hash', 'last hash'], true);
    for (const run of this.runs) {
      const blocks = run.first === run.last ? run.first : `${run.first}..${run.last}`;
      xml += textRow(r++, [blocks, run.previousHash, run.firstHash, run.lastHash]);
    }
    this.parts.rows(xml);
    return '';
  }

  private ledgerSheet(): void {
    this.sheets++;
    this.parts.sheet(this.sheets === 1 ? ledgerSheetName : `${ledgerSheetName} ${this.sheets}`);
    this.parts.rows(textRow(1, ledgerColumns, true));
    this.row = 1;
  }

  /**
   * Rows into the current sheet, starting another when it is full. Handed on a few dozen at a
   * time: a row of XML is over a kilobyte, and short-lived text stays out of the old generation.
   */
  private write(rows: readonly string[][]): void {
    let xml = '';
    let held = 0;
    for (const fields of rows) {
      if (this.row === this.rowsPerSheet) {
        this.parts.rows(xml);
        xml = '';
        held = 0;
        this.ledgerSheet();
      }
      this.row++;
      xml += ledgerRow(this.row, fields);
      if (++held === rowsHandedOnTogether) {
        this.parts.rows(xml);
        xml = '';
        held = 0;
      }
    }
    if (xml !== '') this.parts.rows(xml);
  }
}

const letters = ledgerColumns.map((_, i) => columnName(i));
const numeric = ledgerColumns.map((column: LedgerColumn) => numberColumns.has(column));

function ledgerRow(r: number, fields: readonly string[]): string {
  let xml = `<row r="${r}">`;
  for (let i = 0; i < fields.length; i++) {
    const value = fields[i];
    if (value === '') continue;
    xml += numeric[i]
      ? `<c r="${letters[i]}${r}"><v>${value}</v></c>`
      : stringCell(`${letters[i]}${r}`, value);
  }
  return `${xml}</row>`;
}
