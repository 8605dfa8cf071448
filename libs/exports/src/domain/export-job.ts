import type { BusinessDate } from '@lumbung/core';
import type { LedgerExportFormat } from './export-format';

export type ExportJobState = 'queued' | 'running' | 'complete' | 'failed';

/** Attempts a worker makes at one export before it is marked failed. */
export const exportJobMaxAttempts = 3;

/** Bytes a stored chunk of an export's file holds (the last one fewer). */
export const exportChunkBytes = 1024 * 1024;

/** A ledger export run by the worker, as PostgreSQL keeps it. */
export interface ExportJob {
  readonly id: string;
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly format: LedgerExportFormat;
  /** Widened to whole chain blocks for `verify-chain --export` (JSON Lines only). */
  readonly wholeBlocks: boolean;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly state: ExportJobState;
  readonly attempts: number;
  readonly progress: { readonly postings: number; readonly of: number | null };
  /** Known once the snapshot is read. */
  readonly fileName: string | null;
  readonly chainHead: string | null;
  /** Known once complete. */
  readonly bytes: number | null;
  readonly lastError: string | null;
  readonly finishedAt: string | null;
}

/**
 * Cuts a stream of bytes into chunks of `size` (the last one shorter), holding at most one
 * chunk: `add` returns the chunks it completed, `rest` what is left at the end.
 */
export class ChunkCutter {
  private held: Uint8Array[] = [];
  private heldBytes = 0;

  constructor(private readonly size = exportChunkBytes) {
    if (size < 1) throw new RangeError(`chunks of ${size} bytes`);
  }

  add(bytes: Uint8Array): Uint8Array[] {
    const full: Uint8Array[] = [];
    let offset = 0;
    while (offset < bytes.length) {
      const take = Math.min(this.size - this.heldBytes, bytes.length - offset);
      // A copy: the writer may reuse its buffer once `add` returns.
      this.held.push(bytes.slice(offset, offset + take));
      this.heldBytes += take;
      offset += take;
      if (this.heldBytes === this.size) full.push(this.take());
    }
    return full;
  }

  /** What is held, as the last chunk (none when nothing is). */
  rest(): Uint8Array[] {
    return this.heldBytes === 0 ? [] : [this.take()];
  }

  private take(): Uint8Array {
    const chunk = new Uint8Array(this.heldBytes);
    let at = 0;
    for (const part of this.held) {
      chunk.set(part, at);
      at += part.length;
    }
    this.held = [];
    this.heldBytes = 0;
    return chunk;
  }
}
