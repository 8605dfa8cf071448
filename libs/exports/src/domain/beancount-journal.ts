import { addDays, type BusinessDate } from '@lumbung/core';
import { exportAmount } from './export-amounts';
import type {
  BalanceLine,
  BlockRun,
  ExportAccount,
  ExportEntry,
  ExportHeader,
  ExportPosting,
  ExportTotals,
} from './export-records';
import { blockRunComment, headerComments } from './journal-header';
import { type LedgerFormatter, oneLine, openingDescription } from './ledger-formatter';

/** A Beancount string literal: backslash and double quote escaped, on one line. */
export function beancountString(text: string): string {
  return `"${oneLine(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * A Beancount 2 input file that `bean-check FILE` accepts as it is:
 * - the same comment header as the hledger journal,
 * - `option "title"` and `option "operating_currency"` (the functional currency),
 * - an `open` directive per leaf, dated the day before `from`, constrained to the leaf's one
 *   currency, with its code, class and name as metadata,
 * - the balances brought forward as one transaction on that date,
 * - each entry as a transaction dated by its value date, with entry id, chain sequence, entry
 *   hash, block and block hash, posting date, source, voucher and reversal as metadata, and each
 *   posting's functional equivalent (another currency), FX rate, counterparty class, dimensions
 *   and memo as posting metadata,
 * - the closing balances as `balance` assertions dated the day after `to` (Beancount checks a
 *   balance at the start of its day), so bean-check itself holds the file to Lumbung's trial
 *   balance, leaf by leaf.
 */
export class BeancountFormatter implements LedgerFormatter {
  private header!: ExportHeader;
  private openingStarted = false;
  private closingStarted = false;
  private optionsWritten = false;
  /** The entry whose postings are being written (a batch may end inside it). */
  private entryId: string | null = null;

  begin(header: ExportHeader): string {
    this.header = header;
    return headerComments(header, 'Beancount');
  }

  blockRuns(runs: readonly BlockRun[]): string {
    return runs.map(blockRunComment).join('');
  }

  accounts(accounts: readonly ExportAccount[]): string {
    let text = this.options();
    for (const account of accounts) {
      text +=
        `${this.header.openingDate} open ${account.journalName} ${account.currency}\n` +
        `  code: ${beancountString(account.code)}\n` +
        `  class: ${beancountString(account.class)}\n` +
        `  name: ${beancountString(account.name)}\n`;
    }
    return text;
  }

  opening(lines: readonly BalanceLine[]): string {
    if (lines.length === 0) return '';
    let text = this.options();
    if (!this.openingStarted) {
      this.openingStarted = true;
      text += `\n${this.header.openingDate} * ${beancountString(openingDescription)}\n`;
    }
    for (const line of lines) {
      text += `  ${line.account.journalName}  ${exportAmount(line.amount, line.account.currency)} ${line.account.currency}\n`;
      text += this.functionalMeta(line.account.currency, line.functionalAmount);
    }
    return text;
  }

  postings(postings: readonly ExportPosting[]): string {
    let text = this.options();
    for (const posting of postings) {
      if (posting.entry.id !== this.entryId) {
        this.entryId = posting.entry.id;
        text += this.entryHeader(posting.entry);
      }
      text += this.posting(posting);
    }
    return text;
  }

  closing(lines: readonly BalanceLine[]): string {
    if (lines.length === 0) return '';
    const date = addDays(this.header.to as BusinessDate, 1);
    let text = this.options();
    if (!this.closingStarted) {
      this.closingStarted = true;
      text += `\n; closing balances as of ${this.header.to}, asserted at the start of ${date}\n`;
    }
    for (const line of lines) {
      const currency = line.account.currency;
      text += `${date} balance ${line.account.journalName}  ${exportAmount(line.amount, currency)} ${currency}\n`;
    }
    return text;
  }

  end(totals: ExportTotals): string {
    return `${this.options()}\n; end of export: ${totals.entries} entries, ${totals.postings} postings\n`;
  }

  /** The options, once, before the first directive. */
  private options(): string {
    if (this.optionsWritten) return '';
    this.optionsWritten = true;
    const { cooperative } = this.header;
    const title = `${cooperative.code} general ledger ${this.header.from} to ${this.header.to}`;
    return (
      `\noption "title" ${beancountString(title)}\n` +
      `option "operating_currency" "${cooperative.functionalCurrency}"\n\n`
    );
  }

  /** The transaction line and its metadata; the postings follow. */
  private entryHeader(entry: ExportEntry): string {
    const meta: Array<[string, string]> = [['entry-id', beancountString(entry.id)]];
    if (entry.seal) {
      meta.push(
        ['entry-sequence', beancountString(entry.seal.entrySequence)],
        ['entry-hash', beancountString(entry.seal.entryHash)],
        ['block', beancountString(entry.seal.block)],
        ['block-hash', beancountString(entry.seal.blockHash)],
      );
    } else {
      meta.push(['sealed', 'FALSE']);
    }
    meta.push(
      ['posting-date', entry.postingDate],
      ['source-type', beancountString(entry.sourceType)],
    );
    if (entry.sourceId !== null) meta.push(['source-id', beancountString(entry.sourceId)]);
    if (entry.voucherSeries !== null) {
      meta.push(['voucher', beancountString(`${entry.voucherSeries} ${entry.voucherNumber}`)]);
    }
    if (entry.reversesEntryId !== null) {
      meta.push(['reverses', beancountString(entry.reversesEntryId)]);
    }
    let text = `\n${entry.valueDate} * ${beancountString(entry.description)}\n`;
    for (const [key, value] of meta) text += `  ${key}: ${value}\n`;
    return text;
  }

  private posting(posting: ExportPosting): string {
    const currency = posting.account.currency;
    let text = `  ${posting.account.journalName}  ${exportAmount(posting.amount, currency)} ${currency}\n`;
    text += this.functionalMeta(currency, posting.functionalAmount);
    const meta: Array<[string, string | null]> = [
      ['fx-rate', posting.fxRate],
      ['counterparty', posting.counterpartyClass],
      ['agreement', posting.agreementId],
      ['program', posting.program],
      ['sector', posting.sector],
      ['commodity', posting.commodity],
      ['region', posting.region],
      ['memo', posting.memo],
    ];
    for (const [key, value] of meta) {
      if (value !== null) text += `    ${key}: ${beancountString(value)}\n`;
    }
    return text;
  }

  private functionalMeta(currency: string, functionalAmount: string): string {
    const functional = this.header.cooperative.functionalCurrency;
    return currency === functional
      ? ''
      : `    functional-amount: ${beancountString(`${exportAmount(functionalAmount, functional)} ${functional}`)}\n`;
  }
}
