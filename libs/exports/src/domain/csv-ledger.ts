import { csvField, csvRecords, inertText } from '@lumbung/core';
import { debitCredit, sideOf } from './export-amounts';
import type { BalanceLine, ExportHeader, ExportPosting } from './export-records';
import { type LedgerFormatter, openingDescription } from './ledger-formatter';

/** The CSV columns, in order (the first record of the file). */
export const csvLedgerColumns = [
  'record',
  'entry_id',
  'entry_sequence',
  'entry_hash',
  'block',
  'block_hash',
  'posting_date',
  'value_date',
  'line_no',
  'account_code',
  'account_name',
  'account_class',
  'debit',
  'credit',
  'currency',
  'functional_debit',
  'functional_credit',
  'functional_currency',
  'fx_rate',
  'counterparty_class',
  'agreement_id',
  'program',
  'sector',
  'commodity',
  'region',
  'description',
  'memo',
  'source_type',
  'source_id',
  'voucher_series',
  'voucher_number',
  'reverses_entry_id',
] as const;

type CsvRow = Record<(typeof csvLedgerColumns)[number], string>;

const text = (value: string | null): string => (value === null ? '' : inertText(value));
/** Free text as a field: inert, then quoted where RFC 4180 needs it. */
const textField = (value: string | null): string =>
  value === null ? '' : csvField(inertText(value));

/**
 * RFC 4180 (CRLF, quoted where needed), one posting a record. The balances brought forward come
 * first as `record=opening` rows (value date the day before `from`, no entry), then every
 * posting (`record=posting`). Each posting row names its entry's place in the chain (entry
 * sequence and hash, block and block hash; empty while unsealed): the CSV cannot hold comments,
 * so the chain travels in columns. Free text is kept inert for spreadsheets (a leading
 * apostrophe before `=`, `+`, `-`, `@`); amounts are plain decimals, debit and credit apart.
 */
export class CsvLedgerFormatter implements LedgerFormatter {
  private functionalCurrency = '';
  private openingDate = '';

  begin(header: ExportHeader): string {
    this.functionalCurrency = header.cooperative.functionalCurrency;
    this.openingDate = header.openingDate;
    return csvRecords([[...csvLedgerColumns]]);
  }

  opening(lines: readonly BalanceLine[]): string {
    return this.records(
      lines.map((line) => ({
        ...this.empty(),
        record: 'opening',
        value_date: this.openingDate,
        account_code: text(line.account.code),
        account_name: text(line.account.name),
        account_class: line.account.class,
        ...debitCredit(line.amount, line.account.currency),
        currency: line.account.currency,
        ...this.functional(line.functionalAmount, sideOf(line.amount)),
        functional_currency: this.functionalCurrency,
        description: openingDescription,
      })),
    );
  }

  postings(postings: readonly ExportPosting[]): string {
    let text = '';
    for (const posting of postings) text += this.postingRecord(posting);
    return text;
  }

  end(): string {
    return '';
  }

  private records(rows: readonly CsvRow[]): string {
    return csvRecords(rows.map((row) => csvLedgerColumns.map((column) => row[column])));
  }

  /**
   * One posting's record, written field by field in csvLedgerColumns' order (a million postings
   * make an object per row and a join per record show). Only free text can hold a comma, a quote
   * or a line break: ids, dates, amounts, codes the database constrains and hashes never do.
   */
  private postingRecord(posting: ExportPosting): string {
    const entry = posting.entry;
    const currency = posting.account.currency;
    const seal = entry.seal;
    const amount = debitCredit(posting.amount, currency);
    const functional = debitCredit(
      posting.functionalAmount,
      this.functionalCurrency,
      sideOf(posting.amount),
    );
    return (
      `posting,${entry.id},${seal?.entrySequence ?? ''},${seal?.entryHash ?? ''},` +
      `${seal?.block ?? ''},${seal?.blockHash ?? ''},${entry.postingDate},${entry.valueDate},` +
      `${posting.lineNo},${textField(posting.account.code)},${textField(posting.account.name)},` +
      `${posting.account.class},${amount.debit},${amount.credit},${currency},` +
      `${functional.debit},${functional.credit},${this.functionalCurrency},` +
      `${posting.fxRate ?? ''},${posting.counterpartyClass ?? ''},${posting.agreementId ?? ''},` +
      `${textField(posting.program)},${textField(posting.sector)},` +
      `${textField(posting.commodity)},${textField(posting.region)},` +
      `${textField(entry.description)},${textField(posting.memo)},${entry.sourceType},` +
      `${textField(entry.sourceId)},${textField(entry.voucherSeries)},` +
      `${entry.voucherNumber ?? ''},${entry.reversesEntryId ?? ''}\r\n`
    );
  }

  private functional(value: string, side: 'debit' | 'credit') {
    const { debit, credit } = debitCredit(value, this.functionalCurrency, side);
    return { functional_debit: debit, functional_credit: credit };
  }

  private empty(): CsvRow {
    return Object.fromEntries(csvLedgerColumns.map((c) => [c, ''])) as CsvRow;
  }
}
