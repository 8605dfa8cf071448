import { addDays, type BusinessDate } from '@lumbung/core';
import { exportAmount } from './export-amounts';
import type { BalanceLine, ExportAccount, ExportEntry, ExportPosting } from './export-records';
import { oneLine, openingDescription } from './ledger-formatter';
import { PlainTextJournal } from './plain-text-journal';

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
export class BeancountFormatter extends PlainTextJournal {
  private optionsWritten = false;

  constructor() {
    super('Beancount');
  }

  accounts(accounts: readonly ExportAccount[]): string {
    let text = this.prelude();
    for (const account of accounts) {
      text +=
        `${this.header.openingDate} open ${account.journalName} ${account.currency}\n` +
        `  code: ${beancountString(account.code)}\n` +
        `  class: ${beancountString(account.class)}\n` +
        `  name: ${beancountString(account.name)}\n`;
    }
    return text;
  }

  protected openingHeading(): string {
    return `\n${this.header.openingDate} * ${beancountString(openingDescription)}\n`;
  }

  protected openingLine(line: BalanceLine): string {
    const { currency } = line.account;
    return (
      `  ${line.account.journalName}  ${exportAmount(line.amount, currency)} ${currency}\n` +
      this.functionalMeta(currency, line.functionalAmount)
    );
  }

  protected closingHeading(): string {
    return `\n; closing balances as of ${this.header.to}, asserted at the start of ${this.closingDate()}\n`;
  }

  protected closingLine(line: BalanceLine): string {
    const { currency } = line.account;
    return `${this.closingDate()} balance ${line.account.journalName}  ${exportAmount(line.amount, currency)} ${currency}\n`;
  }

  private closingDate(): BusinessDate {
    return addDays(this.header.to as BusinessDate, 1);
  }

  /** The options, once, before the first directive. */
  protected prelude(): string {
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
  protected entryHeading(entry: ExportEntry): string {
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

  protected posting(posting: ExportPosting): string {
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
    const functional = this.functional(currency, functionalAmount);
    return functional === null ? '' : `    functional-amount: ${beancountString(functional)}\n`;
  }
}
