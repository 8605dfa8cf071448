import { canonicalFormVersion } from './canonical-entry';
import type { ChainHead, SealedBlock } from './chain-block';
import type { ChainFinding } from './chain-check';
import type { KeptHeadCheck } from './kept-head';

/** An entry outside the chain that verify-chain reports, with the block it concerns if any. */
export interface EntryOutsideChain {
  readonly entryId: string;
  readonly txid: string;
  readonly valueDate: string;
  readonly blockSequence: string | null;
  readonly entrySequence: string | null;
  /** For a closed-month finding: when the month was closed. */
  readonly closedAt: string | null;
}

/** What verify-chain answers: the API returns it as JSON, the CLI prints it. */
export interface ChainVerification {
  readonly cooperativeId: string;
  readonly canonicalVersion: number;
  readonly ok: boolean;
  readonly blocks: number;
  readonly sealedEntries: number;
  readonly head: SealedBlock | null;
  /** Entries at or above the last horizon, waiting for the next sealing run (not a finding). */
  readonly pendingEntries: number;
  readonly firstBadBlock: string | null;
  readonly firstBadEntry: {
    readonly entryId: string | null;
    readonly entrySequence: string | null;
    readonly blockSequence: string | null;
  } | null;
  readonly keptHead: KeptHeadCheck | null;
  readonly findingCount: number;
  readonly findings: readonly ChainFinding[];
}

export type ChainFacts = Pick<
  ChainVerification,
  'blocks' | 'sealedEntries' | 'head' | 'keptHead' | 'pendingEntries'
>;

export function unsealedBelowHorizon(entry: EntryOutsideChain, horizon: string): ChainFinding {
  const range = entry.blockSequence ? ` (its txid falls in block ${entry.blockSequence})` : '';
  return {
    kind: 'unsealed-below-horizon',
    blockSequence: entry.blockSequence,
    entrySequence: null,
    entryId: entry.entryId,
    detail: `entry ${entry.entryId} has txid ${entry.txid}, below the horizon ${horizon}, but no block holds it${range}`,
  };
}

export function writtenInClosedPeriod(entry: EntryOutsideChain): ChainFinding {
  const sealed = entry.blockSequence ? `sealed in block ${entry.blockSequence}` : 'not sealed yet';
  return {
    kind: 'entry-in-closed-period',
    blockSequence: entry.blockSequence,
    entrySequence: entry.entrySequence,
    entryId: entry.entryId,
    detail: `entry ${entry.entryId} has value date ${entry.valueDate}, in ${entry.valueDate.slice(0, 7)}, which was closed (${entry.closedAt}) before it was written; ${sealed}`,
  };
}

export function keptHeadNotIncluded(kept: ChainHead, check: KeptHeadCheck): ChainFinding {
  return {
    kind: 'kept-head-mismatch',
    blockSequence: kept.sequence,
    entrySequence: null,
    entryId: null,
    detail: `kept head ${kept.sequence}:${kept.hash} is not included: ${check.detail}`,
  };
}

/** The verdict, leading with the first bad block and the first bad entry in it. */
export function chainVerdict(
  cooperativeId: string,
  findings: readonly ChainFinding[],
  facts: ChainFacts,
  maxReported: number,
): ChainVerification {
  const blocks = findings.flatMap((f) => (f.blockSequence === null ? [] : [f.blockSequence]));
  const firstBadBlock = blocks.sort(compareSequence)[0] ?? null;
  const namesEntry = (f: ChainFinding): boolean => f.entryId !== null || f.entrySequence !== null;
  const firstEntry =
    findings
      .filter((f) => f.blockSequence === firstBadBlock && namesEntry(f))
      .sort((a, b) => compareSequence(a.entrySequence ?? 'last', b.entrySequence ?? 'last'))[0] ??
    findings.find(namesEntry);
  return {
    cooperativeId,
    canonicalVersion: canonicalFormVersion,
    ok: findings.length === 0,
    ...facts,
    firstBadBlock,
    firstBadEntry: firstEntry
      ? {
          entryId: firstEntry.entryId,
          entrySequence: firstEntry.entrySequence,
          blockSequence: firstEntry.blockSequence,
        }
      : null,
    findingCount: findings.length,
    findings: findings.slice(0, maxReported),
  };
}

/** Decimal sequences in numeric order; anything else ('last') after them. */
function compareSequence(a: string, b: string): number {
  const x = /^\d+$/.test(a) ? BigInt(a) : null;
  const y = /^\d+$/.test(b) ? BigInt(b) : null;
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}
