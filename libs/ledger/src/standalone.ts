/**
 * The journal's chain without Nest or TypeORM: the canonical form, block and entry hashes, block
 * checks and chain heads, for a process that verifies an export offline or must stay small (the
 * CLI). Everything here is also in index.ts.
 */
export {
  canonicalEntry,
  canonicalFormVersion,
  canonicalTimestamp,
  entryColumns,
  type EntryRecord,
  postingColumns,
  type PostingRecord,
  type SealableEntry,
} from './domain/canonical-entry';
export {
  type BlockHeader,
  canonicalBlock,
  type ChainHead,
  type Digest,
  formatChainHead,
  genesisHash,
  genesisHorizon,
  parseChainHead,
  type SealedBlock,
} from './domain/chain-block';
export {
  blockHash,
  type ChainFinding,
  type ChainFindingKind,
  checkBlock,
  checkCarriedBlock,
  compareSealOrder,
  entryHash,
  namedPredecessor,
  type SealRow,
} from './domain/chain-check';
export { checkKeptHead, type KeptHeadCheck } from './domain/kept-head';
export { sha256Hex } from './infrastructure/sha256';
