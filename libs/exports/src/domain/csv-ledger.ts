import { csvRecords, inertText } from '@lumbung/core';
import { debitCredit, sideOf } from './export-amounts';
import type { BalanceLine, ExportEntry, ExportHeader, ExportPosting } from './export-records';
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

  blockRuns(): string {
    return '';
  }

  accounts(): string {
    return '';
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

  entries(entries: readonly ExportEntry[]): string {
    const rows: CsvRow[] = [];
    for (const entry of entries) {
      for (const posting of entry.postings) rows.push(this.postingRow(entry, posting));
    }
    return this.records(rows);
  }

  closing(): string {
    return '';
  }

  end(): string {
    return '';
  }

  private records(rows: readonly CsvRow[]): string {
    return csvRecords(rows.map((row) => csvLedgerColumns.map((column) => row[column])));
  }

  private postingRow(entry: ExportEntry, posting: ExportPosting): CsvRow {
    const currency = posting.account.currency;
    return {
      record: 'posting',
      entry_id: entry.id,
      entry_sequence: entry.seal?.entrySequence ?? '',
      entry_hash: entry.seal?.entryHash ?? '',
      block: entry.seal?.block ?? '',
      block_hash: entry.seal?.blockHash ?? '',
      posting_date: entry.postingDate,
      value_date: entry.valueDate,
      line_no: String(posting.lineNo),
      account_code: text(posting.account.code),
      account_name: text(posting.account.name),
      account_class: posting.account.class,
      ...debitCredit(posting.amount, currency),
      currency,
      ...this.functional(posting.functionalAmount, sideOf(posting.amount)),
      functional_currency: this.functionalCurrency,
      fx_rate: posting.fxRate ?? '',
      counterparty_class: posting.counterpartyClass ?? '',
      agreement_id: posting.agreementId ?? '',
      program: text(posting.program),
      sector: text(posting.sector),
      commodity: text(posting.commodity),
      region: text(posting.region),
      description: text(entry.description),
      memo: text(posting.memo),
      source_type: entry.sourceType,
      source_id: text(entry.sourceId),
      voucher_series: text(entry.voucherSeries),
      voucher_number: entry.voucherNumber ?? '',
      reverses_entry_id: entry.reversesEntryId ?? '',
    };
  }

  private functional(value: string, side: 'debit' | 'credit') {
    const { debit, credit } = debitCredit(value, this.functionalCurrency, side);
    return { functional_debit: debit, functional_credit: credit };
  }

  private empty(): CsvRow {
    return Object.fromEntries(csvLedgerColumns.map((c) => [c, ''])) as CsvRow;
  }
}
