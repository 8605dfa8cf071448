import {
  blockHash,
  type ChainHead,
  entryHash,
  type EntryRecord,
  type PostingRecord,
  type SealableEntry,
  sha256Hex,
} from '@lumbung/ledger/standalone';
import {
  type BlockRecordHeader,
  blockRecord,
  carriedBlockRecord,
  entryRecord,
  wholeBlocksEndRecord,
  wholeBlocksHeaderRecord,
  wholeBlocksPostingRecord,
} from '../domain/whole-blocks-records';
import {
  ExportChainVerifier,
  type ExportVerification,
  NotWholeBlocksExportError,
} from './export-verification';

const cooperativeId = '0190f2a4-6c3b-7000-8000-0000000000c0';
const from = '2026-11-20';
const to = '2026-11-20';
const account = { code: '1-1101', name: 'Kas', class: 'asset' as const };

function sealable(n: number, txid: number, amount = `${n}000.50`): SealableEntry {
  const id = `0190f2a4-6c3b-7000-8000-${n.toString(16).padStart(12, '0')}`;
  const entry: EntryRecord = {
    cooperative_id: cooperativeId,
    id,
    txid: String(txid),
    posting_date: '2026-11-20',
    value_date: n % 2 === 0 ? '2026-11-19' : '2026-11-20',
    description: `Setoran ${n}`,
    source_type: 'test',
    source_id: null,
    idempotency_key: null,
    reverses_entry_id: null,
    voucher_series: null,
    voucher_number: null,
    recorded_by: null,
    recorded_at: '2026-11-20 02:00:00.123456+00',
  };
  const posting = (lineNo: string, value: string): PostingRecord => ({
    cooperative_id: cooperativeId,
    entry_id: id,
    line_no: lineNo,
    account_id: cooperativeId,
    currency: 'IDR',
    amount: value,
    functional_amount: value,
    fx_rate: null,
    fx_rate_id: null,
    value_date: entry.value_date,
    counterparty_class: 'member',
    agreement_id: null,
    program: null,
    sector: null,
    commodity: null,
    region: 'NTT',
    memo: null,
    balance_after: value,
    account_version: String(n),
  });
  return { entry, postings: [posting('1', amount), posting('2', `-${amount}`)] };
}

interface Sealed {
  readonly header: BlockRecordHeader;
  readonly entries: SealableEntry[];
  readonly hashes: string[];
}

/** Blocks 4..7 of a chain, two entries each, sealed as the sealing service does. */
function chain(): Sealed[] {
  const blocks: Sealed[] = [];
  let previousHash = 'ab'.repeat(32);
  let horizon = 100;
  let firstEntry = 7;
  for (let sequence = 4; sequence <= 7; sequence++) {
    const entries = [
      sealable(sequence * 10, horizon + 1),
      sealable(sequence * 10 + 1, horizon + 2),
    ];
    const hashes = entries.map((e) => entryHash(e, 'IDR', sha256Hex));
    const header = {
      cooperativeId,
      sequence: String(sequence),
      previousHash,
      previousHorizon: String(horizon),
      horizon: String(horizon + 10),
      firstEntrySequence: String(firstEntry),
      entryCount: entries.length,
      canonicalVersion: 1,
      sealedAt: '2026-11-20T02:00:05.000000Z',
    };
    const hash = blockHash(header, hashes, sha256Hex);
    const { cooperativeId: _, ...record } = header;
    blocks.push({ header: { ...record, hash }, entries, hashes });
    previousHash = hash;
    horizon += 10;
    firstEntry += entries.length;
  }
  return blocks;
}

/** The lines of a whole-blocks export carrying blocks 4..5 whole and 6..7 by their hashes. */
function exportLines(blocks = chain()): string[] {
  const line = (record: object) => JSON.stringify(record);
  const header = {
    cooperative: { code: 'KSP-KUPANG', name: 'KSP Kupang', functionalCurrency: 'IDR' },
    from,
    to,
    openingDate: '2026-11-19',
    generatedAt: '2026-11-20T03:00:00.000000Z',
    chainHead: { sequence: '7', hash: blocks[3].header.hash },
    entries: 4,
    postings: 8,
    unsealedEntries: 0,
    currencies: ['IDR'],
  };
  const lines = [
    line(
      wholeBlocksHeaderRecord(header, {
        cooperativeId,
        firstBlock: '4',
        lastBlock: '5',
        throughBlock: '7',
      }),
    ),
  ];
  for (const block of blocks.slice(0, 2)) {
    lines.push(line(blockRecord(block.header)));
    block.entries.forEach((entry, i) => {
      const entrySequence = String(Number(block.header.firstEntrySequence) + i);
      lines.push(
        line(entryRecord(block.header.sequence, entrySequence, block.hashes[i], entry.entry)),
      );
      const seal = {
        block: block.header.sequence,
        blockHash: block.header.hash,
        entrySequence,
        entryHash: block.hashes[i],
      };
      for (const posting of entry.postings) {
        const records = { functionalCurrency: 'IDR', from, to };
        lines.push(line(wholeBlocksPostingRecord(entry.entry, posting, seal, account, records)));
      }
    });
  }
  for (const block of blocks.slice(2))
    lines.push(line(carriedBlockRecord(block.header, block.hashes)));
  lines.push(line(wholeBlocksEndRecord({ blocks: 4, entries: 4, postings: 8 })));
  return lines;
}

function verify(lines: readonly string[], kept: ChainHead): ExportVerification {
  const verifier = new ExportChainVerifier(kept, sha256Hex);
  for (const text of lines) verifier.add(text);
  return verifier.finish();
}

const headOf = (blocks: Sealed[], sequence: number): ChainHead => ({
  sequence: String(sequence),
  hash: blocks.find((b) => b.header.sequence === String(sequence))!.header.hash,
});

/** Index of the line holding a record of `kind` whose JSON contains `text`. */
function lineOf(lines: readonly string[], kind: string, text: string): number {
  const at = lines.findIndex((l) => l.includes(`"record":"${kind}"`) && l.includes(text));
  if (at < 0) throw new Error(`no ${kind} line with ${text}`);
  return at;
}

/** The parts of a record the tests change. */
interface EditedRecord {
  columns: Record<string, string | null>;
  entryHashes: string[];
  debit: string | null;
  credit: string | null;
}

function edit(lines: string[], at: number, change: (record: EditedRecord) => void): string[] {
  const record = JSON.parse(lines[at]);
  change(record);
  return lines.map((l, i) => (i === at ? JSON.stringify(record) : l));
}

describe('ExportChainVerifier (verify-chain --export)', () => {
  const blocks = chain();
  const head = headOf(blocks, 7);

  it('recomputes an intact file to the kept head, at the last block or an earlier one', () => {
    const result = verify(exportLines(blocks), head);
    expect(result).toMatchObject({
      ok: true,
      firstBlock: '4',
      lastWholeBlock: '5',
      lastBlock: '7',
      wholeBlocks: 2,
      carriedBlocks: 2,
      entries: 4,
      postings: 8,
      findingCount: 0,
      firstFinding: null,
    });
    expect(result.keptHead.included).toBe(true);
    expect(verify(exportLines(blocks), headOf(blocks, 5)).ok).toBe(true);
  });

  it('finds a tampered amount, naming the block and the entry', () => {
    const lines = exportLines(blocks);
    const at = lineOf(lines, 'posting', '"line_no":"1"');
    const tampered = edit(lines, at, (r) => {
      r.columns.amount = '40000.60';
      r.debit = '40000.60';
    });
    const result = verify(tampered, head);
    expect(result.ok).toBe(false);
    expect(result.firstFinding).toMatchObject({
      kind: 'entry-altered',
      blockSequence: '4',
      entrySequence: '7',
      entryId: blocks[0].entries[0].entry.id,
    });
    expect(result.findings.map((f) => f.kind)).toEqual(
      expect.arrayContaining(['entry-unbalanced', 'block-hash-mismatch', 'kept-head-mismatch']),
    );
  });

  it('finds a readable amount that is not the hashed one', () => {
    const lines = exportLines(blocks);
    const at = lineOf(lines, 'posting', '"line_no":"2"');
    const result = verify(
      edit(lines, at, (r) => {
        r.credit = '1.00';
      }),
      head,
    );
    expect(result.ok).toBe(false);
    expect(result.findingCount).toBe(1);
    expect(result.firstFinding).toMatchObject({
      kind: 'record-mismatch',
      line: at + 1,
      blockSequence: '4',
    });
    expect(result.firstFinding!.detail).toMatch(
      /^block 4, entry \S+ \(sequence 7\): posting line 2: its readable fields differ/,
    );
  });

  it('finds a removed entry', () => {
    const lines = exportLines(blocks);
    const at = lineOf(lines, 'entry', '"entrySequence":"10"');
    const removed = lines.filter((_, i) => i < at || i > at + 2);
    const result = verify(removed, head);
    expect(result.ok).toBe(false);
    expect(result.firstFinding).toMatchObject({ blockSequence: '5' });
    expect(result.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'entry-missing', blockSequence: '5', entrySequence: '10' }),
      ]),
    );
  });

  it('finds an inserted entry', () => {
    const lines = exportLines(blocks);
    const at = lineOf(lines, 'block', '"sequence":"5"');
    const extra = sealable(99, 112);
    const seal = {
      block: '4',
      blockHash: blocks[0].header.hash,
      entrySequence: '9',
      entryHash: entryHash(extra, 'IDR', sha256Hex),
    };
    const inserted = [
      ...lines.slice(0, at),
      JSON.stringify(entryRecord('4', '9', seal.entryHash, extra.entry)),
      ...extra.postings.map((p) =>
        JSON.stringify(
          wholeBlocksPostingRecord(extra.entry, p, seal, account, {
            functionalCurrency: 'IDR',
            from,
            to,
          }),
        ),
      ),
      ...lines.slice(at),
    ];
    const result = verify(inserted, head);
    expect(result.ok).toBe(false);
    expect(result.firstFinding).toMatchObject({ blockSequence: '4' });
    expect(result.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'entry-misplaced',
          blockSequence: '4',
          entrySequence: '9',
        }),
        expect.objectContaining({ kind: 'block-hash-mismatch', blockSequence: '4' }),
      ]),
    );
  });

  it('finds reordered entries', () => {
    const lines = exportLines(blocks);
    const first = lineOf(lines, 'entry', '"entrySequence":"7"');
    const second = lineOf(lines, 'entry', '"entrySequence":"8"');
    const reordered = [
      ...lines.slice(0, first),
      ...lines.slice(second, second + 3),
      ...lines.slice(first, second),
      ...lines.slice(second + 3),
    ];
    const result = verify(reordered, head);
    expect(result.ok).toBe(false);
    expect(result.firstFinding).toMatchObject({ blockSequence: '4' });
    expect(result.findings.map((f) => f.kind)).toEqual(
      expect.arrayContaining(['entry-misplaced', 'block-hash-mismatch']),
    );
  });

  it('finds an entry hash changed in a block carried by its hashes', () => {
    const lines = exportLines(blocks);
    const at = lineOf(lines, 'block', '"sequence":"6"');
    const result = verify(
      edit(lines, at, (r) => {
        r.entryHashes[1] = 'f'.repeat(64);
      }),
      head,
    );
    expect(result.firstFinding).toMatchObject({
      kind: 'block-hash-mismatch',
      blockSequence: '6',
      line: at + 1,
    });
  });

  it('refuses a wrong head, a head the file does not reach, and one that does not cover it', () => {
    const lines = exportLines(blocks);
    const wrong = verify(lines, { sequence: '7', hash: 'c'.repeat(64) });
    expect(wrong.ok).toBe(false);
    expect(wrong.firstFinding).toMatchObject({ kind: 'kept-head-mismatch', blockSequence: '7' });
    expect(wrong.keptHead.included).toBe(false);
    const later = verify(lines, { sequence: '9', hash: head.hash });
    expect(later.firstFinding?.detail).toContain(
      'carries the chain to block 7, not to the kept head 9',
    );
    const inside = verify(lines, headOf(blocks, 4));
    expect(inside.firstFinding?.detail).toContain(
      'blocks 5..5 hold entries of the file but come after the kept head 4',
    );
    const before = verify(lines, { sequence: '2', hash: head.hash });
    expect(before.firstFinding?.detail).toContain("before the file's first block 4");
  });

  it('finds a file cut short and a balance the chain itself vouches for', () => {
    const lines = exportLines(blocks);
    const cut = verify(lines.slice(0, -1), head);
    expect(cut.findings.map((f) => f.kind)).toEqual(['file-incomplete']);
    // Sealed that way: the chain verifies, the balance does not.
    const lopsided = chain();
    const entry = lopsided[0].entries[1];
    const credit = { ...entry.postings[1], amount: '-1.00' };
    lopsided[0].entries[1] = { ...entry, postings: [entry.postings[0], credit] };
    const reSealed = resealFrom(lopsided);
    const result = verify(exportLines(reSealed), headOf(reSealed, 7));
    expect(result.findings.map((f) => f.kind)).toEqual(['entry-unbalanced']);
    expect(result.firstFinding?.detail).toBe(
      `block 4, entry ${entry.entry.id} (sequence 8): its postings in IDR sum to 40999.5, not zero`,
    );
  });

  it('refuses a file that is not a whole-blocks export', () => {
    const verifier = new ExportChainVerifier(head, sha256Hex);
    expect(() => verifier.add('entry_id,entry_sequence,debit')).toThrow(NotWholeBlocksExportError);
    const jsonl = new ExportChainVerifier(head, sha256Hex);
    expect(() => jsonl.add('{"record":"export","version":1,"from":"2026-01-01"}')).toThrow(
      'its export record names no whole blocks: not a whole-blocks export',
    );
    expect(() => new ExportChainVerifier(head, sha256Hex).finish()).toThrow('the file is empty');
  });
});

/** The blocks' hashes recomputed from their (possibly changed) entries, chained again. */
function resealFrom(blocks: Sealed[]): Sealed[] {
  let previousHash = blocks[0].header.previousHash;
  return blocks.map((block) => {
    const hashes = block.entries.map((e) => entryHash(e, 'IDR', sha256Hex));
    const header = { ...block.header, previousHash };
    const hash = blockHash({ ...header, cooperativeId }, hashes, sha256Hex);
    previousHash = hash;
    return { header: { ...header, hash }, entries: block.entries, hashes };
  });
}
