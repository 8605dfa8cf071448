import type { Tx } from '@lumbung/database';
import { canonicalTimestamp } from '../domain/canonical-entry';
import { genesisHash, genesisHorizon, type SealedBlock } from '../domain/chain-block';

/**
 * Namespace of the per-cooperative sealing lock (the second key is the cooperative's lock_key),
 * beside businessDayLockSpace (7301) and idempotencyKeyLockSpace (7302) in posting-store.ts.
 */
export const journalSealingLockSpace = 7303;

/** Where the chain stands: the last block, or the genesis values before the first. */
export interface ChainTip {
  readonly sequence: string;
  readonly hash: string;
  readonly horizon: string;
  readonly nextEntrySequence: string;
}

export const genesisTip: ChainTip = {
  sequence: '0',
  hash: genesisHash,
  horizon: genesisHorizon,
  nextEntrySequence: '1',
};

export interface BlockRow {
  sequence: string;
  previous_hash: string;
  previous_horizon: string;
  horizon: string;
  first_entry_sequence: string;
  entry_count: number;
  canonical_version: number;
  sealed_at: string;
  hash: string;
}

/** The journal_block columns as text, in the shape of BlockRow. */
export const blockColumns = `b.sequence::text AS sequence, b.previous_hash,
  b.previous_horizon::text AS previous_horizon, b.horizon::text AS horizon,
  b.first_entry_sequence::text AS first_entry_sequence, b.entry_count, b.canonical_version,
  b.sealed_at::text AS sealed_at, b.hash`;

export function toSealedBlock(cooperativeId: string, row: BlockRow): SealedBlock {
  return {
    cooperativeId,
    sequence: row.sequence,
    previousHash: row.previous_hash,
    previousHorizon: row.previous_horizon,
    horizon: row.horizon,
    firstEntrySequence: row.first_entry_sequence,
    entryCount: row.entry_count,
    canonicalVersion: row.canonical_version,
    sealedAt: canonicalTimestamp(row.sealed_at),
    hash: row.hash,
  };
}

/** SQL of the sealing run; every call runs inside the run's own transaction. */
export class SealStore {
  constructor(private readonly tx: Tx) {}

  /**
   * The cooperative's sealing lock, without waiting: a second sealer (another worker, a retried
   * job) skips the cooperative instead of queueing behind the first and then finding nothing.
   * Null when the cooperative does not exist.
   */
  async tryLock(cooperativeId: string): Promise<{ functionalCurrency: string } | 'busy' | null> {
    const [row] = await this.tx.query<{ locked: boolean; functional_currency: string }>(
      `SELECT pg_try_advisory_xact_lock($2, lock_key) AS locked, functional_currency
         FROM cooperative WHERE id = $1`,
      [cooperativeId, journalSealingLockSpace],
    );
    if (!row) return null;
    return row.locked ? { functionalCurrency: row.functional_currency } : 'busy';
  }

  /**
   * The horizon (DESIGN.md section 3): every transaction with a txid below the oldest one still
   * running has ended, so no entry can appear below it any more. Read after the lock, in a new
   * statement, so the previous run's block is visible. The seal time comes with it, canonical.
   */
  async horizon(): Promise<{ horizon: string; sealedAt: string }> {
    const [row] = await this.tx.query<{ horizon: string; sealed_at: string }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon,
              clock_timestamp()::text AS sealed_at`,
    );
    return { horizon: row.horizon, sealedAt: row.sealed_at };
  }

  async tip(cooperativeId: string): Promise<ChainTip> {
    const [row] = await this.tx.query<{
      sequence: string;
      hash: string;
      horizon: string;
      next_entry_sequence: string;
    }>(
      // Ordered by the column, b.sequence: a bare "sequence" would sort the text output.
      `SELECT b.sequence::text AS sequence, b.hash, b.horizon::text AS horizon,
              b.next_entry_sequence::text AS next_entry_sequence
         FROM journal_block b WHERE b.cooperative_id = $1 ORDER BY b.sequence DESC LIMIT 1`,
      [cooperativeId],
    );
    return row
      ? {
          sequence: row.sequence,
          hash: row.hash,
          horizon: row.horizon,
          nextEntrySequence: row.next_entry_sequence,
        }
      : genesisTip;
  }

  /**
   * Where to end a block so it holds about `limit` entries: the txid of the first entry beyond
   * the limit (or just past it, when a single transaction already exceeds the limit), or null
   * when the whole range fits. A block always ends at a transaction boundary.
   */
  async cutBefore(
    cooperativeId: string,
    from: string,
    to: string,
    limit: number,
  ): Promise<string | null> {
    const rows = await this.tx.query<{ txid: string }>(
      `(SELECT e.txid::text AS txid FROM journal_entry e
         WHERE e.cooperative_id = $1 AND e.txid >= $2::xid8 AND e.txid < $3::xid8
         ORDER BY e.txid, e.id LIMIT 1)
       UNION ALL
       (SELECT e.txid::text FROM journal_entry e
         WHERE e.cooperative_id = $1 AND e.txid >= $2::xid8 AND e.txid < $3::xid8
         ORDER BY e.txid, e.id OFFSET $4 LIMIT 1)`,
      [cooperativeId, from, to, limit],
    );
    if (rows.length < 2) return null;
    const [first, beyond] = rows.map((r) => BigInt(r.txid));
    return (beyond > first ? beyond : beyond + 1n).toString();
  }

  /** The block and its entry rows in one statement: the foreign keys see both together. */
  async insert(
    block: SealedBlock,
    entries: ReadonlyArray<{ entryId: string; entryHash: string }>,
  ): Promise<void> {
    const first = BigInt(block.firstEntrySequence);
    await this.tx.query(
      `WITH block AS (
         INSERT INTO journal_block (cooperative_id, sequence, previous_horizon, horizon,
                                    previous_hash, hash, first_entry_sequence, entry_count,
                                    canonical_version, sealed_at)
         VALUES ($1, $2, $3::xid8, $4::xid8, $5, $6, $7, $8, $9, $10::timestamptz)
       )
       INSERT INTO journal_block_entry (cooperative_id, entry_sequence, entry_id, block_sequence,
                                        entry_hash)
       SELECT $1, s, e, $2, h FROM unnest($11::bigint[], $12::uuid[], $13::text[]) AS x(s, e, h)`,
      [
        block.cooperativeId,
        block.sequence,
        block.previousHorizon,
        block.horizon,
        block.previousHash,
        block.hash,
        block.firstEntrySequence,
        block.entryCount,
        block.canonicalVersion,
        block.sealedAt,
        entries.map((_, i) => (first + BigInt(i)).toString()),
        entries.map((e) => e.entryId),
        entries.map((e) => e.entryHash),
      ],
    );
  }
}

export interface SealingLag {
  /** Entries no block holds yet, over every cooperative. */
  readonly unsealedEntries: number;
  /** Seconds since the oldest of them was recorded; null when every entry is sealed. */
  readonly oldestUnsealedSeconds: number | null;
}

/**
 * How far sealing is behind: entries at or above each cooperative's last horizon (below it,
 * every entry is sealed unless the journal was tampered with, which verify-chain reports).
 * Index range scans on (cooperative_id, txid), so cheap enough for every health check.
 */
export async function readSealingLag(tx: Tx): Promise<SealingLag> {
  const [row] = await tx.query<{ unsealed: string; oldest_seconds: string | null }>(
    `SELECT count(e.id)::text AS unsealed,
            floor(extract(epoch FROM clock_timestamp() - min(e.recorded_at)))::text AS oldest_seconds
       FROM cooperative c
       LEFT JOIN LATERAL (SELECT b.horizon FROM journal_block b WHERE b.cooperative_id = c.id
                           ORDER BY b.sequence DESC LIMIT 1) b ON true
       JOIN journal_entry e ON e.cooperative_id = c.id
        AND e.txid >= coalesce(b.horizon, '0'::xid8)`,
  );
  return {
    unsealedEntries: Number(row.unsealed),
    oldestUnsealedSeconds: row.oldest_seconds === null ? null : Number(row.oldest_seconds),
  };
}
