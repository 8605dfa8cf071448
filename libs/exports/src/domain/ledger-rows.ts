import { debitCredit, sideOf } from './export-amounts';
import type { BalanceLine, ExportPosting } from './export-records';
import { openingDescription } from './ledger-formatter';

/**
 * The general ledger as rows of named columns: one row per balance brought forward
 * (`record=opening`) and per posting (`record=posting`). The CSV and the XLSX write these rows
 * and nothing else, so they hold the same ones; each only encodes them (CSV quoting and inert
 * free text, XLSX cells).
 */
export const ledgerColumns = [
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

export type LedgerColumn = (typeof ledgerColumns)[number];

/** Columns people write (names, descriptions, dimensions): anything may be in them. */
export const freeTextColumns: ReadonlySet<LedgerColumn> = new Set([
  'account_code',
  'account_name',
  'program',
  'sector',
  'commodity',
  'region',
  'description',
  'memo',
  'source_id',
  'voucher_series',
]);

/** Columns that are numbers: amounts (plain decimals, never rounded), the FX rate, the line. */
export const numberColumns: ReadonlySet<LedgerColumn> = new Set([
  'line_no',
  'debit',
  'credit',
  'functional_debit',
  'functional_credit',
  'fx_rate',
]);

/** A balance brought forward (value date the day before `from`, no entry). Absent values ''. */
export function openingRow(
  line: BalanceLine,
  functionalCurrency: string,
  openingDate: string,
): string[] {
  const currency = line.account.currency;
  const amount = debitCredit(line.amount, currency);
  const functional = debitCredit(line.functionalAmount, functionalCurrency, sideOf(line.amount));
  // prettier-ignore
  return [
    'opening', '', '', '', '', '', '', openingDate, '',
    line.account.code, line.account.name, line.account.class,
    amount.debit, amount.credit, currency,
    functional.debit, functional.credit, functionalCurrency,
    '', '', '', '', '', '', '', openingDescription, '', '', '', '', '', '',
  ];
}

/** A posting with its entry's columns and its place in the chain (empty while unsealed). */
export function postingRow(posting: ExportPosting, functionalCurrency: string): string[] {
  const entry = posting.entry;
  const seal = entry.seal;
  const currency = posting.account.currency;
  const amount = debitCredit(posting.amount, currency);
  const functional = debitCredit(
    posting.functionalAmount,
    functionalCurrency,
    sideOf(posting.amount),
  );
  // prettier-ignore
  return [
    'posting', entry.id, seal?.entrySequence ?? '', seal?.entryHash ?? '', seal?.block ?? '',
    seal?.blockHash ?? '', entry.postingDate, entry.valueDate, String(posting.lineNo),
    posting.account.code, posting.account.name, posting.account.class,
    amount.debit, amount.credit, currency,
    functional.debit, functional.credit, functionalCurrency,
    posting.fxRate ?? '', posting.counterpartyClass ?? '', posting.agreementId ?? '',
    posting.program ?? '', posting.sector ?? '', posting.commodity ?? '', posting.region ?? '',
    entry.description, posting.memo ?? '', entry.sourceType, entry.sourceId ?? '',
    entry.voucherSeries ?? '', entry.voucherNumber ?? '', entry.reversesEntryId ?? '',
  ];
}
