import { canonicalEntry, canonicalFormVersion, type SealableEntry } from './canonical-entry';
import {
  type BlockHeader,
  canonicalBlock,
  type Digest,
  genesisHash,
  genesisHorizon,
  type SealedBlock,
} from './chain-block';

/**
 * What verify-chain can find. Block and entry findings come from recomputing the chain; the
 * last three from comparing it with the journal and the periods around it.
 */
export type ChainFindingKind =
  | 'block-hash-mismatch'
  | 'chain-broken'
  | 'entry-altered'
  | 'entry-missing'
  | 'entry-misplaced'
  | 'unsealed-below-horizon'
  | 'entry-in-closed-period'
  | 'kept-head-mismatch';

export interface ChainFinding {
  readonly kind: ChainFindingKind;
  /** The block the finding is in (or whose txid range it falls in); null when there is none. */
  readonly blockSequence: string | null;
  readonly entrySequence: string | null;
  readonly entryId: string | null;
  readonly detail: string;
}

/** A journal_seal row of the block, with its entry as it reads today (null: the row is gone). */
export interface SealRow {
  readonly entrySequence: string;
  readonly entryId: string;
  readonly entryHash: string;
  readonly entry: SealableEntry | null;
}

/** The hash an entry is sealed with. */
export function entryHash(
  entry: SealableEntry,
  functionalCurrency: string,
  digest: Digest,
): string {
  return digest(canonicalEntry(entry, functionalCurrency));
}

export function blockHash(
  header: BlockHeader,
  entryHashes: readonly string[],
  digest: Digest,
): string {
  return digest(canonicalBlock(header, entryHashes));
}

/**
 * Recomputes one block against its predecessor and its entries as they read today. Reports every
 * problem in the block, block-level ones first, then entry by entry.
 */
export function checkBlock(
  block: SealedBlock,
  previous: SealedBlock | null,
  seals: readonly SealRow[],
  functionalCurrency: string,
  digest: Digest,
): ChainFinding[] {
  const findings = checkLink(block, previous);
  if (block.canonicalVersion !== canonicalFormVersion) {
    const unknown = `sealed with canonical form v${block.canonicalVersion}, which this verifier does not know`;
    return [...findings, blockFinding(block, unknown)];
  }
  const entryFindings = missingSeals(block, seals);
  const recomputed: string[] = [];
  let before: SealableEntry | null = null;
  for (const seal of seals) {
    const hash = seal.entry ? entryHash(seal.entry, functionalCurrency, digest) : seal.entryHash;
    recomputed.push(hash);
    for (const [kind, problem] of sealProblems(block, seal, hash, before)) {
      entryFindings.push(entryFinding(kind, block, seal.entrySequence, seal.entryId, problem));
    }
    before = seal.entry ?? before;
  }
  if (blockHash(block, recomputed, digest) !== block.hash) {
    findings.push(
      blockFinding(
        block,
        entryFindings.length === 0
          ? 'its entries match their seal rows, but not the block hash: the seal rows or the block were rewritten'
          : 'its entries no longer hash to the sealed block hash',
      ),
    );
  }
  return [...findings, ...entryFindings];
}

/**
 * A block known only by its header and the hashes of its entries, as an export carries the blocks
 * after its range up to the head: enough to carry the chain on to a kept head, not to see them.
 */
export function checkCarriedBlock(
  block: SealedBlock,
  previous: SealedBlock | null,
  entryHashes: readonly string[],
  digest: Digest,
): ChainFinding[] {
  const findings = checkLink(block, previous);
  if (entryHashes.length !== block.entryCount) {
    const count = `carries ${entryHashes.length} entry hashes for its ${block.entryCount} entries`;
    findings.push(blockFinding(block, count));
  }
  if (blockHash(block, entryHashes, digest) !== block.hash) {
    findings.push(blockFinding(block, 'its header and entry hashes do not hash to its block hash'));
  }
  return findings;
}

/**
 * The predecessor a block names (its sequence, hash, horizon and where its entries end), for a
 * check that starts in the middle of the chain; null for block 1, which follows the genesis.
 */
export function namedPredecessor(block: SealedBlock): SealedBlock | null {
  if (BigInt(block.sequence) <= 1n) return null;
  return {
    cooperativeId: block.cooperativeId,
    sequence: (BigInt(block.sequence) - 1n).toString(),
    previousHash: '',
    previousHorizon: '',
    horizon: block.previousHorizon,
    firstEntrySequence: block.firstEntrySequence,
    entryCount: 0,
    canonicalVersion: block.canonicalVersion,
    sealedAt: '',
    hash: block.previousHash,
  };
}

/** Places in the block's entry sequence that no seal row holds any more. */
function missingSeals(block: SealedBlock, seals: readonly SealRow[]): ChainFinding[] {
  const present = new Set(seals.map((s) => s.entrySequence));
  const first = BigInt(block.firstEntrySequence);
  const missing: ChainFinding[] = [];
  for (let i = 0n; i < BigInt(block.entryCount); i++) {
    const sequence = (first + i).toString();
    if (present.has(sequence)) continue;
    const problem = 'its seal row is gone (entry deleted from the sealed journal)';
    missing.push(entryFinding('entry-missing', block, sequence, null, problem));
  }
  return missing;
}

/** What is wrong with one sealed entry: gone, changed, or out of its place. */
function sealProblems(
  block: SealedBlock,
  seal: SealRow,
  hash: string,
  before: SealableEntry | null,
): Array<[ChainFindingKind, string]> {
  const problems: Array<[ChainFindingKind, string]> = [];
  const position = BigInt(seal.entrySequence) - BigInt(block.firstEntrySequence);
  if (position < 0n || position >= BigInt(block.entryCount)) {
    problems.push(['entry-misplaced', 'its sequence lies outside the block']);
  }
  if (!seal.entry) return [...problems, ['entry-missing', 'the sealed entry no longer exists']];
  if (hash !== seal.entryHash) {
    problems.push(['entry-altered', 'the entry or its postings differ from what was sealed']);
  }
  const misplaced = placementProblem(block, seal.entry, before);
  if (misplaced) problems.push(['entry-misplaced', misplaced]);
  return problems;
}

/** Gap-free block and entry sequences, each block naming its predecessor's hash and horizon. */
function checkLink(block: SealedBlock, previous: SealedBlock | null): ChainFinding[] {
  const expected = {
    sequence: previous ? (BigInt(previous.sequence) + 1n).toString() : '1',
    previousHash: previous?.hash ?? genesisHash,
    previousHorizon: previous?.horizon ?? genesisHorizon,
    firstEntrySequence: previous
      ? (BigInt(previous.firstEntrySequence) + BigInt(previous.entryCount)).toString()
      : '1',
  };
  const problems: string[] = [];
  if (block.sequence !== expected.sequence) {
    problems.push(
      `follows block ${previous?.sequence ?? '(none)'}: block ${expected.sequence} is missing`,
    );
  }
  if (block.previousHash !== expected.previousHash) problems.push('names another previous hash');
  if (block.previousHorizon !== expected.previousHorizon)
    problems.push('starts at another horizon than its predecessor ended');
  if (BigInt(block.horizon) <= BigInt(block.previousHorizon))
    problems.push('its horizon does not advance');
  if (block.firstEntrySequence !== expected.firstEntrySequence) {
    problems.push(
      `starts at entry sequence ${block.firstEntrySequence}, not ${expected.firstEntrySequence}`,
    );
  }
  return problems.map((problem) => ({
    kind: 'chain-broken',
    blockSequence: block.sequence,
    entrySequence: null,
    entryId: null,
    detail: `block ${block.sequence} ${problem}`,
  }));
}

/** Sealed entries lie in the block's txid range, in (txid, id) order. */
function placementProblem(
  block: SealedBlock,
  entry: SealableEntry,
  before: SealableEntry | null,
): string | null {
  const txid = wholeOrNull(entry.entry.txid);
  if (txid === null || txid < BigInt(block.previousHorizon) || txid >= BigInt(block.horizon)) {
    return `its txid ${entry.entry.txid} lies outside the block's range [${block.previousHorizon}, ${block.horizon})`;
  }
  if (before && compareSealOrder(before, entry) >= 0) {
    return `it is out of (txid, id) order after entry ${before.entry.id}`;
  }
  return null;
}

/** The sealing order: txid, then id (uuids compare as their lower-case text, as in PostgreSQL). */
export function compareSealOrder(a: SealableEntry, b: SealableEntry): number {
  const x = wholeOrNull(a.entry.txid) ?? -1n;
  const y = wholeOrNull(b.entry.txid) ?? -1n;
  if (x !== y) return x < y ? -1 : 1;
  const p = (a.entry.id ?? '').toLowerCase();
  const q = (b.entry.id ?? '').toLowerCase();
  return p < q ? -1 : p > q ? 1 : 0;
}

function wholeOrNull(value: string | null): bigint | null {
  return value !== null && /^\d+$/.test(value) ? BigInt(value) : null;
}

function blockFinding(block: SealedBlock, problem: string): ChainFinding {
  return {
    kind: 'block-hash-mismatch',
    blockSequence: block.sequence,
    entrySequence: null,
    entryId: null,
    detail: `block ${block.sequence}: ${problem}`,
  };
}

function entryFinding(
  kind: ChainFindingKind,
  block: SealedBlock,
  entrySequence: string,
  entryId: string | null,
  problem: string,
): ChainFinding {
  const name = entryId
    ? `entry ${entryId} (sequence ${entrySequence})`
    : `entry sequence ${entrySequence}`;
  return {
    kind,
    blockSequence: block.sequence,
    entrySequence,
    entryId,
    detail: `block ${block.sequence}, ${name}: ${problem}`,
  };
}
