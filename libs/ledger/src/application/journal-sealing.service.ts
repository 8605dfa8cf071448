import { TransactionScope, type Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { canonicalFormVersion, canonicalTimestamp } from '../domain/canonical-entry';
import type { SealedBlock } from '../domain/chain-block';
import { blockHash, entryHash } from '../domain/chain-check';
import { readEntriesInRange, useCanonicalTextFormats } from '../infrastructure/sealable-entries';
import { readSealingLag, SealStore, type SealingLag } from '../infrastructure/seal-store';
import { sha256Hex } from '../infrastructure/sha256';

/** Keeps one block's read and hash well inside a statement timeout and a little memory. */
export const maxEntriesPerBlock = 2_000;
/** A run catches up by at most this many blocks per cooperative; the next run goes on. */
export const maxBlocksPerRun = 50;

export interface SealingOutcome {
  readonly cooperativeId: string;
  readonly blocks: readonly SealedBlock[];
  /** True when the cooperative was being sealed by another run, so this one skipped it. */
  readonly busy: boolean;
}

/**
 * Seals the journal (DESIGN.md section 3, Sealing): each block takes the horizon, and seals
 * every entry with a txid from the previous block's horizon up to it, in (txid, id) order, one
 * cooperative at a time under its sealing lock, each block in its own short transaction.
 *
 * A range with no entries makes no block: the horizon then stays where the last block left it
 * and the next block's range starts there, so nothing is skipped, and a quiet cooperative does
 * not grow a block every few seconds. Every block therefore holds at least one entry.
 */
@Injectable()
export class JournalSealingService {
  constructor(private readonly scope: TransactionScope) {}

  /** Every cooperative, in code order; one cooperative's failure does not stop the others. */
  async sealAll(): Promise<SealingOutcome[]> {
    const cooperatives = await this.scope.run((tx) =>
      tx.query<{ id: string }>(`SELECT id FROM cooperative ORDER BY code`),
    );
    const outcomes: SealingOutcome[] = [];
    const failures: unknown[] = [];
    for (const { id } of cooperatives) {
      try {
        outcomes.push(await this.sealCooperative(id));
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
    return outcomes;
  }

  /** Seals what the horizon allows, block after block, until caught up (or maxBlocksPerRun). */
  async sealCooperative(cooperativeId: string): Promise<SealingOutcome> {
    const blocks: SealedBlock[] = [];
    for (let i = 0; i < maxBlocksPerRun; i++) {
      const next = await this.scope.run((tx) => this.sealNextBlock(tx, cooperativeId));
      if (next === 'busy') return { cooperativeId, blocks, busy: true };
      if (!next) break;
      blocks.push(next.block);
      if (!next.more) break;
    }
    return { cooperativeId, blocks, busy: false };
  }

  /** Entries waiting for a block, for /health. */
  lag(): Promise<SealingLag> {
    return this.scope.run((tx) => readSealingLag(tx), { readOnly: true });
  }

  private async sealNextBlock(
    tx: Tx,
    cooperativeId: string,
  ): Promise<{ block: SealedBlock; more: boolean } | 'busy' | null> {
    const store = new SealStore(tx);
    const cooperative = await store.tryLock(cooperativeId);
    if (cooperative === 'busy' || cooperative === null) return cooperative;
    await useCanonicalTextFormats(tx);
    const { horizon, sealedAt } = await store.horizon();
    const tip = await store.tip(cooperativeId);
    if (BigInt(horizon) <= BigInt(tip.horizon)) return null;

    const cut = await store.cutBefore(cooperativeId, tip.horizon, horizon, maxEntriesPerBlock);
    const end = cut ?? horizon;
    const entries = await readEntriesInRange(tx, cooperativeId, tip.horizon, end);
    if (entries.length === 0) return null;

    const hashes = entries.map((e) => entryHash(e, cooperative.functionalCurrency, sha256Hex));
    const header = {
      cooperativeId,
      sequence: (BigInt(tip.sequence) + 1n).toString(),
      previousHash: tip.hash,
      previousHorizon: tip.horizon,
      horizon: end,
      firstEntrySequence: tip.nextEntrySequence,
      entryCount: entries.length,
      canonicalVersion: canonicalFormVersion,
      sealedAt: canonicalTimestamp(sealedAt),
    };
    const block: SealedBlock = { ...header, hash: blockHash(header, hashes, sha256Hex) };
    await store.insert(
      block,
      entries.map((e, i) => ({ entryId: e.entry.id!, entryHash: hashes[i] })),
    );
    return { block, more: cut !== null };
  }
}
