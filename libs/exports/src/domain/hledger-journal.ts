import { exportAmount } from './export-amounts';
import type { BalanceLine, ExportAccount, ExportEntry, ExportPosting } from './export-records';
import { closingDescription, oneLine, openingDescription } from './ledger-formatter';
import { PlainTextJournal } from './plain-text-journal';

/** hledger's transaction description ends at `;` (a comment starts there). */
function description(text: string): string {
  return oneLine(text).replace(/;/g, ',');
}

/**
 * An hledger journal (hledger 1.25 and later) that `hledger -f FILE balance` reads as it is:
 * - a comment header (cooperative, range, snapshot time, chain head, block runs),
 * - `decimal-mark .`, a `commodity` directive per currency (its minor units), an `account`
 *   directive per leaf with its code, class and name in a comment,
 * - the balances brought forward as one transaction dated the day before `from`,
 * - each entry as a cleared transaction dated by its value date, its voucher as the code, its
 *   entry id, chain sequence and block as tags, posting date, source and reversal on the next
 *   line; each posting with its functional equivalent (when another currency), FX rate,
 *   counterparty class, dimensions and memo in a comment,
 * - the closing balances as balance assertions (`0 IDR = 1500.00 IDR`) dated `to`, so hledger
 *   itself checks that the transactions add up to Lumbung's trial balance, leaf by leaf.
 * Descriptions lose line breaks and `;` (hledger would read the rest as a comment); CSV and
 * JSON Lines keep them exactly.
 */
export class HledgerFormatter extends PlainTextJournal {
  private declared = false;

  constructor() {
    super('hledger');
  }

  accounts(accounts: readonly ExportAccount[]): string {
    let text = '';
    if (!this.declared) {
      this.declared = true;
      text += '\ndecimal-mark .\n';
      for (const currency of this.header.currencies) {
        text += `commodity ${exportAmount('1000', currency)} ${currency}\n`;
      }
      text += '\n';
    }
    for (const account of accounts) {
      text += `account ${account.journalName}  ; code: ${oneLine(account.code)}, class: ${account.class}, name: ${oneLine(account.name)}\n`;
    }
    return text;
  }

  /** The directives, if no account came to declare them (an empty ledger). */
  protected prelude(): string {
    return this.declared ? '' : this.accounts([]);
  }

  protected openingHeading(): string {
    return `\n${this.header.openingDate} ${openingDescription}\n`;
  }

  protected openingLine(line: BalanceLine): string {
    const { currency } = line.account;
    const functional = this.functional(currency, line.functionalAmount);
    const comment = functional === null ? '' : `  ; functional: ${functional}`;
    return `    ${line.account.journalName}    ${exportAmount(line.amount, currency)} ${currency}${comment}\n`;
  }

  protected closingHeading(): string {
    return `\n${this.header.to} ${closingDescription}\n`;
  }

  protected closingLine(line: BalanceLine): string {
    const { currency } = line.account;
    return `    ${line.account.journalName}    ${exportAmount('0', currency)} ${currency} = ${exportAmount(line.amount, currency)} ${currency}\n`;
  }

  /** The transaction line and its details; the postings follow. */
  protected entryHeading(entry: ExportEntry): string {
    const voucher =
      entry.voucherSeries === null ? null : `${entry.voucherSeries} ${entry.voucherNumber}`;
    const desc = description(entry.description);
    // Without a code, a description opening with "(" would be read as one: give it an empty one.
    const code =
      voucher !== null ? ` (${voucher.replace(/[()]/g, '')})` : desc.startsWith('(') ? ' ()' : '';
    const seal = entry.seal;
    const tags = [`entry: ${entry.id}`];
    if (seal) tags.push(`sequence: ${seal.entrySequence}`, `block: ${seal.block}`);
    else tags.push('unsealed:');
    let text = `\n${entry.valueDate} *${code} ${desc}  ; ${tags.join(', ')}\n`;
    const details = [`posting-date: ${entry.postingDate}`, `source: ${entry.sourceType}`];
    if (entry.sourceId !== null) details.push(`source-id: ${oneLine(entry.sourceId)}`);
    if (entry.reversesEntryId !== null) details.push(`reverses: ${entry.reversesEntryId}`);
    if (seal) details.push(`entry-hash: ${seal.entryHash}`, `block-hash: ${seal.blockHash}`);
    text += `    ; ${details.join(', ')}\n`;
    return text;
  }

  protected posting(posting: ExportPosting): string {
    const currency = posting.account.currency;
    const tags: string[] = [];
    const functional = this.functional(currency, posting.functionalAmount);
    if (functional !== null) tags.push(`functional: ${functional}`);
    if (posting.fxRate !== null) tags.push(`fx-rate: ${posting.fxRate}`);
    if (posting.counterpartyClass !== null) tags.push(`counterparty: ${posting.counterpartyClass}`);
    if (posting.agreementId !== null) tags.push(`agreement: ${posting.agreementId}`);
    for (const [name, value] of [
      ['program', posting.program],
      ['sector', posting.sector],
      ['commodity', posting.commodity],
      ['region', posting.region],
    ] as const) {
      if (value !== null) tags.push(`${name}: ${oneLine(value)}`);
    }
    if (posting.memo !== null) tags.push(`memo: ${oneLine(posting.memo)}`);
    const comment = tags.length ? `  ; ${tags.join(', ')}` : '';
    return `    ${posting.account.journalName}    ${exportAmount(posting.amount, currency)} ${currency}${comment}\n`;
  }
}
