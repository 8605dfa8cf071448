import type { ExportHeader } from '../domain/export-records';

/** Told once the snapshot is read, before the first byte: what the file is and will hold. */
export interface LedgerExportStart {
  readonly fileName: string;
  readonly contentType: string;
  readonly header: ExportHeader;
}

/**
 * Where an export goes (a file, an HTTP response). `write` may return a promise that settles
 * when the destination has room again (backpressure); the reader takes nothing more meanwhile.
 * A throw from any of them ends the export and rolls its transaction back.
 */
export interface LedgerExportSink {
  start(start: LedgerExportStart): void | Promise<void>;
  write(chunk: string | Uint8Array): void | Promise<void>;
  /** Postings written so far, of `header.postings`, after each batch. */
  progress?(written: number, total: number): void;
}

export interface LedgerExportSummary {
  readonly fileName: string;
  readonly header: ExportHeader;
  readonly entries: number;
  readonly postings: number;
}
