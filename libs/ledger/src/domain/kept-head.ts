import type { ChainHead, SealedBlock } from './chain-block';
import type { ChainFinding, ChainFindingKind } from './chain-check';

/** Findings about the sealed chain itself; the others concern entries outside it. */
const chainKinds = new Set<ChainFindingKind>([
  'block-hash-mismatch',
  'chain-broken',
  'entry-altered',
  'entry-missing',
  'entry-misplaced',
]);

export interface KeptHeadCheck {
  readonly sequence: string;
  readonly hash: string;
  /** True when the journal still extends the kept head: same block, same hash, intact chain. */
  readonly included: boolean;
  readonly detail: string;
}

/**
 * A head kept outside the system is proven included when the block at its sequence still carries
 * its hash and no block up to it has a finding: every later block chains from it by hash, so the
 * journal the auditor saw then is a prefix of the journal today. Whoever rewrote a block at or
 * before it, and rehashed every block after, cannot give it the kept hash back.
 */
export function checkKeptHead(
  kept: ChainHead,
  block: SealedBlock | null,
  findings: readonly ChainFinding[],
): KeptHeadCheck {
  const base = { sequence: kept.sequence, hash: kept.hash };
  if (!block) {
    return { ...base, included: false, detail: `the journal has no block ${kept.sequence}` };
  }
  if (block.hash !== kept.hash) {
    return {
      ...base,
      included: false,
      detail: `block ${kept.sequence} now has hash ${block.hash}: the journal was rewritten at or before it`,
    };
  }
  const upTo = BigInt(kept.sequence);
  const broken = findings.find(
    (f) => chainKinds.has(f.kind) && f.blockSequence !== null && BigInt(f.blockSequence) <= upTo,
  );
  if (broken) {
    return {
      ...base,
      included: false,
      detail: `the chain up to block ${kept.sequence} no longer verifies: ${broken.detail}`,
    };
  }
  return {
    ...base,
    included: true,
    detail: `block ${kept.sequence} still has the kept hash and the journal extends it`,
  };
}
