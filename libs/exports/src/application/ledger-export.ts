import { type BusinessDate, NotFoundError } from '@lumbung/core';
import { ledgerExportFileName, ledgerExportMedia } from '../domain/export-format';
import type { ExportHeader } from '../domain/export-records';
import { type LedgerExportRange, openingDate } from '../domain/export-request';
import { ledgerFormatter } from '../domain/formatters';
import type { LedgerFormatter } from '../domain/ledger-formatter';
import { XlsxLedgerFormatter } from '../domain/xlsx-ledger';
import { XlsxPackage } from '../infrastructure/xlsx-package';
import { JournalAccountNames } from '../domain/journal-account-names';
import { LedgerExportReader } from '../infrastructure/export-reader';
import { type ExportSession, exportStatementTimeoutMillis } from '../infrastructure/export-session';
import type { LedgerExportSink, LedgerExportSummary } from './export-sink';
import { streamWholeBlocks } from './whole-blocks-export';

export type { LedgerExportSink, LedgerExportStart, LedgerExportSummary } from './export-sink';

export interface LedgerExportRequest extends LedgerExportRange {
  readonly cooperativeId: string;
}

export interface LedgerExportOptions {
  /** Rows per batch at most; tests make it tiny to prove batches never change the file. */
  readonly batchSize?: number;
}

/**
 * The export's own session settings, for its transaction only: one COPY reads a whole year's
 * postings in one statement, so the statement timeout is the export's; JIT spent seconds compiling
 * the big reads and gained nothing on them; the postings' sort spilled hundreds of MB to disk at
 * the server's 4MB (measured: 9.9 s at 4MB, 6.8 s at 64MB for 1,000,000 postings).
 */
export const exportSessionSettings: Readonly<Record<string, string>> = {
  statement_timeout: String(exportStatementTimeoutMillis),
  jit: 'off',
  work_mem: '64MB',
};

async function useExportSettings(session: ExportSession): Promise<void> {
  for (const [name, value] of Object.entries(exportSessionSettings)) {
    await session.query(`SELECT set_config($1, $2, true)`, [name, value]);
  }
}

/**
 * A format's formatter and where its text goes: straight to the sink, or (XLSX) into worksheets
 * that its package compresses into the sink after each call.
 */
function output(
  format: LedgerExportRequest['format'],
  sink: LedgerExportSink,
): {
  formatter: LedgerFormatter;
  write: (text: string) => Promise<void>;
  finish: () => Promise<void>;
} {
  if (format === 'xlsx') {
    const xlsx = new XlsxPackage(async (bytes) => {
      await sink.write(bytes);
    });
    return {
      formatter: new XlsxLedgerFormatter(xlsx),
      write: () => xlsx.drain(),
      finish: () => xlsx.finish(),
    };
  }
  return {
    formatter: ledgerFormatter(format),
    write: async (text) => {
      if (text !== '') await sink.write(text);
    },
    finish: async () => undefined,
  };
}

/** Rows per batch at most: a few MB of text at most in memory, whatever the size of the ledger. */
export const exportBatchSize = 5_000;

/**
 * Streams a cooperative's general ledger for a range of value dates in one of the export formats
 * (domain/*-ledger.ts, *-journal.ts) from the session's one REPEATABLE READ, read-only snapshot:
 * the header (counts, chain head, block runs), the accounts, the balances brought forward (as of
 * the day before `from`), the postings, and the closing balances (as of `to`). The caller owns
 * the transaction (TransactionScope in the api, a plain connection in the CLI); everything here
 * runs inside it, so nothing is written and one snapshot answers every read.
 */
export async function streamLedgerExport(
  session: ExportSession,
  request: LedgerExportRequest,
  sink: LedgerExportSink,
  options: LedgerExportOptions = {},
): Promise<LedgerExportSummary> {
  const batchSize = options.batchSize ?? exportBatchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size ${batchSize}`);
  await useExportSettings(session);
  let names: JournalAccountNames | null = null;
  const reader = new LedgerExportReader(session, request.cooperativeId, batchSize, () => {
    if (!names) throw new Error('export: the chart is read before any leaf is named');
    return names;
  });
  const cooperative = await reader.cooperative();
  if (!cooperative) throw new NotFoundError('cooperative', request.cooperativeId);
  const { from, to, format } = request;
  const chain = await reader.chainHead();
  const counts = await reader.counts(from, to, chain.horizon);
  const facts = {
    cooperative: {
      code: cooperative.code,
      name: cooperative.name,
      functionalCurrency: cooperative.functionalCurrency,
    },
    from,
    to,
    openingDate: openingDate(from as BusinessDate),
    generatedAt: cooperative.generatedAt,
    chainHead: chain.head,
    unsealedEntries: counts.unsealed,
    currencies: await reader.currencies(cooperative.functionalCurrency),
  };
  if (request.wholeBlocks) {
    return streamWholeBlocks(session, facts, request.cooperativeId, sink, batchSize);
  }
  const header: ExportHeader = { ...facts, entries: counts.entries, postings: counts.postings };
  const fileName = ledgerExportFileName(cooperative.code, from, to, format);
  await sink.start({ fileName, contentType: ledgerExportMedia[format].contentType, header });

  names = new JournalAccountNames(await reader.headings());
  const { formatter, write, finish } = output(format, sink);
  await write(formatter.begin(header));
  if (formatter.blockRuns) await write(formatter.blockRuns(await reader.blockRuns(from, to)));
  if (formatter.accounts) {
    for await (const accounts of reader.accounts(to)) await write(formatter.accounts(accounts));
  }
  for await (const lines of reader.balances(header.openingDate, false)) {
    await write(formatter.opening(lines));
  }
  let entries = 0;
  let postings = 0;
  let entryId: string | null = null;
  sink.progress?.(0, header.postings);
  for await (const rows of reader.postings(from, to)) {
    for (const row of rows) {
      if (row.entry.id !== entryId) {
        entryId = row.entry.id;
        entries++;
      }
    }
    postings += rows.length;
    await write(formatter.postings(rows));
    sink.progress?.(postings, header.postings);
  }
  if (formatter.closing) {
    for await (const lines of reader.balances(to, true)) await write(formatter.closing(lines));
  }
  await write(formatter.end({ entries, postings }));
  await finish();
  return { fileName, header, entries, postings };
}
