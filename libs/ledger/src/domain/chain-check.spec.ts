import type { EntryRecord, PostingRecord, SealableEntry } from './canonical-entry';
import {
  type Digest,
  genesisHash,
  parseChainHead,
  type SealedBlock,
  formatChainHead,
} from './chain-block';
import {
  blockHash,
  checkBlock,
  checkCarriedBlock,
  entryHash,
  namedPredecessor,
  type SealRow,
} from './chain-check';
import { checkKeptHead } from './kept-head';

// The checks hold for any injective digest; the identity keeps domain/ free of node:crypto
// (infrastructure/sha256.ts is the real one).
const sha256: Digest = (text) => text;
const cooperativeId = '0190f2a4-6c3b-7000-8000-000000000001';

function sealable(n: number, txid: string): SealableEntry {
  const id = `0190f2a4-6c3b-7000-8000-${n.toString(16).padStart(12, '0')}`;
  const entry: EntryRecord = {
    cooperative_id: cooperativeId,
    id,
    txid,
    posting_date: '2026-11-20',
    value_date: '2026-11-20',
    description: `entry ${n}`,
    source_type: 'test',
    source_id: null,
    idempotency_key: null,
    reverses_entry_id: null,
    voucher_series: null,
    voucher_number: null,
    recorded_by: null,
    recorded_at: '2026-11-20 02:00:00+00',
  };
  const posting = (lineNo: string, amount: string): PostingRecord => ({
    cooperative_id: cooperativeId,
    entry_id: id,
    line_no: lineNo,
    account_id: cooperativeId,
    currency: 'IDR',
    amount,
    functional_amount: amount,
    fx_rate: null,
    fx_rate_id: null,
    value_date: '2026-11-20',
    counterparty_class: null,
    agreement_id: null,
    program: null,
    sector: null,
    commodity: null,
    region: null,
    memo: null,
    balance_after: amount,
    account_version: String(n),
  });
  return { entry, postings: [posting('1', `${n}.00`), posting('2', `-${n}.00`)] };
}

/** Seals entries into a block after `previous`, as the sealing service does. */
function seal(
  previous: SealedBlock | null,
  entries: SealableEntry[],
  horizon: string,
): { block: SealedBlock; seals: SealRow[] } {
  const first = previous ? BigInt(previous.firstEntrySequence) + BigInt(previous.entryCount) : 1n;
  const hashes = entries.map((e) => entryHash(e, 'IDR', sha256));
  const header = {
    cooperativeId,
    sequence: previous ? String(BigInt(previous.sequence) + 1n) : '1',
    previousHash: previous?.hash ?? genesisHash,
    previousHorizon: previous?.horizon ?? '0',
    horizon,
    firstEntrySequence: first.toString(),
    entryCount: entries.length,
    canonicalVersion: 1,
    sealedAt: '2026-11-20T02:00:05.000000Z',
  };
  return {
    block: { ...header, hash: blockHash(header, hashes, sha256) },
    seals: entries.map((entry, i) => ({
      entrySequence: (first + BigInt(i)).toString(),
      entryId: entry.entry.id!,
      entryHash: hashes[i],
      entry,
    })),
  };
}

describe('checkBlock', () => {
  const one = seal(null, [sealable(1, '100'), sealable(2, '100'), sealable(3, '105')], '110');
  const two = seal(one.block, [sealable(4, '110'), sealable(5, '111')], '120');
  const check = (b: typeof two, previous: SealedBlock | null = one.block) =>
    checkBlock(b.block, previous, b.seals, 'IDR', sha256);

  it('finds nothing in an untouched chain', () => {
    expect(check(one, null)).toEqual([]);
    expect(check(two)).toEqual([]);
  });

  it('names the entry whose amount changed, and the block', () => {
    const altered = sealable(5, '111');
    const postings = [{ ...altered.postings[0], amount: '6.00' }, altered.postings[1]];
    const seals = [two.seals[0], { ...two.seals[1], entry: { ...altered, postings } }];
    const findings = check({ ...two, seals });
    expect(findings.map((f) => [f.kind, f.blockSequence, f.entrySequence])).toEqual([
      ['block-hash-mismatch', '2', null],
      ['entry-altered', '2', '5'],
    ]);
    expect(findings[1].entryId).toBe(two.seals[1].entryId);
  });

  it('accepts the same amount written at another scale', () => {
    const same = sealable(5, '111');
    const postings = [{ ...same.postings[0], amount: '5.0' }, same.postings[1]];
    const seals = [two.seals[0], { ...two.seals[1], entry: { ...same, postings } }];
    expect(check({ ...two, seals })).toEqual([]);
  });

  it('names a deleted entry by its place in the sequence', () => {
    const findings = check({ ...two, seals: [two.seals[0]] });
    expect(findings.map((f) => [f.kind, f.entrySequence])).toEqual([
      ['block-hash-mismatch', null],
      ['entry-missing', '5'],
    ]);
    const gone = check({ ...two, seals: [two.seals[0], { ...two.seals[1], entry: null }] });
    // The seal row still carries the entry's hash, so the block itself still recomputes.
    expect(gone.map((f) => [f.kind, f.entryId])).toEqual([['entry-missing', two.seals[1].entryId]]);
  });

  it('finds two entries swapped in the sequence', () => {
    const [a, b, c] = one.seals;
    const swapped = [
      a,
      { ...c, entrySequence: b.entrySequence },
      { ...b, entrySequence: c.entrySequence },
    ];
    const findings = check({ ...one, seals: swapped }, null);
    expect(findings.map((f) => [f.kind, f.entrySequence])).toEqual([
      ['block-hash-mismatch', null],
      ['entry-misplaced', '3'],
    ]);
  });

  it('finds a block that does not extend its predecessor', () => {
    const forged = seal(null, [sealable(4, '110')], '120');
    const findings = checkBlock(
      { ...forged.block, sequence: '2' },
      one.block,
      forged.seals,
      'IDR',
      sha256,
    );
    expect(findings.map((f) => f.kind)).toEqual([
      'chain-broken',
      'chain-broken',
      'chain-broken',
      'block-hash-mismatch',
    ]);
    expect(findings[0].detail).toBe('block 2 names another previous hash');
  });

  it('finds an entry whose txid lies outside the block', () => {
    const late = sealable(4, '130');
    const moved = seal(one.block, [late], '120');
    expect(check(moved).map((f) => f.kind)).toEqual(['entry-misplaced']);
  });

  it('refuses a canonical version it does not know', () => {
    const findings = check({ ...two, block: { ...two.block, canonicalVersion: 2 } });
    expect(findings.map((f) => f.detail)).toEqual([
      'block 2: sealed with canonical form v2, which this verifier does not know',
    ]);
  });
});

describe('blocks checked from the middle of the chain (an export)', () => {
  const one = seal(null, [sealable(1, '100'), sealable(2, '101')], '110');
  const two = seal(one.block, [sealable(3, '111')], '120');
  const hashesOf = (s: { seals: SealRow[] }) => s.seals.map((r) => r.entryHash);

  it('carries a block on by its header and entry hashes', () => {
    expect(checkCarriedBlock(two.block, one.block, hashesOf(two), sha256)).toEqual([]);
    const changed = checkCarriedBlock(two.block, one.block, ['x'], sha256);
    expect(changed.map((f) => f.detail)).toEqual([
      'block 2: its header and entry hashes do not hash to its block hash',
    ]);
    const short = checkCarriedBlock(two.block, one.block, [], sha256).map((f) => f.detail);
    expect(short[0]).toBe('block 2: carries 0 entry hashes for its 1 entries');
  });

  it('starts from the predecessor a block names, or from the genesis for block 1', () => {
    expect(namedPredecessor(one.block)).toBeNull();
    const named = namedPredecessor(two.block)!;
    expect(named).toMatchObject({ sequence: '1', hash: one.block.hash, horizon: '110' });
    expect(checkBlock(two.block, named, two.seals, 'IDR', sha256)).toEqual([]);
    const links = checkCarriedBlock(two.block, named, hashesOf(two), sha256);
    expect(links).toEqual([]);
    const renumbered = { ...two.block, sequence: '3' };
    expect(checkCarriedBlock(renumbered, one.block, hashesOf(two), sha256)[0].kind).toBe(
      'chain-broken',
    );
  });
});

describe('kept heads', () => {
  const head = { sequence: '2', hash: 'a'.repeat(64) };
  const block = { sequence: '2', hash: 'a'.repeat(64) } as SealedBlock;

  it('round-trips as sequence:hash and refuses anything else', () => {
    expect(parseChainHead(formatChainHead(head))).toEqual(head);
    expect(parseChainHead(`2:${'A'.repeat(64)}`)).toEqual(head);
    for (const bad of ['2', `0:${'a'.repeat(64)}`, `2:${'a'.repeat(63)}`, `x:${'a'.repeat(64)}`]) {
      expect(() => parseChainHead(bad)).toThrow(/head must be/);
    }
  });

  it('is included while its block keeps its hash and the chain up to it verifies', () => {
    expect(checkKeptHead(head, block, []).included).toBe(true);
    expect(checkKeptHead(head, { ...block, hash: 'b'.repeat(64) }, []).included).toBe(false);
    expect(checkKeptHead(head, null, []).detail).toBe('the journal has no block 2');
    const later = {
      kind: 'entry-altered' as const,
      blockSequence: '3',
      entrySequence: '9',
      entryId: null,
      detail: 'x',
    };
    expect(checkKeptHead(head, block, [later]).included).toBe(true);
    expect(checkKeptHead(head, block, [{ ...later, blockSequence: '1' }]).included).toBe(false);
  });
});
