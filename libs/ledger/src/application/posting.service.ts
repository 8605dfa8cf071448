import {
  type BusinessDate,
  currency as currencyOf,
  type FieldProblem,
  InvalidInputError,
  RuleViolationError,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { requiresCounterparty } from '../domain/account-class';
import { projectBalances } from '../domain/balance-projection';
import { type EntryDraft, validateEntryDraft } from '../domain/entry-draft';
import { type PostedEntry, postedEntry, readEntries } from '../infrastructure/entry-reader';
import { ledgerProblem } from '../infrastructure/ledger-errors';
import {
  type EntryRow,
  type LockedLeaf,
  PostingStore,
  type PostingRow,
} from '../infrastructure/posting-store';
import { BusinessDayService, type CooperativeDay } from './business-day.service';
import { PeriodService } from './period.service';

/** An atomic batch stays well inside one statement's comfort and one lock set. */
export const maxEntriesPerBatch = 1000;

export interface PostingOutcome {
  readonly entry: PostedEntry;
  /** True when the idempotency key had already posted this entry: nothing moved now. */
  readonly replayed: boolean;
}

/**
 * The only writer of postings (DESIGN.md section 3). Domain use cases call it inside their own
 * transaction; it takes the business-day lock shared, locks balances in account order, decides
 * floors after locking, and writes balances, entries and postings in one statement.
 */
@Injectable()
export class PostingService {
  constructor(
    private readonly days: BusinessDayService,
    private readonly periods: PeriodService,
  ) {}

  async post(tx: Tx, cooperativeId: string, draft: EntryDraft): Promise<PostingOutcome> {
    const [outcome] = await this.postBatch(tx, cooperativeId, [draft]);
    return outcome;
  }

  /** All or nothing: one bad entry refuses the whole batch. */
  async postBatch(
    tx: Tx,
    cooperativeId: string,
    drafts: readonly EntryDraft[],
  ): Promise<PostingOutcome[]> {
    if (drafts.length === 0 || drafts.length > maxEntriesPerBatch) {
      throw new InvalidInputError(`A batch holds 1 to ${maxEntriesPerBatch} entries`, [
        { field: 'entries', message: `between 1 and ${maxEntriesPerBatch} entries` },
      ]);
    }
    const day = await this.days.enter(tx, cooperativeId);
    const prefix = (i: number): string => (drafts.length > 1 ? `entries[${i}].` : '');
    drafts.forEach((draft, i) => validateEntryDraft(draft, day.functionalCurrency, prefix(i)));
    assertUniqueKeys(drafts, prefix);
    await this.assertValueDates(tx, day, drafts, prefix);

    const store = new PostingStore(tx);
    const keys = drafts.flatMap((d) => (d.idempotencyKey ? [d.idempotencyKey] : []));
    await store.lockIdempotencyKeys(cooperativeId, keys);
    const posted = await store.entriesByIdempotencyKey(cooperativeId, keys);
    const fresh = drafts
      .map((draft, index) => ({ draft, index }))
      .filter(({ draft }) => !(draft.idempotencyKey && posted.has(draft.idempotencyKey)));

    const replayed = await readEntries(tx, cooperativeId, [...posted.values()]);
    const replayedByKey = new Map(replayed.map((entry) => [entry.idempotencyKey, entry]));
    drafts.forEach((draft, i) => {
      const earlier = replayedByKey.get(draft.idempotencyKey ?? null);
      if (earlier) assertSameEntry(draft, earlier, prefix(i));
    });

    let written = new Map<number, PostedEntry>();
    if (fresh.length > 0) {
      try {
        written = await this.write(store, day, fresh, prefix);
      } catch (error) {
        throw ledgerProblem(error) ?? error;
      }
    }
    return drafts.map((draft, i) => {
      const entry = written.get(i);
      return entry
        ? { entry, replayed: false }
        : { entry: replayedByKey.get(draft.idempotencyKey ?? null)!, replayed: true };
    });
  }

  private async write(
    store: PostingStore,
    day: CooperativeDay,
    fresh: ReadonlyArray<{ draft: EntryDraft; index: number }>,
    prefix: (i: number) => string,
  ): Promise<Map<number, PostedEntry>> {
    const accountIds = fresh.flatMap(({ draft }) => draft.postings.map((p) => p.accountId));
    const leaves = await store.lockLeaves(day.cooperativeId, accountIds);
    const byAccount = new Map(leaves.map((leaf) => [leaf.accountId, leaf]));
    await assertPostable(store, day.cooperativeId, fresh, byAccount, prefix);

    const projection = projectBalances(
      byAccount,
      fresh.map(({ draft }) => ({
        postings: draft.postings.map((p) => ({ accountId: p.accountId, amount: p.amount.amount })),
      })),
    );
    if (projection.breaches.length > 0) {
      const breach = projection.breaches[0];
      const leaf = byAccount.get(breach.accountId)!;
      throw new RuleViolationError(
        'insufficient-funds',
        'Insufficient funds',
        `Account ${breach.accountId} would fall below its floor`,
        {
          accountId: breach.accountId,
          entryIndex: fresh[breach.entryIndex].index,
          available: leaf.balance
            .times(leaf.normalSign)
            .minus(breach.floor)
            .toFixed(currencyOf(leaf.currency).minorUnits),
        },
      );
    }

    const vouchers = await this.assignVouchers(store, day.cooperativeId, fresh);
    const entries: EntryRow[] = [];
    const postings: PostingRow[] = [];
    fresh.forEach(({ draft }, position) => {
      const id = uuidv7();
      const valueDate = draft.valueDate ?? day.businessDate;
      const voucher = vouchers.get(position);
      entries.push({
        id,
        postingDate: day.businessDate,
        valueDate,
        description: draft.description,
        sourceType: draft.source.type,
        sourceId: draft.source.id ?? null,
        idempotencyKey: draft.idempotencyKey ?? null,
        reversesEntryId: draft.reversesEntryId ?? null,
        voucherSeries: voucher ? draft.voucherSeries! : null,
        voucherNumber: voucher ?? null,
        recordedBy: draft.recordedBy ?? null,
      });
      const projected = projection.postings.get(position)!;
      draft.postings.forEach((p, line) => {
        const minorUnits = p.amount.currency.minorUnits;
        postings.push({
          entryId: id,
          lineNo: line + 1,
          accountId: p.accountId,
          currency: p.amount.currency.code,
          amount: p.amount.toString(),
          functionalAmount: (p.functional?.amount ?? p.amount).toString(),
          fxRate: p.functional ? p.functional.fxRate.toFixed() : null,
          fxRateId: p.functional?.fxRateId ?? null,
          valueDate,
          counterpartyClass: p.counterpartyClass ?? null,
          agreementId: p.dimensions?.agreementId ?? null,
          program: p.dimensions?.program ?? null,
          sector: p.dimensions?.sector ?? null,
          commodity: p.dimensions?.commodity ?? null,
          region: p.dimensions?.region ?? null,
          memo: p.memo ?? null,
          balanceAfter: projected[line].balanceAfter.toFixed(minorUnits),
          accountVersion: projected[line].accountVersion.toString(),
        });
      });
    });
    const balances = [...projection.balances.values()].map((b) => ({
      accountId: b.accountId,
      balance: b.balance.toFixed(currencyOf(b.currency).minorUnits),
      version: b.version.toString(),
    }));
    const recordedAt = await store.write(day.cooperativeId, balances, entries, postings);
    const linesByEntry = new Map<string, PostingRow[]>();
    for (const p of postings)
      linesByEntry.set(p.entryId, [...(linesByEntry.get(p.entryId) ?? []), p]);
    return new Map(
      fresh.map(({ index }, position) => {
        const row = entries[position];
        const lines = linesByEntry.get(row.id)!;
        return [index, postedEntry(day.cooperativeId, row, lines, recordedAt.get(row.id)!)];
      }),
    );
  }

  private async assignVouchers(
    store: PostingStore,
    cooperativeId: string,
    fresh: ReadonlyArray<{ draft: EntryDraft }>,
  ): Promise<Map<number, string>> {
    const bySeries = new Map<string, number[]>();
    fresh.forEach(({ draft }, position) => {
      if (!draft.voucherSeries) return;
      bySeries.set(draft.voucherSeries, [...(bySeries.get(draft.voucherSeries) ?? []), position]);
    });
    const numbers = new Map<number, string>();
    for (const series of [...bySeries.keys()].sort()) {
      const positions = bySeries.get(series)!;
      const first = await store.takeVoucherNumbers(cooperativeId, series, positions.length);
      positions.forEach((position, i) => numbers.set(position, (first + BigInt(i)).toString()));
    }
    return numbers;
  }

  private async assertValueDates(
    tx: Tx,
    day: CooperativeDay,
    drafts: readonly EntryDraft[],
    prefix: (i: number) => string,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    const earlier = new Map<number, BusinessDate>();
    drafts.forEach((draft, i) => {
      if (!draft.valueDate || draft.valueDate === day.businessDate) return;
      if (draft.valueDate > day.businessDate) {
        problems.push({
          field: `${prefix(i)}valueDate`,
          message: `must not be after the business date ${day.businessDate}`,
        });
      } else {
        earlier.set(i, draft.valueDate);
      }
    });
    if (problems.length > 0) throw new InvalidInputError('Value date in the future', problems);
    const closed = await this.periods.closedAmong(tx, day.cooperativeId, [...earlier.values()]);
    for (const [i, valueDate] of earlier) {
      if (closed.has(valueDate.slice(0, 7))) {
        throw new RuleViolationError(
          'period-closed',
          'Accounting period closed',
          `Value date ${valueDate} falls in ${valueDate.slice(0, 7)}, a closed month`,
          { field: `${prefix(i)}valueDate` },
        );
      }
    }
  }
}

/** A key replays only the entry it first posted: another entry under the same key is refused. */
function assertSameEntry(draft: EntryDraft, earlier: PostedEntry, path: string): void {
  const lines = (
    postings: ReadonlyArray<{ accountId: string; currency: string; amount: string }>,
  ): string => postings.map((p) => `${p.accountId}:${p.currency}:${p.amount}`).join('|');
  const asked = lines(
    draft.postings.map((p) => ({
      accountId: p.accountId,
      currency: p.amount.currency.code,
      amount: p.amount.toString(),
    })),
  );
  if (
    asked !== lines(earlier.postings) ||
    (draft.reversesEntryId ?? null) !== earlier.reversesEntryId
  ) {
    throw new RuleViolationError(
      'idempotency-key-reused',
      'Idempotency key reused',
      `${path}idempotencyKey ${draft.idempotencyKey} already posted entry ${earlier.id} with other postings`,
      { entryId: earlier.id },
    );
  }
}

function assertUniqueKeys(drafts: readonly EntryDraft[], prefix: (i: number) => string): void {
  const seen = new Set<string>();
  drafts.forEach((draft, i) => {
    if (!draft.idempotencyKey) return;
    if (seen.has(draft.idempotencyKey)) {
      throw new InvalidInputError('An idempotency key appears twice in one batch', [
        {
          field: `${prefix(i)}idempotencyKey`,
          message: 'duplicates an earlier entry of the batch',
        },
      ]);
    }
    seen.add(draft.idempotencyKey);
  });
}

async function assertPostable(
  store: PostingStore,
  cooperativeId: string,
  fresh: ReadonlyArray<{ draft: EntryDraft; index: number }>,
  leaves: ReadonlyMap<string, LockedLeaf>,
  prefix: (i: number) => string,
): Promise<void> {
  const problems: FieldProblem[] = [];
  const missing: Array<{ field: string; accountId: string }> = [];
  for (const { draft, index } of fresh) {
    draft.postings.forEach((p, line) => {
      const field = `${prefix(index)}postings[${line}]`;
      const leaf = leaves.get(p.accountId);
      if (!leaf) {
        missing.push({ field: `${field}.accountId`, accountId: p.accountId });
      } else if (leaf.currency !== p.amount.currency.code) {
        problems.push({
          field: `${field}.currency`,
          message: `the account holds ${leaf.currency}`,
        });
      } else if (requiresCounterparty(leaf.accountClass) && !p.counterpartyClass) {
        problems.push({
          field: `${field}.counterpartyClass`,
          message: 'income and expense postings name member, non_member or partner_cooperative',
        });
      }
    });
  }
  if (missing.length > 0) {
    const known = await store.existingAccounts(
      cooperativeId,
      missing.map((m) => m.accountId),
    );
    for (const { field, accountId } of missing) {
      problems.push({
        field,
        message: known.has(accountId)
          ? 'is a heading; postings go to leaf accounts only'
          : 'no such account in this cooperative',
      });
    }
  }
  if (problems.length > 0) {
    throw new InvalidInputError('Some postings cannot go to the accounts named', problems);
  }
}
