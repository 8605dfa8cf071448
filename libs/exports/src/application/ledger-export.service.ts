import { type BusinessDate, NotFoundError } from '@lumbung/core';
import { TransactionScope, type Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { EntryAssembler } from '../domain/entry-assembler';
import { ledgerExportFileName, ledgerExportMedia } from '../domain/export-format';
import type { ExportHeader } from '../domain/export-records';
import { type LedgerExportRange, openingDate } from '../domain/export-request';
import { ledgerFormatter } from '../domain/formatters';
import { JournalAccountNames } from '../domain/journal-account-names';
import { LedgerExportReader } from '../infrastructure/export-reader';

export interface LedgerExportRequest extends LedgerExportRange {
  readonly cooperativeId: string;
}

/** Told once the snapshot is read, before the first byte: what the file is and will hold. */
export interface LedgerExportStart {
  readonly fileName: string;
  readonly contentType: string;
  readonly header: ExportHeader;
}

/**
 * Where an export goes (a file, an HTTP response). `write` may return a promise that settles
 * when the destination has room again (backpressure); the reader fetches nothing meanwhile.
 * A throw from any of them ends the export and rolls its transaction back.
 */
export interface LedgerExportSink {
  start(start: LedgerExportStart): void | Promise<void>;
  write(chunk: string): void | Promise<void>;
  /** Postings written so far, of `header.postings`, after each batch. */
  progress?(written: number, total: number): void;
}

export interface LedgerExportSummary {
  readonly fileName: string;
  readonly header: ExportHeader;
  readonly entries: number;
  readonly postings: number;
}

/** Rows per FETCH: a few MB of text at most in memory, whatever the size of the ledger. */
export const exportBatchSize = 5_000;

/** Longer than a request's 10 s: the first FETCH of a year sorts it. */
const exportStatementTimeoutMillis = 300_000;

/**
 * Streams a cooperative's general ledger for a range of value dates in one of the export formats
 * (domain/*-ledger.ts, *-journal.ts), from one REPEATABLE READ, read-only snapshot: the header
 * (counts, chain head, block runs), the accounts, the balances brought forward (as of the day
 * before `from`), the postings, and the closing balances (as of `to`), each through a cursor.
 */
@Injectable()
export class LedgerExportService {
  constructor(private readonly scope: TransactionScope) {}

  /** `batchSize`: rows per FETCH; tests make it tiny to prove batches never change the file. */
  export(
    request: LedgerExportRequest,
    sink: LedgerExportSink,
    options: { batchSize?: number } = {},
  ): Promise<LedgerExportSummary> {
    const batchSize = options.batchSize ?? exportBatchSize;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size ${batchSize}`);
    // No retries: a second attempt would write the file again after the first's bytes.
    return this.scope.run((tx) => this.run(tx, request, sink, batchSize), {
      isolation: 'REPEATABLE READ',
      readOnly: true,
      retries: 0,
    });
  }

  private async run(
    tx: Tx,
    request: LedgerExportRequest,
    sink: LedgerExportSink,
    batchSize: number,
  ): Promise<LedgerExportSummary> {
    await tx.query(`SET LOCAL statement_timeout = ${exportStatementTimeoutMillis}`);
    const reader = new LedgerExportReader(tx, request.cooperativeId, batchSize);
    const cooperative = await reader.cooperative();
    if (!cooperative) throw new NotFoundError('cooperative', request.cooperativeId);
    const { from, to, format } = request;
    const counts = await reader.counts(from, to);
    const header: ExportHeader = {
      cooperative: {
        code: cooperative.code,
        name: cooperative.name,
        functionalCurrency: cooperative.functionalCurrency,
      },
      from,
      to,
      openingDate: openingDate(from as BusinessDate),
      generatedAt: cooperative.generatedAt,
      chainHead: await reader.chainHead(),
      entries: counts.entries,
      postings: counts.postings,
      unsealedEntries: counts.unsealed,
      currencies: await reader.currencies(cooperative.functionalCurrency),
    };
    const fileName = ledgerExportFileName(cooperative.code, from, to, format);
    await sink.start({ fileName, contentType: ledgerExportMedia[format].contentType, header });

    const names = new JournalAccountNames(await reader.headings());
    const formatter = ledgerFormatter(format);
    await sink.write(formatter.begin(header));
    for await (const runs of reader.blockRuns(from, to))
      await sink.write(formatter.blockRuns(runs));
    for await (const accounts of reader.accounts(to, names)) {
      await sink.write(formatter.accounts(accounts));
    }
    for await (const lines of reader.balances(header.openingDate, false, names)) {
      await sink.write(formatter.opening(lines));
    }
    const assembler = new EntryAssembler();
    let entries = 0;
    let postings = 0;
    sink.progress?.(0, header.postings);
    for await (const rows of reader.postings(from, to, names)) {
      const done = assembler.push(rows);
      entries += done.length;
      postings += rows.length;
      await sink.write(formatter.entries(done));
      sink.progress?.(postings, header.postings);
    }
    const last = assembler.finish();
    entries += last.length;
    await sink.write(formatter.entries(last));
    for await (const lines of reader.balances(to, true, names)) {
      await sink.write(formatter.closing(lines));
    }
    await sink.write(formatter.end({ entries, postings }));
    return { fileName, header, entries, postings };
  }
}
