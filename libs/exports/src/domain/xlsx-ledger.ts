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

/** A1-style column letters, 0 -> A, 26 -> AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.trunc((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
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

/** Style 1 is bold (the package's styles). */
function textRow(r: number, values: readonly string[], bold = false): string {
  let xml = `<row r="${r}">`;
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== '') xml += stringCell(`${columnName(i)}${r}`, values[i], bold);
  }
  return `${xml}</row>`;
}

function stringCell(ref: string, value: string, bold = false): string {
  const style = bold ? ' s="1"' : '';
  const space = /^\s|\s$|[\t\n]/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
}

// eslint-disable-next-line no-control-regex
const needsEscape = /[&<>\r_\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

/**
 * Cell text as SpreadsheetML holds it: `&`, `<`, `>` escaped, a carriage return as `&#13;` (an
 * XML reader would turn a raw one into a line feed), and what XML 1.0 cannot hold (control
 * characters, lone surrogates, U+FFFE, U+FFFF) as Excel's `_xHHHH_`, with a `_xHHHH_` already
 * in the text kept literal by escaping its underscore (`_x005F_`). Readers that follow the
 * standard give back the text exactly.
 */
export function xmlText(value: string): string {
  if (!needsEscape.test(value)) return value;
  return (
    value
      .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, hexEscape)
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, hexEscape)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\r/g, '&#13;')
  );
}

function hexEscape(char: string): string {
  return `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
}
