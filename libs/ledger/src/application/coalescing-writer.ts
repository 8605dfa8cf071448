import { ServiceUnavailableError, uuidv7 } from '@lumbung/core';
import { asServiceUnavailable, isDatabaseUnavailable, type Tx } from '@lumbung/database';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type EntryDraft, validateEntryDraft } from '../domain/entry-draft';
import { ledgerProblem } from '../infrastructure/ledger-errors';
import {
  type EntryOutcomeRow,
  fingerprint,
  type PendingEntry,
  postEntries,
} from '../infrastructure/posting-store';
import { CooperativeDirectory } from './cooperative-directory';
import { outcomesOf, type PostingOutcome } from './posting.service';
import { refusalProblem } from './refusals';

interface Request {
  readonly draft: EntryDraft;
  resolve(outcome: PostingOutcome): void;
  reject(error: unknown): void;
}

/** A request and the identical requests (same key, same lines) that ride on its outcome. */
interface Group {
  readonly leader: Request;
  readonly followers: Request[];
}

interface Lane {
  queue: Request[];
  inFlight: number;
}

/** Entries per database call; calls in flight per cooperative. */
export const coalescing = { maxBatch: 256, maxInFlight: 2 } as const;

/**
 * Coalesced requests (DESIGN.md section 6): independent postings for one cooperative, gathered
 * while earlier calls are in flight and sent as one `ledger_post_entries` call in autocommit,
 * so each call is one round trip and one commit. Each request still gets its own outcome, after
 * commit. A call that fails as a whole is split in halves until the bad request stands alone.
 * For requests that own no other rows: a use case that writes its own rows posts through
 * PostingService inside its transaction instead.
 */
@Injectable()
export class CoalescingWriter implements OnModuleDestroy {
  private readonly lanes = new Map<string, Lane>();
  private readonly query: Tx['query'];
  private closed = false;

  constructor(
    dataSource: DataSource,
    private readonly directory: CooperativeDirectory,
  ) {
    this.query = <T>(sql: string, params: readonly unknown[] = []) =>
      dataSource.query(sql, [...params]) as Promise<T[]>;
  }

  async submit(cooperativeId: string, draft: EntryDraft): Promise<PostingOutcome> {
    if (this.closed) throw new ServiceUnavailableError('The ledger writer is shutting down');
    const { functionalCurrency } = await this.directory.facts(this.query, cooperativeId);
    validateEntryDraft(draft, functionalCurrency);
    return new Promise<PostingOutcome>((resolve, reject) => {
      const lane = this.lane(cooperativeId);
      lane.queue.push({ draft, resolve, reject });
      this.pump(cooperativeId, lane);
    });
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const lane of this.lanes.values()) {
      for (const request of lane.queue.splice(0)) {
        request.reject(new ServiceUnavailableError('The ledger writer shut down'));
      }
    }
  }

  private lane(cooperativeId: string): Lane {
    let lane = this.lanes.get(cooperativeId);
    if (!lane) {
      lane = { queue: [], inFlight: 0 };
      this.lanes.set(cooperativeId, lane);
    }
    return lane;
  }

  private pump(cooperativeId: string, lane: Lane): void {
    while (lane.inFlight < coalescing.maxInFlight && lane.queue.length > 0) {
      const batch = lane.queue.splice(0, coalescing.maxBatch);
      lane.inFlight += 1;
      void this.call(cooperativeId, groupsOf(batch, lane)).finally(() => {
        lane.inFlight -= 1;
        // Let the callers just answered submit their next requests first, so they join this lane's
        // next call instead of trailing it: that is what makes calls grow under load.
        setImmediate(() => this.pump(cooperativeId, lane));
      });
    }
  }

  private async call(cooperativeId: string, groups: readonly Group[]): Promise<void> {
    if (groups.length === 0) return;
    const pending: PendingEntry[] = groups.map((g) => ({ id: uuidv7(), draft: g.leader.draft }));
    let rows: EntryOutcomeRow[];
    try {
      rows = await postEntries(this.query, cooperativeId, pending, false);
    } catch (error) {
      // Nothing of this call was written: retrying its parts cannot post anything twice.
      if (isDatabaseUnavailable(error)) {
        const unavailable = asServiceUnavailable(error);
        groups.forEach((g) => settle(g, unavailable));
      } else if (groups.length === 1) {
        settle(groups[0], ledgerProblem(error) ?? error);
      } else {
        const half = (groups.length + 1) >> 1;
        await this.call(cooperativeId, groups.slice(0, half));
        await this.call(cooperativeId, groups.slice(half));
      }
      return;
    }
    // Committed: from here on, a failure is reported, never retried.
    try {
      const outcomes = await outcomesOf(this.query, cooperativeId, pending, rows);
      rows.forEach((row, i) => {
        const outcome = outcomes[i];
        if (outcome) settle(groups[i], undefined, outcome);
        else settle(groups[i], refusalProblem(row, pending[i].draft));
      });
    } catch (error) {
      groups.forEach((g) => settle(g, error));
    }
  }
}

/**
 * Requests repeating an earlier request's key and lines ride on its outcome; one that repeats a
 * key with other lines goes back to the queue, to be refused (or posted) after this call.
 */
function groupsOf(batch: readonly Request[], lane: Lane): Group[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  const later: Request[] = [];
  for (const request of batch) {
    const key = request.draft.idempotencyKey;
    const leader = key ? byKey.get(key) : undefined;
    if (!leader) {
      const group = { leader: request, followers: [] };
      groups.push(group);
      if (key) byKey.set(key, group);
    } else if (fingerprint(leader.leader.draft) === fingerprint(request.draft)) {
      leader.followers.push(request);
    } else {
      later.push(request);
    }
  }
  lane.queue.unshift(...later);
  return groups;
}

function settle(group: Group, error: unknown, outcome?: PostingOutcome): void {
  if (outcome) {
    group.leader.resolve(outcome);
    group.followers.forEach((f) => f.resolve({ entry: outcome.entry, replayed: true }));
  } else {
    group.leader.reject(error);
    group.followers.forEach((f) => f.reject(error));
  }
}
