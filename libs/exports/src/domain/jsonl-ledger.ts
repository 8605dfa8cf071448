import { debitCredit, sideOf } from './export-amounts';
import type {
  BalanceLine,
  BlockRun,
  ExportAccount,
  ExportHeader,
  ExportPosting,
  ExportTotals,
} from './export-records';
import { type LedgerFormatter, openingDescription } from './ledger-formatter';

/** The version of the JSON Lines records below; a change to their fields is a new version. */
export const jsonlFormatVersion = 1;

const line = (record: object): string => `${JSON.stringify(record)}\n`;

/**
 * JSON Lines: one JSON object a line, each with a `record` kind, in this order: `export` (the
 * cooperative, the range, the chain head when read, counts), `blocks` (each run of chain blocks
 * the entries sit in), `account` (every leaf with postings up to `to`), `opening` (balances
 * brought forward), `posting` (one per posting, with its entry's fields and place in the chain),
 * and `end` (the counts again: a file without it was cut short). Amounts are decimal strings,
 * debit and credit apart (the other side null); absent values are null.
 */
export class JsonlLedgerFormatter implements LedgerFormatter {
  private functionalCurrency = '';
  private openingDate = '';

  begin(header: ExportHeader): string {
    this.functionalCurrency = header.cooperative.functionalCurrency;
    this.openingDate = header.openingDate;
    return line({
      record: 'export',
      version: jsonlFormatVersion,
      cooperative: header.cooperative,
      from: header.from,
      to: header.to,
      basis: 'value-date',
      openingDate: header.openingDate,
      generatedAt: header.generatedAt,
      chainHead: header.chainHead,
      entries: header.entries,
      postings: header.postings,
      unsealedEntries: header.unsealedEntries,
    });
  }

  blockRuns(runs: readonly BlockRun[]): string {
    return runs.map((run) => line({ record: 'blocks', ...run })).join('');
  }

  accounts(accounts: readonly ExportAccount[]): string {
    return accounts.map((account) => line({ record: 'account', ...account })).join('');
  }

  opening(lines: readonly BalanceLine[]): string {
    return lines
      .map((balance) =>
        line({
          record: 'opening',
          valueDate: this.openingDate,
          account: account(balance.account),
          ...sides(debitCredit(balance.amount, balance.account.currency)),
          currency: balance.account.currency,
          ...this.functional(balance.functionalAmount, sideOf(balance.amount)),
          functionalCurrency: this.functionalCurrency,
          description: openingDescription,
        }),
      )
      .join('');
  }

  postings(postings: readonly ExportPosting[]): string {
    let text = '';
    for (const posting of postings) {
      text += line(jsonlPostingRecord(posting, this.functionalCurrency));
    }
    return text;
  }

  end(totals: ExportTotals): string {
    return line({ record: 'end', ...totals });
  }

  private functional(value: string, side: 'debit' | 'credit') {
    return functionalSides(value, this.functionalCurrency, side);
  }
}

/** What a posting record reads of its leaf: the journal name is the journals' business. */
export type JsonlPosting = Omit<ExportPosting, 'account'> & {
  readonly account: Pick<ExportAccount, 'code' | 'name' | 'class' | 'currency'>;
};

/** One `posting` record: the posting with its entry's fields and its place in the chain. */
export function jsonlPostingRecord(posting: JsonlPosting, functionalCurrency: string): object {
  const entry = posting.entry;
  return {
    record: 'posting',
    entryId: entry.id,
    entrySequence: entry.seal?.entrySequence ?? null,
    entryHash: entry.seal?.entryHash ?? null,
    block: entry.seal?.block ?? null,
    blockHash: entry.seal?.blockHash ?? null,
    postingDate: entry.postingDate,
    valueDate: entry.valueDate,
    lineNo: posting.lineNo,
    account: account(posting.account),
    ...sides(debitCredit(posting.amount, posting.account.currency)),
    currency: posting.account.currency,
    ...functionalSides(posting.functionalAmount, functionalCurrency, sideOf(posting.amount)),
    functionalCurrency,
    fxRate: posting.fxRate,
    counterpartyClass: posting.counterpartyClass,
    dimensions: {
      agreementId: posting.agreementId,
      program: posting.program,
      sector: posting.sector,
      commodity: posting.commodity,
      region: posting.region,
    },
    description: entry.description,
    memo: posting.memo,
    source: { type: entry.sourceType, id: entry.sourceId },
    voucher:
      entry.voucherSeries === null
        ? null
        : { series: entry.voucherSeries, number: entry.voucherNumber },
    reversesEntryId: entry.reversesEntryId,
  };
}

function functionalSides(value: string, functionalCurrency: string, side: 'debit' | 'credit') {
  const { debit, credit } = sides(debitCredit(value, functionalCurrency, side));
  return { functionalDebit: debit, functionalCredit: credit };
}

function account(account: JsonlPosting['account']) {
  return { code: account.code, name: account.name, class: account.class };
}

function sides(columns: { debit: string; credit: string }) {
  return { debit: columns.debit || null, credit: columns.credit || null };
}
