import { Decimal } from '@lumbung/core';
import {
  type ChainFinding,
  type ChainFindingKind,
  type ChainHead,
  canonicalFormVersion,
  checkBlock,
  checkCarriedBlock,
  checkKeptHead,
  type Digest,
  entryColumns,
  type EntryRecord,
  type KeptHeadCheck,
  namedPredecessor,
  postingColumns,
  type PostingRecord,
  type SealedBlock,
  type SealRow,
} from '@lumbung/ledger/standalone';
import type { AccountClass } from '../domain/journal-account-names';
import {
  type WholeBlocksSpan,
  wholeBlocksFormatVersion,
  wholeBlocksPostingRecord,
} from '../domain/whole-blocks-records';

/** A file that is not a whole-blocks export at all: nothing in it can be checked. */
export class NotWholeBlocksExportError extends Error {
  constructor(detail: string) {
    super(
      `${detail}: not a whole-blocks export (write one with export ledger --format jsonl --whole-blocks)`,
    );
    this.name = 'NotWholeBlocksExportError';
  }
}

/** What the chain's own check finds, and what only a file can get wrong. */
export type ExportFindingKind =
  | ChainFindingKind
  | 'entry-unbalanced'
  | 'record-mismatch'
  | 'record-malformed'
  | 'file-incomplete'
  | 'head-not-reached';

export interface ExportFinding {
  readonly kind: ExportFindingKind;
  /** The file's line (1-based) the finding is about: the record of the block, entry or posting. */
  readonly line: number;
  readonly blockSequence: string | null;
  readonly entrySequence: string | null;
  readonly entryId: string | null;
  readonly detail: string;
}

export interface ExportVerification {
  readonly ok: boolean;
  readonly cooperative: { readonly code: string; readonly name: string };
  readonly from: string;
  readonly to: string;
  readonly canonicalVersion: number;
  /** The blocks carried whole (null: none), and the last block the file carries at all. */
  readonly firstBlock: string | null;
  readonly lastWholeBlock: string | null;
  readonly lastBlock: string | null;
  readonly wholeBlocks: number;
  readonly carriedBlocks: number;
  readonly entries: number;
  readonly postings: number;
  readonly keptHead: KeptHeadCheck;
  /** The first finding in the file's order: the block and entry to look at first. */
  readonly firstFinding: ExportFinding | null;
  readonly findingCount: number;
  readonly findings: readonly ExportFinding[];
}

/** Enough to show what happened; the count says how many there are. */
const maxKeptFindings = 1_000;

const entryNames = Object.keys(entryColumns);
const postingNames = Object.keys(postingColumns);
const hexHash = /^[0-9a-f]{64}$/;
const wholeNumber = /^\d{1,19}$/;

interface OpenBlock {
  readonly block: SealedBlock;
  readonly line: number;
  /** Carried blocks: the entry hashes; blocks carried whole: null (their entries follow). */
  readonly entryHashes: readonly string[] | null;
  readonly seals: SealRow[];
  readonly entryLines: Map<string, number>;
  /** Its last record's line: a block hash that does not come out is known only there. */
  lastLine: number;
}

interface OpenEntry {
  readonly line: number;
  readonly sequence: string;
  readonly hash: string;
  readonly columns: EntryRecord;
  readonly postings: PostingRecord[];
  readonly sums: Map<string, Decimal>;
}

/**
 * `verify-chain --export FILE --head H`: checks a whole-blocks export (whole-blocks-export.ts)
 * from the file alone, a line at a time, holding one block at most. Each block carried whole is
 * recomputed from its entries' columns with the journal's own canonical form and block check
 * (libs/ledger), each block after them from its header and entry hashes, every block chained to
 * the hash its predecessor recomputes to, up to the kept head H: if H's hash comes out, the file
 * holds exactly what was sealed. Also: every posting record's readable fields are what its
 * columns say (a reader never reads anything the hash does not cover), every entry balances per
 * currency, and the file is complete (its end record). Findings name the line, block and entry.
 */
export class ExportChainVerifier {
  private lineNo = 0;
  private header: FileHeader | null = null;
  private previous: SealedBlock | null = null;
  private open: OpenBlock | null = null;
  private entry: OpenEntry | null = null;
  private keptBlock: SealedBlock | null = null;
  private firstBlock: string | null = null;
  private lastWholeBlock: string | null = null;
  private carrying = false;
  private ended = false;
  private readonly counts = { wholeBlocks: 0, carriedBlocks: 0, entries: 0, postings: 0 };
  private readonly chainFindings: ChainFinding[] = [];
  private readonly findings: ExportFinding[] = [];
  private findingCount = 0;

  constructor(
    private readonly kept: ChainHead,
    private readonly digest: Digest,
  ) {}

  /** The file's next line. */
  add(text: string): void {
    this.lineNo++;
    if (this.header === null) {
      this.header = wholeBlocksHeader(text);
      return;
    }
    if (text.trim() === '') return;
    let record: Record<string, unknown>;
    try {
      record = asObject(JSON.parse(text));
    } catch {
      this.malformed('is not a JSON object');
      return;
    }
    if (this.ended) {
      this.report('file-incomplete', this.lineNo, null, null, 'a record follows the end record');
      return;
    }
    switch (record.record) {
      case 'block':
        return this.blockRecord(record);
      case 'entry':
        return this.entryRecord(record);
      case 'posting':
        return this.postingRecord(record);
      case 'end':
        return this.endRecord(record);
      default:
        this.malformed(
          `is a ${JSON.stringify(record.record)} record, which a whole-blocks export does not have`,
        );
    }
  }

  /** The verdict, once every line is in. */
  finish(): ExportVerification {
    if (this.header === null) throw new NotWholeBlocksExportError('the file is empty');
    this.closeBlock();
    if (!this.ended) {
      this.report(
        'file-incomplete',
        this.lineNo + 1,
        null,
        null,
        'the file ends without its end record: it was cut short',
      );
    }
    this.checkSpan(this.header.span);
    const keptHead = this.keptHeadCheck();
    // In the file's order; on one line, what the chain finds (the cause) before its consequences.
    const findings = [...this.findings].sort(
      (a, b) => a.line - b.line || fileOnly(a.kind) - fileOnly(b.kind),
    );
    return {
      ok: this.findingCount === 0,
      cooperative: { code: this.header.code, name: this.header.name },
      from: this.header.from,
      to: this.header.to,
      canonicalVersion: canonicalFormVersion,
      firstBlock: this.firstBlock,
      lastWholeBlock: this.lastWholeBlock,
      lastBlock: this.previous?.sequence ?? null,
      ...this.counts,
      keptHead,
      firstFinding: findings[0] ?? null,
      findingCount: this.findingCount,
      findings,
    };
  }

  private blockRecord(record: Record<string, unknown>): void {
    this.closeBlock();
    const block = this.sealedBlock(record);
    if (!block) return;
    const carried = record.entryHashes !== undefined;
    const entryHashes = carried ? stringList(record.entryHashes) : null;
    if (carried && entryHashes === null)
      return this.malformed('has entryHashes that are not a list of hashes');
    if (!carried && this.carrying) {
      return this.malformed(
        `carries block ${block.sequence} whole after blocks carried by their hashes`,
      );
    }
    this.carrying = carried;
    this.firstBlock ??= block.sequence;
    this.open = {
      block,
      line: this.lineNo,
      entryHashes,
      seals: [],
      entryLines: new Map(),
      lastLine: this.lineNo,
    };
  }

  private entryRecord(record: Record<string, unknown>): void {
    this.closeEntry();
    const open = this.open;
    if (!open || open.entryHashes !== null)
      return this.malformed('is an entry outside any block carried whole');
    const columns = columnRecord(record.columns, entryNames) as EntryRecord | null;
    const { entrySequence: sequence, entryHash: hash } = record;
    if (
      !columns ||
      typeof sequence !== 'string' ||
      !wholeNumber.test(sequence) ||
      typeof hash !== 'string'
    ) {
      return this.malformed(
        'is not an entry record (entrySequence, entryHash, every entry column)',
      );
    }
    if (record.block !== open.block.sequence) {
      this.report(
        'record-mismatch',
        this.lineNo,
        open.block.sequence,
        sequence,
        `names block ${String(record.block)} but lies in block ${open.block.sequence}`,
        columns.id,
      );
    }
    this.counts.entries++;
    open.entryLines.set(sequence, this.lineNo);
    open.lastLine = this.lineNo;
    this.entry = { line: this.lineNo, sequence, hash, columns, postings: [], sums: new Map() };
  }

  private postingRecord(record: Record<string, unknown>): void {
    const { open, entry } = this;
    if (!open || !entry) return this.malformed('is a posting outside any entry');
    const columns = columnRecord(record.columns, postingNames) as PostingRecord | null;
    const account = asAccount(record.account);
    if (!columns || !account)
      return this.malformed('is not a posting record (account, every posting column)');
    this.counts.postings++;
    open.lastLine = this.lineNo;
    entry.postings.push(columns);
    const seal = {
      block: open.block.sequence,
      blockHash: open.block.hash,
      entrySequence: entry.sequence,
      entryHash: entry.hash,
    };
    const name = (problem: string) =>
      this.report(
        'record-mismatch',
        this.lineNo,
        open.block.sequence,
        entry.sequence,
        `posting line ${columns.line_no}: ${problem}`,
        entry.columns.id,
      );
    try {
      const expected = wholeBlocksPostingRecord(
        entry.columns,
        columns,
        seal,
        account,
        this.header!,
      );
      if (JSON.stringify(expected) !== JSON.stringify(record)) {
        name('its readable fields differ from its hashed columns (the record was edited)');
      }
    } catch {
      name('its columns do not make a posting (an amount that is not a number)');
    }
    try {
      const currency = columns.currency ?? '';
      entry.sums.set(
        currency,
        (entry.sums.get(currency) ?? new Decimal(0)).plus(columns.amount ?? ''),
      );
    } catch {
      // Reported above: the same amount cannot be formatted either.
    }
  }

  private endRecord(record: Record<string, unknown>): void {
    this.closeBlock();
    this.ended = true;
    const blocks = this.counts.wholeBlocks + this.counts.carriedBlocks;
    const { entries, postings } = this.counts;
    if (record.blocks !== blocks || record.entries !== entries || record.postings !== postings) {
      this.report(
        'file-incomplete',
        this.lineNo,
        null,
        null,
        `the end record counts ${String(record.blocks)} blocks, ${String(record.entries)} entries and ${String(record.postings)} postings; the file holds ${blocks}, ${entries} and ${postings}`,
      );
    }
  }

  /** Checks the open entry's balance and hands it to its block. */
  private closeEntry(): void {
    const { open, entry } = this;
    if (!open || !entry) return;
    this.entry = null;
    for (const [currency, sum] of entry.sums) {
      if (!sum.isZero()) {
        this.report(
          'entry-unbalanced',
          entry.line,
          open.block.sequence,
          entry.sequence,
          `its postings in ${currency} sum to ${sum.toFixed()}, not zero`,
          entry.columns.id,
        );
      }
    }
    open.seals.push({
      entrySequence: entry.sequence,
      entryId: entry.columns.id ?? '',
      entryHash: entry.hash,
      entry: { entry: entry.columns, postings: entry.postings },
    });
  }

  /** Recomputes the open block against the one before it (or the one it names, if first). */
  private closeBlock(): void {
    this.closeEntry();
    const open = this.open;
    if (!open) return;
    this.open = null;
    const { block } = open;
    const previous = this.previous ?? namedPredecessor(block);
    const found =
      open.entryHashes === null
        ? checkBlock(block, previous, open.seals, this.header!.functionalCurrency, this.digest)
        : checkCarriedBlock(block, previous, open.entryHashes, this.digest);
    for (const finding of found) {
      this.chainFindings.push(finding);
      const line =
        (finding.entrySequence && open.entryLines.get(finding.entrySequence)) ||
        (finding.kind === 'block-hash-mismatch' ? open.lastLine : open.line);
      this.report(
        finding.kind,
        line,
        finding.blockSequence,
        finding.entrySequence,
        finding.detail,
        finding.entryId,
      );
    }
    if (open.entryHashes === null) {
      this.counts.wholeBlocks++;
      this.lastWholeBlock = block.sequence;
    } else {
      this.counts.carriedBlocks++;
    }
    if (block.sequence === this.kept.sequence) this.keptBlock = block;
    this.previous = block;
  }

  /** The blocks the export record announces are the blocks that follow it. */
  private checkSpan(span: FileHeader['span']): void {
    const carried = {
      firstBlock: this.firstBlock,
      lastBlock: this.lastWholeBlock,
      throughBlock: this.previous?.sequence ?? null,
    };
    for (const key of ['firstBlock', 'lastBlock', 'throughBlock'] as const) {
      if (span[key] === carried[key]) continue;
      const detail = `the export record says ${key} ${span[key]}, the file carries ${carried[key]}`;
      this.report('record-mismatch', 1, null, null, detail);
    }
  }

  /** Does the chain the file carries reach the kept head, and does the head vouch for all of it? */
  private keptHeadCheck(): KeptHeadCheck {
    const kept = BigInt(this.kept.sequence);
    const base = { sequence: this.kept.sequence, hash: this.kept.hash, included: false };
    let problem: string | null = null;
    if (this.firstBlock === null || this.lastWholeBlock === null) {
      problem =
        'the file carries no block whole: no entry of its range was sealed when it was exported';
    } else if (kept < BigInt(this.firstBlock)) {
      problem = `the kept head is block ${this.kept.sequence}, before the file's first block ${this.firstBlock}: it cannot vouch for them`;
    } else if (kept < BigInt(this.lastWholeBlock)) {
      problem = `blocks ${kept + 1n}..${this.lastWholeBlock} hold entries of the file but come after the kept head ${this.kept.sequence}: keep a later head (chain-head) and check again`;
    } else if (this.previous === null || kept > BigInt(this.previous.sequence)) {
      problem = `the file carries the chain to block ${this.previous?.sequence}, not to the kept head ${this.kept.sequence}: export again`;
    }
    if (problem) {
      this.report('head-not-reached', this.lineNo, this.kept.sequence, null, problem);
      return { ...base, detail: problem };
    }
    const check = checkKeptHead(this.kept, this.keptBlock, this.chainFindings);
    if (!check.included) {
      this.report(
        'kept-head-mismatch',
        this.lineNo,
        this.kept.sequence,
        null,
        `the chain in the file does not reach the kept head ${this.kept.sequence}:${this.kept.hash}: ${check.detail}`,
      );
    }
    return check;
  }

  private sealedBlock(record: Record<string, unknown>): SealedBlock | null {
    const {
      sequence,
      previousHash,
      previousHorizon,
      horizon,
      firstEntrySequence,
      entryCount,
      canonicalVersion,
      sealedAt,
      hash,
    } = record;
    const whole = [sequence, previousHorizon, horizon, firstEntrySequence];
    if (
      !whole.every((v) => typeof v === 'string' && wholeNumber.test(v)) ||
      ![previousHash, hash].every((v) => typeof v === 'string' && hexHash.test(v)) ||
      !Number.isSafeInteger(entryCount) ||
      !Number.isSafeInteger(canonicalVersion) ||
      typeof sealedAt !== 'string'
    ) {
      this.malformed('is not a block record (sequences, horizons, hashes, counts, seal time)');
      return null;
    }
    return {
      cooperativeId: this.header!.cooperativeId,
      sequence: sequence as string,
      previousHash: previousHash as string,
      previousHorizon: previousHorizon as string,
      horizon: horizon as string,
      firstEntrySequence: firstEntrySequence as string,
      entryCount: entryCount as number,
      canonicalVersion: canonicalVersion as number,
      sealedAt,
      hash: hash as string,
    };
  }

  private malformed(problem: string): void {
    const block = this.open?.block.sequence ?? null;
    this.report(
      'record-malformed',
      this.lineNo,
      block,
      this.entry?.sequence ?? null,
      `line ${this.lineNo} ${problem}`,
    );
  }

  private report(
    kind: ExportFindingKind,
    line: number,
    blockSequence: string | null,
    entrySequence: string | null,
    detail: string,
    entryId: string | null = null,
  ): void {
    this.findingCount++;
    if (this.findings.length >= maxKeptFindings) return;
    // Named as the chain's own findings name theirs: block, then entry.
    const entry = entryId
      ? `entry ${entryId} (sequence ${entrySequence})`
      : `entry sequence ${entrySequence}`;
    const named =
      entrySequence === null || detail.startsWith('block ')
        ? detail
        : `block ${blockSequence}, ${entry}: ${detail}`;
    this.findings.push({ kind, line, blockSequence, entrySequence, entryId, detail: named });
  }
}

/** The first line: the export record of a whole-blocks export, or the file is refused. */
interface FileHeader {
  readonly code: string;
  readonly name: string;
  readonly cooperativeId: string;
  readonly functionalCurrency: string;
  readonly from: string;
  readonly to: string;
  /** What the export record says the file carries, held to what it does carry. */
  readonly span: Omit<WholeBlocksSpan, 'cooperativeId'>;
}

function wholeBlocksHeader(text: string): FileHeader {
  let record: Record<string, unknown>;
  try {
    record = asObject(JSON.parse(text));
  } catch {
    throw new NotWholeBlocksExportError('its first line is not JSON');
  }
  if (record.record !== 'export')
    throw new NotWholeBlocksExportError('its first line is not an export record');
  const wholeBlocks = record.wholeBlocks;
  const cooperative = record.cooperative;
  if (!isObject(wholeBlocks) || !isObject(cooperative)) {
    throw new NotWholeBlocksExportError('its export record names no whole blocks');
  }
  if (record.version !== wholeBlocksFormatVersion) {
    throw new NotWholeBlocksExportError(
      `its records are version ${String(record.version)}, this verifier reads ${wholeBlocksFormatVersion}`,
    );
  }
  const fields = [
    wholeBlocks.cooperativeId,
    cooperative.code,
    cooperative.name,
    cooperative.functionalCurrency,
    record.from,
    record.to,
  ];
  if (!fields.every((f) => typeof f === 'string')) {
    throw new NotWholeBlocksExportError('its export record lacks the cooperative or the range');
  }
  const [cooperativeId, code, name, functionalCurrency, from, to] = fields as string[];
  const blockOrNull = (value: unknown) => (typeof value === 'string' ? value : null);
  const span = {
    firstBlock: blockOrNull(wholeBlocks.firstBlock),
    lastBlock: blockOrNull(wholeBlocks.lastBlock),
    throughBlock: blockOrNull(wholeBlocks.throughBlock),
  };
  return { cooperativeId, code, name, functionalCurrency, from, to, span };
}

const fileKinds = new Set<ExportFindingKind>([
  'entry-unbalanced',
  'record-mismatch',
  'record-malformed',
  'file-incomplete',
  'head-not-reached',
  'kept-head-mismatch',
]);

function fileOnly(kind: ExportFindingKind): number {
  return fileKinds.has(kind) ? 1 : 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): Record<string, unknown> {
  if (!isObject(value)) throw new Error('not an object');
  return value;
}

/** Exactly these columns, each text or null: anything else is not what the export writes. */
function columnRecord(
  value: unknown,
  names: readonly string[],
): Record<string, string | null> | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  if (
    keys.length !== names.length ||
    !names.every((n) => typeof value[n] === 'string' || value[n] === null)
  ) {
    return null;
  }
  return value as Record<string, string | null>;
}

function stringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
}

function asAccount(value: unknown) {
  if (!isObject(value)) return null;
  const { code, name, class: cls } = value;
  if (typeof code !== 'string' || typeof name !== 'string' || typeof cls !== 'string') return null;
  return { code, name, class: cls as AccountClass };
}
