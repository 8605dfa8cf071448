import type { ClientBase } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

export interface CopyOptions {
  /** Rows per batch handed on, at most. */
  readonly batchSize: number;
  /** pg's client-side read timeout covers a whole COPY: give it the statement's own. */
  readonly timeoutMillis: number;
  /**
   * Cancels the running COPY (from another connection) when the consumer stops early, so the
   * server stops sending and the transaction can roll back; without it the rest is read and
   * dropped.
   */
  readonly cancel?: () => Promise<void>;
}

/**
 * Rows of one binary COPY as they arrived: the bytes, and where each value lies in them. A value
 * becomes a string only when asked for (`text`), so a reader pays only for the columns it uses:
 * a million postings repeat their entry's and their leaf's columns on every row. A batch is
 * valid until the next one is read (the decoder reuses its index of spans).
 */
export class CopyBatch {
  constructor(
    private readonly buffer: Buffer,
    /** Per value, in row order: its start in `buffer`, and its length (-1: SQL NULL). */
    private readonly spans: Int32Array,
    readonly fields: number,
    private readonly first: number,
    readonly rows: number,
  ) {}

  /** The value of `field` in row `row` (0-based within this batch) as text, null for NULL. */
  text(row: number, field: number): string | null {
    const at = ((this.first + row) * this.fields + field) * 2;
    const length = this.spans[at + 1];
    if (length < 0) return null;
    const start = this.spans[at];
    return this.buffer.toString('utf8', start, start + length);
  }

  slice(from: number, to: number): CopyBatch {
    return new CopyBatch(this.buffer, this.spans, this.fields, this.first + from, to - from);
  }
}

/** `PGCOPY\n\377\r\n\0`, then a flags word and the length of a header extension. */
const signature = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const headerLength = signature.length + 8;

/**
 * Rows of `COPY (sql) TO STDOUT (FORMAT binary)` as they arrive, at most `batchSize` a batch.
 * Every column of `sql` must be text (cast with `::text`): binary COPY then sends each value as
 * its UTF-8 bytes behind a length, with nothing to escape or parse. COPY streams one statement's
 * rows (its plan may be parallel, unlike a cursor's), and the loop reading them is the
 * backpressure: nothing more is read from the socket until the consumer asks for the next batch.
 */
export async function* copyRows(
  client: ClientBase,
  sql: string,
  options: CopyOptions,
): AsyncGenerator<CopyBatch> {
  const { batchSize } = options;
  const stream = copyTo(`COPY (${sql}) TO STDOUT (FORMAT binary)`);
  (stream as unknown as { query_timeout: number }).query_timeout = options.timeoutMillis;
  const decoder = new BinaryCopyDecoder();
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  done.catch(() => undefined); // observed below; a consumer leaving early must not leak it
  // The stream ends at CopyDone; the connection takes the next query at ReadyForQuery, which
  // pg hands to the query object (pg-copy-streams ignores it).
  const ready = new Promise<void>((resolve) => {
    (stream as unknown as { handleReadyForQuery: () => void }).handleReadyForQuery = resolve;
  });
  client.query(stream);
  try {
    // Not destroyed on an early return: the finally below ends the COPY properly.
    for await (const chunk of stream.iterator({ destroyOnReturn: false })) {
      const batch = decoder.push(chunk as Buffer);
      if (batch === null) continue;
      if (batch.rows <= batchSize) yield batch;
      else {
        for (let at = 0; at < batch.rows; at += batchSize) {
          yield batch.slice(at, Math.min(batch.rows, at + batchSize));
        }
      }
    }
    await done;
    await ready;
    decoder.finish();
  } finally {
    // Left early (an error, a consumer that stopped): end the COPY so the connection is usable
    // for the rollback. Destroying the stream alone would leave the server sending.
    if (!stream.readableEnded) {
      stream.resume();
      await options.cancel?.().catch(() => undefined);
      await done.catch(() => undefined);
    }
    // pg arms its read timer around a query's callback, which pg-copy-streams never calls: call
    // it, or the timer outlives the COPY (keeping the process alive, then failing the stream).
    (stream as unknown as { callback?: () => void }).callback?.();
  }
}

/** Decodes binary COPY data split anywhere across chunks into batches of whole rows. */
export class BinaryCopyDecoder {
  private pending: Buffer | null = null;
  private headerRead = false;
  private ended = false;
  private spans = new Int32Array(1024);

  /** The whole rows completed by this chunk (a row cut off waits for the next), or null. */
  push(chunk: Buffer): CopyBatch | null {
    const buffer = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let at = 0;
    if (!this.headerRead) {
      if (buffer.length < headerLength) {
        this.pending = buffer;
        return null;
      }
      if (!buffer.subarray(0, signature.length).equals(signature)) {
        throw new Error('COPY: not binary COPY data');
      }
      at = headerLength + buffer.readInt32BE(signature.length + 4);
      if (buffer.length < at) {
        this.pending = buffer;
        return null;
      }
      this.headerRead = true;
    }
    let spans = this.spans;
    let used = 0;
    let rows = 0;
    let fields = -1;
    while (!this.ended && buffer.length - at >= 2) {
      const count = buffer.readInt16BE(at);
      if (count === -1) {
        this.ended = true;
        at += 2;
        break;
      }
      if (fields === -1) fields = count;
      else if (count !== fields) throw new Error('COPY: rows of different widths');
      if (used + count * 2 > spans.length) {
        const grown = new Int32Array(Math.max(spans.length * 2, used + count * 2));
        grown.set(spans.subarray(0, used));
        spans = grown; // kept for the batches after this one
      }
      // The whole row must be here before any of it is taken.
      let field = at + 2;
      let complete = true;
      for (let i = 0; i < count; i++) {
        if (buffer.length - field < 4) {
          complete = false;
          break;
        }
        const length = buffer.readInt32BE(field);
        field += 4;
        spans[used + i * 2] = field;
        spans[used + i * 2 + 1] = length;
        if (length > 0) field += length;
        if (field > buffer.length) {
          complete = false;
          break;
        }
      }
      if (!complete) break;
      used += count * 2;
      rows++;
      at = field;
    }
    if (at < buffer.length) {
      if (this.ended) throw new Error('COPY: data after the trailer');
      this.pending = buffer.subarray(at);
    }
    this.spans = spans;
    return rows > 0 ? new CopyBatch(buffer, spans, fields, 0, rows) : null;
  }

  /** Throws unless the data ended with the trailer and nothing is left over. */
  finish(): void {
    if (!this.ended || this.pending) throw new Error('COPY: the data ended inside a row');
  }
}
