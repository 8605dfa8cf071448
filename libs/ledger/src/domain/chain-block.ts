import { InvalidInputError } from '@lumbung/core';
import { canonicalJson } from './canonical-json';

/** SHA-256 of a text's UTF-8 bytes, as 64 lower-case hex digits (node:crypto, outside domain/). */
export type Digest = (text: string) => string;

/** What the first block names as its predecessor: no hash, no horizon. */
export const genesisHash = '0'.repeat(64);
export const genesisHorizon = '0';

/** A sealed block as stored in journal_block. Sequences and horizons are decimal strings. */
export interface SealedBlock {
  readonly cooperativeId: string;
  readonly sequence: string;
  readonly previousHash: string;
  readonly previousHorizon: string;
  readonly horizon: string;
  readonly firstEntrySequence: string;
  readonly entryCount: number;
  readonly canonicalVersion: number;
  /** Canonical timestamp (UTC, microseconds), as hashed. */
  readonly sealedAt: string;
  readonly hash: string;
}

export type BlockHeader = Omit<SealedBlock, 'hash'>;

/**
 * The text a block's hash is taken of: the previous hash (the chain), both horizons (the txid
 * range the block answers for), its place in the block and entry sequences, when it was sealed,
 * and the hash of every entry's canonical form in sealing order. Hashing entry hashes rather than
 * the entries themselves binds the same content and lets verification name the entry that
 * changed, from the per-entry hash kept beside it.
 */
export function canonicalBlock(header: BlockHeader, entryHashes: readonly string[]): string {
  return canonicalJson({
    form: 'lumbung.journal-block',
    version: String(header.canonicalVersion),
    cooperative_id: header.cooperativeId,
    sequence: header.sequence,
    previous_hash: header.previousHash,
    previous_horizon: header.previousHorizon,
    horizon: header.horizon,
    first_entry_sequence: header.firstEntrySequence,
    entry_count: String(header.entryCount),
    sealed_at: header.sealedAt,
    entry_hashes: entryHashes,
  });
}

/** A chain head an auditor keeps outside the system: `<block sequence>:<block hash>`. */
export interface ChainHead {
  readonly sequence: string;
  readonly hash: string;
}

export function formatChainHead(head: ChainHead): string {
  return `${head.sequence}:${head.hash}`;
}

export function parseChainHead(text: string, field = 'head'): ChainHead {
  const match = /^([1-9]\d{0,18}):([0-9a-fA-F]{64})$/.exec(text.trim());
  if (!match) {
    throw new InvalidInputError(`${field} must be <block sequence>:<64 hex digits>`, [
      { field, message: 'a chain head as chain-head prints it, e.g. 12:9f86d0...' },
    ]);
  }
  return { sequence: match[1], hash: match[2].toLowerCase() };
}
