import { csvField, inertText } from '@lumbung/core';
import type { BalanceLine, ExportHeader, ExportPosting } from './export-records';
import type { LedgerFormatter } from './ledger-formatter';
import { freeTextColumns, ledgerColumns, openingRow, postingRow } from './ledger-rows';

/** The CSV columns, in order (the first record of the file). */
export const csvLedgerColumns = ledgerColumns;

/** Per column: free text, kept inert and quoted where needed. */
const freeText = ledgerColumns.map((column) => freeTextColumns.has(column));

/**
 * One record, CRLF-ended. Only free text can hold a comma, a quote or a line break: ids, dates,
 * amounts, codes the database constrains and hashes never do, so only it is looked at.
 */
function csvRecord(fields: readonly string[]): string {
  let record = '';
  for (let i = 0; i < fields.length; i++) {
    const value = fields[i];
    if (i > 0) record += ',';
    record += freeText[i] && value !== '' ? csvField(inertText(value)) : value;
  }
  return `${record}\r\n`;
}

/**
 * RFC 4180 (CRLF, quoted where needed), the ledger's rows (ledger-rows.ts) one a record, under a
 * header record naming the columns: the balances brought forward first, then every posting. Each
 * posting names its entry's place in the chain (entry sequence and hash, block and block hash;
 * empty while unsealed): the CSV cannot hold comments, so the chain travels in columns. Free text
 * is kept inert for spreadsheets (a leading apostrophe before `=`, `+`, `-`, `@`); amounts are
 * plain decimals, debit and credit apart.
 */
export class CsvLedgerFormatter implements LedgerFormatter {
  private functionalCurrency = '';
  private openingDate = '';

  begin(header: ExportHeader): string {
    this.functionalCurrency = header.cooperative.functionalCurrency;
    this.openingDate = header.openingDate;
    return `${ledgerColumns.join(',')}\r\n`;
  }

  opening(lines: readonly BalanceLine[]): string {
    let text = '';
    for (const line of lines) {
      text += csvRecord(openingRow(line, this.functionalCurrency, this.openingDate));
    }
    return text;
  }

  postings(postings: readonly ExportPosting[]): string {
    let text = '';
    for (const posting of postings) text += csvRecord(postingRow(posting, this.functionalCurrency));
    return text;
  }

  end(): string {
    return '';
  }
}
