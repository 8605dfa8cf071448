import { Decimal, Money, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { Cooperative, EntryDraft, PostedEntry } from '@lumbung/ledger';
import { CliError } from '../errors';
import type { LedgerApp } from '../ledger-app';
import { type DemoBook, type DemoEntry, demoIdempotencyKey, memberSavingsHeading } from './books';

export interface BookOutcome {
  readonly cooperative: Cooperative;
  readonly accountsOpened: number;
  readonly accountsPresent: number;
  readonly posted: number;
  readonly replayed: number;
  /** Keys that replayed an entry with other lines than the book has now (an older demo's). */
  readonly differing: readonly string[];
}

/**
 * Opens the book's member accounts that are missing and posts its entries through the
 * PostingService, each in its own transaction with its idempotency key: a second run replays.
 */
export async function postDemoBook(ledger: LedgerApp, book: DemoBook): Promise<BookOutcome> {
  const cooperative = await ledger.read((tx) => ledger.cooperativeByCode(tx, book.cooperative));
  const opened = await ledger.write((tx) => openMemberAccounts(ledger, tx, cooperative, book));
  const chart = await ledger.read((tx) => ledger.charts.chart(tx, cooperative.id));
  const accountIds = new Map(chart.map((account) => [account.code, account.id]));
  let posted = 0;
  let replayed = 0;
  const differing: string[] = [];
  for (const [index, entry] of book.entries.entries()) {
    const key = demoIdempotencyKey(book.cooperative, index);
    const draft = toDraft(entry, key, cooperative.functionalCurrency, accountIds);
    const outcome = await ledger.write((tx) => ledger.posting.post(tx, cooperative.id, draft));
    if (!outcome.replayed) posted++;
    else {
      replayed++;
      if (!sameEntry(draft, outcome.entry)) differing.push(key);
    }
  }
  return {
    cooperative,
    accountsOpened: opened,
    accountsPresent: book.memberAccounts.length - opened,
    posted,
    replayed,
    differing,
  };
}

async function openMemberAccounts(
  ledger: LedgerApp,
  tx: Tx,
  cooperative: Cooperative,
  book: DemoBook,
): Promise<number> {
  const heading = await ledger.charts.accountByCode(tx, cooperative.id, memberSavingsHeading);
  let opened = 0;
  for (const member of book.memberAccounts) {
    const present = await ledger.charts
      .accountByCode(tx, cooperative.id, member.code)
      .then(() => true)
      .catch((error: unknown) => {
        if (error instanceof NotFoundError) return false;
        throw error;
      });
    if (present) continue;
    await ledger.charts.openLeaf(tx, cooperative.id, {
      parentId: heading.id,
      code: member.code,
      name: member.name,
      currency: cooperative.functionalCurrency,
      floor: '0',
      holder: 'member',
    });
    opened++;
  }
  return opened;
}

export function toDraft(
  entry: DemoEntry,
  key: string,
  currency: string,
  accountIds: ReadonlyMap<string, string>,
): EntryDraft {
  return {
    description: entry.description,
    source: { type: 'demo', id: key },
    idempotencyKey: key,
    postings: entry.lines.map((line) => {
      const accountId = accountIds.get(line.account);
      if (!accountId) throw new CliError(`demo entry ${key}: no account ${line.account}`);
      const amount = Money.parse(line.amount, currency);
      return {
        accountId,
        amount: line.side === 'debit' ? amount : amount.negated(),
        counterpartyClass: line.counterparty,
      };
    }),
  };
}

/** A replay is only the same entry when its lines are: an idempotency key never re-posts. */
export function sameEntry(draft: EntryDraft, posted: PostedEntry): boolean {
  const lines = [...posted.postings].sort((a, b) => a.lineNo - b.lineNo);
  return (
    draft.description === posted.description &&
    draft.postings.length === lines.length &&
    draft.postings.every(
      (p, i) =>
        p.accountId === lines[i].accountId &&
        p.amount.currency.code === lines[i].currency &&
        p.amount.amount.eq(new Decimal(lines[i].amount)),
    )
  );
}
