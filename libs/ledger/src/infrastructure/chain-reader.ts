import type { Tx } from '@lumbung/database';
import type { EntryRecord } from '../domain/canonical-entry';
import type { SealedBlock } from '../domain/chain-block';
import type { SealRow } from '../domain/chain-check';
import type { EntryOutsideChain } from '../domain/chain-verdict';
import { sealableEntryColumns, withPostings } from './sealable-entries';
import { blockColumns, type BlockRow, toSealedBlock } from './seal-store';

/** The reads of verify-chain and chain-head, all inside one REPEATABLE READ transaction. */
export class ChainReader {
  constructor(private readonly tx: Tx) {}

  /** Blocks after `after`, in sequence order, at most `limit`. */
  async blocks(cooperativeId: string, after: string, limit: number): Promise<SealedBlock[]> {
    const rows = await this.tx.query<BlockRow>(
      `SELECT ${blockColumns} FROM journal_block b
        WHERE b.cooperative_id = $1 AND b.sequence > $2 ORDER BY b.sequence LIMIT $3`,
      [cooperativeId, after, limit],
    );
    return rows.map((row) => toSealedBlock(cooperativeId, row));
  }

  async block(cooperativeId: string, sequence: string): Promise<SealedBlock | null> {
    const [row] = await this.tx.query<BlockRow>(
      `SELECT ${blockColumns} FROM journal_block b WHERE b.cooperative_id = $1 AND b.sequence = $2`,
      [cooperativeId, sequence],
    );
    return row ? toSealedBlock(cooperativeId, row) : null;
  }

  async head(cooperativeId: string): Promise<SealedBlock | null> {
    const [row] = await this.tx.query<BlockRow>(
      `SELECT ${blockColumns} FROM journal_block b
        WHERE b.cooperative_id = $1 ORDER BY b.sequence DESC LIMIT 1`,
      [cooperativeId],
    );
    return row ? toSealedBlock(cooperativeId, row) : null;
  }

  /** The entry rows of blocks first..last with their entries as they read today, per block. */
  async seals(cooperativeId: string, first: string, last: string): Promise<Map<string, SealRow[]>> {
    const rows = await this.tx.query<
      EntryRecord & {
        seal_block: string;
        seal_sequence: string;
        seal_entry_id: string;
        seal_hash: string;
      }
    >(
      `SELECT s.block_sequence::text AS seal_block, s.entry_sequence::text AS seal_sequence,
              s.entry_id::text AS seal_entry_id, s.entry_hash AS seal_hash, ${sealableEntryColumns}
         FROM journal_block_entry s
         LEFT JOIN journal_entry e ON e.cooperative_id = s.cooperative_id AND e.id = s.entry_id
        WHERE s.cooperative_id = $1 AND s.block_sequence BETWEEN $2 AND $3
        ORDER BY s.block_sequence, s.entry_sequence`,
      [cooperativeId, first, last],
    );
    const present = rows.filter((row) => row.id !== null);
    const entries = new Map(
      (await withPostings(this.tx, cooperativeId, present)).map((e) => [e.entry.id, e]),
    );
    const byBlock = new Map<string, SealRow[]>();
    for (const row of rows) {
      const seals = byBlock.get(row.seal_block) ?? [];
      seals.push({
        entrySequence: row.seal_sequence,
        entryId: row.seal_entry_id,
        entryHash: row.seal_hash,
        entry: row.id === null ? null : (entries.get(row.id) ?? null),
      });
      byBlock.set(row.seal_block, seals);
    }
    return byBlock;
  }

  /**
   * Entries with a txid below the last horizon that no block holds: every transaction below it
   * had ended when that block was sealed, so such an entry was written with a forged txid (or its
   * block row was removed). Each comes with the block whose txid range it falls in.
   */
  async unsealedBelow(
    cooperativeId: string,
    horizon: string,
    limit: number,
  ): Promise<EntryOutsideChain[]> {
    const rows = await this.tx.query<{
      entry_id: string;
      txid: string;
      value_date: string;
      block_sequence: string | null;
    }>(
      `SELECT e.id::text AS entry_id, e.txid::text AS txid, e.value_date::text AS value_date,
              (SELECT b.sequence::text FROM journal_block b
                WHERE b.cooperative_id = e.cooperative_id
                  AND e.txid >= b.previous_horizon AND e.txid < b.horizon
                ORDER BY b.sequence LIMIT 1) AS block_sequence
         FROM journal_entry e
        WHERE e.cooperative_id = $1 AND e.txid < $2::xid8
          AND NOT EXISTS (SELECT 1 FROM journal_block_entry s
                           WHERE s.cooperative_id = e.cooperative_id AND s.entry_id = e.id)
        ORDER BY e.txid, e.id LIMIT $3`,
      [cooperativeId, horizon, limit],
    );
    return rows.map((r) => ({
      entryId: r.entry_id,
      txid: r.txid,
      valueDate: r.value_date,
      blockSequence: r.block_sequence,
      entrySequence: null,
      closedAt: null,
    }));
  }

  /**
   * Entries written while their month was closed: the closing transaction's snapshot (taken
   * under the exclusive business-day lock) did not see them, and no reopening came between the
   * close and them. An entry that committed before the close is in that snapshot, however late
   * it was sealed. One pass over the entries that any close could have missed (txid at or above
   * the oldest close snapshot's xmin), each matched to its month's closes by a hash join.
   */
  async writtenInClosedMonths(cooperativeId: string, limit: number): Promise<EntryOutsideChain[]> {
    const rows = await this.tx.query<{
      entry_id: string;
      txid: string;
      value_date: string;
      block_sequence: string | null;
      entry_sequence: string | null;
      closed_at: string;
    }>(
      `WITH closes AS (
         SELECT change_no, month, snapshot, changed_at FROM accounting_period_change
          WHERE cooperative_id = $1 AND status = 'closed'),
       reopens AS (
         SELECT change_no, month, snapshot FROM accounting_period_change
          WHERE cooperative_id = $1 AND status = 'open')
       SELECT DISTINCT ON (e.txid, e.id)
              e.id::text AS entry_id, e.txid::text AS txid, e.value_date::text AS value_date,
              s.block_sequence::text AS block_sequence, s.entry_sequence::text AS entry_sequence,
              c.changed_at::text AS closed_at
         FROM journal_entry e
         JOIN closes c ON c.month = date_trunc('month', e.value_date)::date
         LEFT JOIN journal_block_entry s ON s.cooperative_id = e.cooperative_id AND s.entry_id = e.id
        WHERE e.cooperative_id = $1
          AND e.txid >= (SELECT min(pg_snapshot_xmin(snapshot)) FROM closes)
          AND NOT pg_visible_in_snapshot(e.txid, c.snapshot)
          AND NOT EXISTS (SELECT 1 FROM reopens r
                           WHERE r.month = c.month AND r.change_no > c.change_no
                             AND NOT pg_visible_in_snapshot(e.txid, r.snapshot))
        ORDER BY e.txid, e.id, c.change_no LIMIT $2`,
      [cooperativeId, limit],
    );
    return rows.map((r) => ({
      entryId: r.entry_id,
      txid: r.txid,
      valueDate: r.value_date,
      blockSequence: r.block_sequence,
      entrySequence: r.entry_sequence,
      closedAt: r.closed_at,
    }));
  }

  /** Entries at or above the last horizon: written since, waiting for the next sealing run. */
  async pendingCount(cooperativeId: string, horizon: string): Promise<string> {
    const [row] = await this.tx.query<{ pending: string }>(
      `SELECT count(*)::text AS pending FROM journal_entry
        WHERE cooperative_id = $1 AND txid >= $2::xid8`,
      [cooperativeId, horizon],
    );
    return row.pending;
  }
}
