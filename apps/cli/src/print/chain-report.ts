import type { ChainVerification } from '@lumbung/ledger';
import { formatChainHead, type SealedBlock } from '@lumbung/ledger/standalone';

/** Findings printed in full before the rest is summarised: a terminal, not a report file. */
const printedFindings = 50;

/** verify-chain's text report: the verdict last, so `| tail -1` tells it. */
export function renderVerification(code: string, v: ChainVerification): string {
  const lines = [
    `Chain of ${code}: ${v.blocks} block(s), ${v.sealedEntries} sealed entr${v.sealedEntries === 1 ? 'y' : 'ies'}, canonical form v${v.canonicalVersion}`,
    v.head ? `Head: ${describeHead(v.head)}` : 'Head: no block sealed yet',
    `Waiting for the next sealing run: ${v.pendingEntries} entr${v.pendingEntries === 1 ? 'y' : 'ies'}`,
  ];
  if (v.keptHead) {
    lines.push(
      `Kept head ${v.keptHead.sequence}:${v.keptHead.hash}: ${v.keptHead.included ? 'included' : 'NOT included'} (${v.keptHead.detail})`,
    );
  }
  if (v.ok) {
    lines.push(
      'OK: every block recomputes, every entry below the horizon is sealed, no entry in a closed month',
    );
    return lines.join('\n');
  }
  if (v.firstBadBlock) lines.push(`First bad block: ${v.firstBadBlock}`);
  if (v.firstBadEntry) {
    const e = v.firstBadEntry;
    lines.push(
      `First bad entry: ${e.entryId ?? '(deleted)'}${e.entrySequence ? ` at entry sequence ${e.entrySequence}` : ''}${e.blockSequence ? ` in block ${e.blockSequence}` : ''}`,
    );
  }
  lines.push('Findings:');
  for (const finding of v.findings.slice(0, printedFindings))
    lines.push(`  ${finding.kind}: ${finding.detail}`);
  if (v.findingCount > printedFindings)
    lines.push(`  ... and ${v.findingCount - printedFindings} more (--json lists them)`);
  lines.push(`FAILED: ${v.findingCount} finding(s)`);
  return lines.join('\n');
}

export function describeHead(head: SealedBlock): string {
  return `${formatChainHead(head)} (sealed ${head.sealedAt}, horizon ${head.horizon}, entries up to sequence ${BigInt(head.firstEntrySequence) + BigInt(head.entryCount) - 1n})`;
}
