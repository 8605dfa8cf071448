import type { ExportHeader } from '../domain/export-records';
import {
  type BlockRecordHeader,
  blockRecord,
  carriedBlockRecord,
  entryRecord,
  wholeBlocksEndRecord,
  wholeBlocksHeaderRecord,
  wholeBlocksPostingRecord,
} from '../domain/whole-blocks-records';
import type { ExportSession } from '../infrastructure/export-session';
import { WholeBlocksReader } from '../infrastructure/whole-blocks-reader';
import type { LedgerExportSink, LedgerExportSummary } from './export-sink';

const line = (record: object): string => `${JSON.stringify(record)}\n`;

/** `KSP-KUPANG-ledger-2026-01-01-2026-12-31-whole-blocks.jsonl` */
export function wholeBlocksFileName(cooperativeCode: string, from: string, to: string): string {
  return `${cooperativeCode}-ledger-${from}-${to}-whole-blocks.jsonl`;
}

/**
 * A whole-blocks JSON Lines export (`--whole-blocks`, `wholeBlocks=true`): the chain blocks from
 * the first to the last that holds an entry valued in the range, each whole (every entry and
 * posting in it, whatever its value date, with every column the canonical form hashes), then the
 * blocks after them up to the head by header and entry hashes, so that `verify-chain --export`
 * can recompute every block and carry the chain on to a head the auditor kept, from the file
 * alone. Entries of the range not sealed yet are not in it (the header counts them): nothing
 * could vouch for them. No balances brought forward either: the blocks' edges are not dates.
 * Streams in the session's snapshot, constant memory (a block's entry hashes at most).
 */
export async function streamWholeBlocks(
  session: ExportSession,
  base: Omit<ExportHeader, 'entries' | 'postings'>,
  cooperativeId: string,
  sink: LedgerExportSink,
  batchSize: number,
): Promise<LedgerExportSummary> {
  const reader = new WholeBlocksReader(session, cooperativeId, batchSize);
  await reader.useCanonicalTextFormats();
  const span = await reader.span(base.from, base.to);
  const counts = span ? await reader.counts(span.first, span.last) : { entries: 0, postings: 0 };
  const header: ExportHeader = { ...base, ...counts };
  const fileName = wholeBlocksFileName(header.cooperative.code, header.from, header.to);
  await sink.start({ fileName, contentType: 'application/jsonl; charset=utf-8', header });
  const write = async (text: string) => {
    if (text !== '') await sink.write(text);
  };
  await write(
    line(
      wholeBlocksHeaderRecord(header, {
        cooperativeId,
        firstBlock: span?.first ?? null,
        lastBlock: span?.last ?? null,
        throughBlock: span ? (header.chainHead?.sequence ?? null) : null,
      }),
    ),
  );
  const totals = { blocks: 0, entries: 0, postings: 0 };
  if (span) {
    const recordsOf = { functionalCurrency: header.cooperative.functionalCurrency, ...header };
    let block: string | null = null;
    let entry: string | null = null;
    sink.progress?.(0, header.postings);
    for await (const rows of reader.wholeBlocks(span.first, span.last)) {
      let text = '';
      for (const row of rows) {
        if (row.block.sequence !== block) {
          block = row.block.sequence;
          totals.blocks++;
          text += line(blockRecord(row.block));
        }
        if (row.seal === null || row.entry === null) continue;
        if (row.seal.entrySequence !== entry) {
          entry = row.seal.entrySequence;
          totals.entries++;
          text += line(entryRecord(row.block.sequence, entry, row.seal.entryHash, row.entry));
        }
        if (row.posting === null || row.account === null) continue;
        const seal = { block: row.block.sequence, blockHash: row.block.hash, ...row.seal };
        text += line(
          wholeBlocksPostingRecord(row.entry, row.posting, seal, row.account, recordsOf),
        );
        totals.postings++;
      }
      await write(text);
      sink.progress?.(totals.postings, header.postings);
    }
    totals.blocks += await writeCarriedBlocks(reader, span.last, write);
  }
  await write(line(wholeBlocksEndRecord(totals)));
  return { fileName, header, entries: totals.entries, postings: totals.postings };
}

/** The blocks after the last one carried whole, each as one record with its entry hashes. */
async function writeCarriedBlocks(
  reader: WholeBlocksReader,
  after: string,
  write: (text: string) => Promise<void>,
): Promise<number> {
  let block: BlockRecordHeader | null = null;
  let hashes: string[] = [];
  let blocks = 0;
  for await (const rows of reader.blocksAfter(after)) {
    let text = '';
    for (const row of rows) {
      if (row.block !== block) {
        if (block) text += line(carriedBlockRecord(block, hashes));
        block = row.block;
        hashes = [];
        blocks++;
      }
      if (row.entryHash !== null) hashes.push(row.entryHash);
    }
    await write(text);
  }
  if (block) await write(line(carriedBlockRecord(block, hashes)));
  return blocks;
}
