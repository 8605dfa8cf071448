import { InvalidInputError } from '@lumbung/core';
import {
  ExportConnectError,
  type ExportSession,
  type LedgerExportSink,
  type LedgerExportSummary,
  ledgerExportFormats,
  ledgerExportRange,
  streamLedgerExport,
  withExportSnapshot,
} from '@lumbung/exports/standalone';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { cooperativeCodeArg, parseCommandArgs, required } from '../args';
import type { CliIo, Command } from '../command';
import { databaseTarget, describeUrl } from '../environment';
import { CliError, describeError, UsageError } from '../errors';

const formats = ledgerExportFormats.join('|');

const help = `Usage: lumbung export ledger --cooperative CODE --from YYYY-MM-DD --to YYYY-MM-DD
                            --format ${formats} --out FILE [--whole-blocks]

Writes the cooperative's general ledger for the value dates --from to --to (both included) to
FILE, read from one REPEATABLE READ, read-only snapshot, streamed with constant memory:
  csv        RFC 4180, one posting a record, balances brought forward first (record=opening);
             each posting names its entry's chain sequence and hash, block and block hash
  jsonl      JSON Lines: export header, block runs, accounts, opening balances, postings, end
  xlsx       a workbook: the CSV's rows in worksheet Ledger (Ledger 2, ... past 1,048,576
             rows), amounts as numbers; worksheet Export names the range and the chain
  hledger    a journal hledger reads as it is: \`hledger -f FILE balance\`
  beancount  a file bean-check accepts as it is: \`bean-check FILE\`
The journals carry the balances brought forward (dated the day before --from) and assert the
closing balances (as of --to), so hledger and bean-check themselves check them against
Lumbung's trial balance; their comment header names the chain head and the blocks the entries
sit in.

With --whole-blocks (jsonl only; the other formats refuse it) the file is widened to chain
blocks: every entry and posting of the blocks from the first to the last that holds an entry of
the range, whatever its value date, each carrying every column the chain's hash covers (posting
records say inRange), then the blocks after them up to the chain head by their entry hashes; no
balances brought forward, and entries not sealed yet are left out (the summary counts them).
\`lumbung verify-chain --export FILE --head SEQUENCE:HASH\` then checks it offline against a
head kept from chain-head.

The file appears only when complete (written beside it, then renamed). Shows progress
on a terminal; prints one summary line. Exits 0 on success.

Options:
  --cooperative CODE   the cooperative's code, e.g. KSP-KUPANG
  --from DATE          first value date, YYYY-MM-DD
  --to DATE            last value date, YYYY-MM-DD (not before --from)
  --format FORMAT      ${formats}
  --out FILE           where to write (replaced if it exists)
  --whole-blocks       widen to whole chain blocks, for verify-chain --export (jsonl only)
  -h, --help           this help

Environment:
  DATABASE_URL   application role (required)`;

const command = 'export';

export const exportCommand: Command = {
  name: 'export',
  summary: "export a cooperative's general ledger (csv, jsonl, xlsx, hledger, beancount)",
  help,
  async run(args, { io, env }) {
    const [what, ...rest] = args;
    if (what === '--help' || what === '-h') {
      io.out(help);
      return 0;
    }
    if (what !== 'ledger') {
      throw new UsageError(
        what === undefined
          ? 'say what to export: export ledger ...'
          : `cannot export "${what}": only ledger for now`,
        command,
      );
    }
    const values = parseCommandArgs(command, rest, {
      cooperative: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'whole-blocks': { type: 'boolean' },
    });
    if (values.help) {
      io.out(help);
      return 0;
    }
    const code = cooperativeCodeArg(command, values.cooperative);
    const range = rangeArgs(values);
    const out = required(command, 'out', values.out);
    const target = databaseTarget(env, io, { warnWhenShared: false });
    // No Nest and no TypeORM here (see @lumbung/exports/standalone): a plain connection, one
    // REPEATABLE READ, read-only transaction for the lookup and the whole export.
    const connection = { url: target.appUrl, applicationName: 'lumbung-cli' };
    try {
      const summary = await withExportSnapshot(connection, async (session) => {
        const cooperativeId = await cooperativeIdByCode(session, code);
        return writeFile(out, io, (sink) =>
          streamLedgerExport(session, { cooperativeId, ...range }, sink),
        );
      });
      io.out(
        describeSummary(out, range.wholeBlocks ? 'jsonl, whole blocks' : range.format, summary),
      );
      return 0;
    } catch (error) {
      if (!(error instanceof ExportConnectError)) throw error;
      throw new CliError(
        `cannot connect to the database as ${describeUrl(target.appUrl)}: ${describeError(error.cause)}`,
      );
    }
  },
};

function rangeArgs(values: {
  from?: string;
  to?: string;
  format?: string;
  'whole-blocks'?: boolean;
}) {
  for (const name of ['from', 'to', 'format'] as const) required(command, name, values[name]);
  const wholeBlocks = values['whole-blocks'] ?? false;
  try {
    return ledgerExportRange({
      from: values.from,
      to: values.to,
      format: values.format,
      wholeBlocks,
    });
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const first = error.errors[0];
    if (first.field === 'wholeBlocks') {
      throw new UsageError(
        `--whole-blocks ${first.message}, got --format ${values.format}`,
        command,
      );
    }
    const given = values[first.field as 'from' | 'to' | 'format'];
    throw new UsageError(`--${first.field} ${first.message}, got "${given}"`, command);
  }
}

/** The cooperative with this code, or a one-line error that lists the codes there are. */
async function cooperativeIdByCode(session: ExportSession, code: string): Promise<string> {
  const [found] = await session.query<{ id: string }>(
    `SELECT id::text AS id FROM cooperative WHERE code = $1`,
    [code],
  );
  if (found) return found.id;
  const known = (
    await session.query<{ code: string }>(`SELECT code FROM cooperative ORDER BY code`)
  ).map((c) => c.code);
  throw new CliError(
    `no cooperative with code ${code} (${known.length ? `known: ${known.join(', ')}` : 'none yet: run seed'})`,
  );
}

/**
 * Streams into FILE's sibling `.FILE.partial-PID` with backpressure and renames it over FILE
 * once the export has finished, so FILE is never a half-written export; a failure removes the
 * partial file.
 */
async function writeFile(
  out: string,
  io: CliIo,
  work: (sink: LedgerExportSink) => Promise<LedgerExportSummary>,
): Promise<LedgerExportSummary> {
  const partial = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
  const stream = createWriteStream(partial);
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new CliError(`cannot write ${out}: ${describeError(error)}`);
  }
  let label = '';
  try {
    const summary = await work({
      start: ({ header }) => {
        label = `${header.cooperative.code} ${header.from}..${header.to}`;
      },
      write: async (chunk) => {
        if (chunk !== '' && !stream.write(chunk)) await once(stream, 'drain');
      },
      progress: (written, total) => {
        const share = total === 0 ? 100 : (written * 100) / total;
        io.progress?.(
          `export ${label}: ${written.toLocaleString('en')} of ${total.toLocaleString('en')} postings (${share.toFixed(0)}%)`,
        );
      },
    });
    stream.end();
    await once(stream, 'finish');
    await rename(partial, out);
    return summary;
  } catch (error) {
    stream.destroy();
    await unlink(partial).catch(() => undefined);
    throw error;
  } finally {
    io.progress?.('');
  }
}

function describeSummary(out: string, format: string, summary: LedgerExportSummary): string {
  const { header } = summary;
  const head = header.chainHead
    ? `chain head ${header.chainHead.sequence}:${header.chainHead.hash}`
    : 'no chain head yet';
  const n = header.unsealedEntries;
  const unsealed = n > 0 ? `, ${n} ${n === 1 ? 'entry' : 'entries'} not sealed yet` : '';
  return (
    `${header.cooperative.code}: wrote ${out} (${format}, value dates ${header.from} to ${header.to}): ` +
    `${summary.entries} entries, ${summary.postings} postings; ${head}${unsealed}`
  );
}
