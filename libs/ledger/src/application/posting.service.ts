import { InvalidInputError, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { type EntryDraft, validateEntryDraft } from '../domain/entry-draft';
import { type PostedEntry, postedFromDraft, readEntries } from '../infrastructure/entry-reader';
import { ledgerProblem } from '../infrastructure/ledger-errors';
import {
  type EntryOutcomeRow,
  type PendingEntry,
  postEntries,
} from '../infrastructure/posting-store';
import { CooperativeDirectory } from './cooperative-directory';
import { atomicRefusal } from './refusals';

/** An atomic batch stays well inside one statement's comfort and one lock set. */
export const maxEntriesPerBatch = 1000;

export interface PostingOutcome {
  readonly entry: PostedEntry;
  /** True when the idempotency key had already posted this entry: nothing moved now. */
  readonly replayed: boolean;
}

/**
 * The only writer of postings (DESIGN.md section 3). Domain use cases call it inside their own
 * transaction, which keeps their rows and their postings in one commit; the entries themselves
 * are decided and written by one call to `ledger_post_entries` (business-day lock, key locks,
 * balance locks in account order, floors after locking, set-based writes).
 */
@Injectable()
export class PostingService {
  constructor(private readonly directory: CooperativeDirectory) {}

  async post(tx: Tx, cooperativeId: string, draft: EntryDraft): Promise<PostingOutcome> {
    const [outcome] = await this.postBatch(tx, cooperativeId, [draft]);
    return outcome;
  }

  /** All or nothing: one bad entry refuses the whole batch and writes nothing. */
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
    const query = tx.query.bind(tx);
    const { functionalCurrency } = await this.directory.facts(query, cooperativeId);
    const pathOf = (i: number): string => (drafts.length > 1 ? `entries[${i}].` : '');
    drafts.forEach((draft, i) => validateEntryDraft(draft, functionalCurrency, pathOf(i)));
    assertUniqueKeys(drafts, pathOf);
    const pending = drafts.map((draft) => ({ id: uuidv7(), draft }));
    let rows: EntryOutcomeRow[];
    try {
      rows = await postEntries(query, cooperativeId, pending, true);
    } catch (error) {
      throw ledgerProblem(error) ?? error;
    }
    const refusal = atomicRefusal(rows, drafts, pathOf);
    if (refusal) throw refusal;
    return (await outcomesOf(query, cooperativeId, pending, rows)) as PostingOutcome[];
  }
}

/**
 * Posted entries come from their drafts; replays are read back, as the first request saw them;
 * refused entries have no outcome (undefined).
 */
export async function outcomesOf(
  query: Tx['query'],
  cooperativeId: string,
  pending: readonly PendingEntry[],
  rows: readonly EntryOutcomeRow[],
): Promise<Array<PostingOutcome | undefined>> {
  const replayIds = rows.filter((r) => r.outcome === 'replayed').map((r) => r.entryId);
  const replayed = new Map(
    (await readEntries({ query }, cooperativeId, replayIds)).map((e) => [e.id, e]),
  );
  return rows.map((row, i) => {
    if (row.outcome === 'replayed') return { entry: replayed.get(row.entryId)!, replayed: true };
    if (row.outcome === 'posted') {
      return {
        entry: postedFromDraft(cooperativeId, pending[i].id, pending[i].draft, row),
        replayed: false,
      };
    }
    return undefined;
  });
}

function assertUniqueKeys(drafts: readonly EntryDraft[], pathOf: (i: number) => string): void {
  const seen = new Set<string>();
  drafts.forEach((draft, i) => {
    if (!draft.idempotencyKey) return;
    if (seen.has(draft.idempotencyKey)) {
      throw new InvalidInputError('An idempotency key appears twice in one batch', [
        {
          field: `${pathOf(i)}idempotencyKey`,
          message: 'duplicates an earlier entry of the batch',
        },
      ]);
    }
    seen.add(draft.idempotencyKey);
  });
}
