import type { ExportVerification } from '@lumbung/exports/standalone';

/** Findings printed in full before the rest is summarised. */
const printedFindings = 50;

/** verify-chain --export's text report: the verdict last, so `| tail -1` tells it. */
export function renderExportVerification(file: string, v: ExportVerification): string {
  const whole = v.firstBlock === null ? 'none' : `${v.firstBlock}..${v.lastWholeBlock}`;
  const lines = [
    `Export ${file}: ${v.cooperative.code}, value dates ${v.from} to ${v.to}, canonical form v${v.canonicalVersion}`,
    `Blocks carried whole: ${whole} (${v.wholeBlocks}; ${v.entries} entries, ${v.postings} postings); by their entry hashes after them: ${v.carriedBlocks}, up to block ${v.lastBlock ?? 'none'}`,
    `Kept head ${v.keptHead.sequence}:${v.keptHead.hash}: ${v.keptHead.included ? 'reached' : 'NOT reached'} (${v.keptHead.detail})`,
  ];
  if (v.ok) {
    lines.push(
      'OK: every block recomputes from the file and chains to the kept head, every posting reads its hashed columns, every entry balances',
    );
    return lines.join('\n');
  }
  const first = v.firstFinding;
  if (first) {
    const block = first.blockSequence ? `, block ${first.blockSequence}` : '';
    const entry = first.entryId
      ? `, entry ${first.entryId}${first.entrySequence ? ` (sequence ${first.entrySequence})` : ''}`
      : first.entrySequence
        ? `, entry sequence ${first.entrySequence}`
        : '';
    lines.push(
      `First mismatch: line ${first.line}${block}${entry}`,
      `  ${first.kind}: ${first.detail}`,
    );
  }
  lines.push('Findings:');
  for (const finding of v.findings.slice(0, printedFindings)) {
    lines.push(`  line ${finding.line} ${finding.kind}: ${finding.detail}`);
  }
  if (v.findingCount > printedFindings) {
    lines.push(`  ... and ${v.findingCount - printedFindings} more (--json lists them)`);
  }
  lines.push(`FAILED: ${v.findingCount} finding(s)`);
  return lines.join('\n');
}
