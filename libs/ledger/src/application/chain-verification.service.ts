import { isUuid, NotFoundError } from '@lumbung/core';
import { TransactionScope, type Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { type ChainHead, type SealedBlock } from '../domain/chain-block';
import { type ChainFinding, checkBlock } from '../domain/chain-check';
import {
  chainVerdict,
  type ChainVerification,
  keptHeadNotIncluded,
  unsealedBelowHorizon,
  writtenInClosedPeriod,
} from '../domain/chain-verdict';
import { checkKeptHead } from '../domain/kept-head';
import { ChainReader } from '../infrastructure/chain-reader';
import { useCanonicalTextFormats } from '../infrastructure/sealable-entries';
import { sha256Hex } from '../infrastructure/sha256';

/** Blocks are recomputed a page at a time: bounded memory however long the chain. */
const blocksPerPage = 500;
const entriesPerRead = 5_000;
/** Enough to show what happened; the count says how many there are. */
const maxReportedFindings = 1_000;

/**
 * verify-chain (DESIGN.md section 3, invariant 10): recomputes every block from the entries as
 * they read today, and reports unsealed entries below the last horizon, entries written into a
 * closed month, and whether a head kept outside the system is still included. One REPEATABLE
 * READ snapshot, so a sealing run committing meanwhile changes nothing it sees.
 */
@Injectable()
export class ChainVerificationService {
  constructor(private readonly scope: TransactionScope) {}

  verify(cooperativeId: string, kept?: ChainHead): Promise<ChainVerification> {
    return this.read(async (tx) => {
      const functionalCurrency = await this.functionalCurrency(tx, cooperativeId);
      const reader = new ChainReader(tx);
      const chain = await recomputeChain(reader, cooperativeId, functionalCurrency);
      const findings = [...chain.findings];
      const horizon = chain.head?.horizon ?? '0';
      for (const entry of await reader.unsealedBelow(cooperativeId, horizon, maxReportedFindings)) {
        findings.push(unsealedBelowHorizon(entry, horizon));
      }
      for (const entry of await reader.writtenInClosedMonths(cooperativeId, maxReportedFindings)) {
        findings.push(writtenInClosedPeriod(entry));
      }
      let keptHead = null;
      if (kept) {
        keptHead = checkKeptHead(kept, await reader.block(cooperativeId, kept.sequence), findings);
        if (!keptHead.included) findings.push(keptHeadNotIncluded(kept, keptHead));
      }
      const pendingEntries = Number(await reader.pendingCount(cooperativeId, horizon));
      return chainVerdict(
        cooperativeId,
        findings,
        { ...chain, keptHead, pendingEntries },
        maxReportedFindings,
      );
    });
  }

  /** The latest block: what an auditor keeps outside the system. */
  head(cooperativeId: string): Promise<SealedBlock> {
    return this.read(async (tx) => {
      await this.functionalCurrency(tx, cooperativeId);
      const head = await new ChainReader(tx).head(cooperativeId);
      if (!head) throw new NotFoundError('Chain head of cooperative', cooperativeId);
      return head;
    });
  }

  private read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.scope.run(
      async (tx) => {
        await useCanonicalTextFormats(tx);
        return work(tx);
      },
      { isolation: 'REPEATABLE READ', readOnly: true },
    );
  }

  private async functionalCurrency(tx: Tx, cooperativeId: string): Promise<string> {
    const [row] = isUuid(cooperativeId)
      ? await tx.query<{ functional_currency: string }>(
          `SELECT functional_currency FROM cooperative WHERE id = $1`,
          [cooperativeId],
        )
      : [];
    if (!row) throw new NotFoundError('Cooperative', cooperativeId);
    return row.functional_currency;
  }
}

/** Every block against its predecessor and its entries, in sequence order, page by page. */
async function recomputeChain(
  reader: ChainReader,
  cooperativeId: string,
  functionalCurrency: string,
): Promise<{
  findings: ChainFinding[];
  blocks: number;
  sealedEntries: number;
  head: SealedBlock | null;
}> {
  const findings: ChainFinding[] = [];
  let previous: SealedBlock | null = null;
  let blocks = 0;
  let sealedEntries = 0;
  for (;;) {
    const page = await reader.blocks(cooperativeId, previous?.sequence ?? '0', blocksPerPage);
    if (page.length === 0) break;
    for (const group of byEntryCount(page)) {
      const last = group[group.length - 1].sequence;
      const seals = await reader.seals(cooperativeId, group[0].sequence, last);
      for (const block of group) {
        const rows = seals.get(block.sequence) ?? [];
        findings.push(...checkBlock(block, previous, rows, functionalCurrency, sha256Hex));
        sealedEntries += rows.length;
        blocks++;
        previous = block;
      }
    }
  }
  return { findings, blocks, sealedEntries, head: previous };
}

/** Consecutive blocks whose entries together stay near entriesPerRead. */
function byEntryCount(blocks: readonly SealedBlock[]): SealedBlock[][] {
  const groups: SealedBlock[][] = [];
  let current: SealedBlock[] = [];
  let entries = 0;
  for (const block of blocks) {
    if (current.length > 0 && entries + block.entryCount > entriesPerRead) {
      groups.push(current);
      current = [];
      entries = 0;
    }
    current.push(block);
    entries += block.entryCount;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
