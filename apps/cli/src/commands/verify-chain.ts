import {
  type ExportVerification,
  NotWholeBlocksExportError,
  verifyExportFile,
} from '@lumbung/exports/standalone';
import type { ChainHead } from '@lumbung/ledger/standalone';
import { chainHeadArg, cooperativeCodeArg, parseCommandArgs, required } from '../args';
import type { Command } from '../command';
import { CliError, describeError, UsageError } from '../errors';
import { renderVerification } from '../print/chain-report';
import { renderExportVerification } from '../print/export-chain-report';
import type * as VerifyChainDatabase from './verify-chain-database';

const help = `Usage: lumbung verify-chain --cooperative CODE [--head SEQUENCE:HASH] [--json]
       lumbung verify-chain --export FILE --head SEQUENCE:HASH [--json]

Recomputes every sealed block of the cooperative's journal from its entries as they read today
and reports the first bad block and entry: an entry altered, deleted or moved, a block that no
longer hashes or chains. Also reports any entry below the last sealed horizon that no block
holds (written with a forged txid), and any entry written into a month that was already closed.
With --head, proves that the journal still extends a head kept earlier (see chain-head).
Read in one REPEATABLE READ, read-only transaction. Exits 1 on any finding.

With --export, checks a whole-blocks export (export ledger --format jsonl --whole-blocks)
offline, from the file alone, without a database: recomputes every block the file carries whole
from its entries' columns, carries the chain on through the blocks after them by their entry
hashes, and exits 0 only when it reaches the kept head --head with that head's hash, every
posting record reads what its hashed columns say, every entry balances per currency and the file
is complete. Otherwise it names the first bad line, block and entry and exits 1.

Options:
  --cooperative CODE        the cooperative's code, e.g. KSP-KUPANG
  --export FILE             a whole-blocks export to check offline (instead of --cooperative)
  --head SEQUENCE:HASH      a chain head printed by chain-head earlier, e.g. 12:9f86d0...
                            (required with --export: a head at or after the file's last block
                            carried whole, and not after the last block it carries)
  --json                    the full result as JSON (every finding)
  -h, --help                this help

Environment:
  DATABASE_URL   application role (required, except with --export)`;

const command = 'verify-chain';

export const verifyChainCommand: Command = {
  name: 'verify-chain',
  summary: "recompute a cooperative's sealed journal and report any tampering",
  help,
  async run(args, { io, env }) {
    const values = parseCommandArgs(command, args, {
      cooperative: { type: 'string' },
      export: { type: 'string' },
      head: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) {
      io.out(help);
      return 0;
    }
    if (values.export !== undefined) {
      if (values.cooperative !== undefined) {
        throw new UsageError('--export checks a file offline: leave out --cooperative', command);
      }
      const file = required(command, 'export', values.export);
      const kept = chainHeadArg(command, required(command, 'head', values.head))!;
      const verification = await verifyFile(file, kept);
      io.out(
        values.json
          ? JSON.stringify({ export: file, ...verification }, null, 2)
          : renderExportVerification(file, verification),
      );
      return verification.ok ? 0 : 1;
    }
    const code = cooperativeCodeArg(command, values.cooperative);
    const kept = chainHeadArg(command, values.head);
    // Loaded only here: the offline check of a file needs neither Nest nor a connection.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const database = require('./verify-chain-database') as typeof VerifyChainDatabase;
    const verification = await database.verifyDatabaseChain(code, kept, io, env);
    io.out(
      values.json
        ? JSON.stringify({ cooperative: code, ...verification }, null, 2)
        : renderVerification(code, verification),
    );
    return verification.ok ? 0 : 1;
  },
};

async function verifyFile(file: string, kept: ChainHead): Promise<ExportVerification> {
  try {
    return await verifyExportFile(file, kept);
  } catch (error) {
    if (error instanceof NotWholeBlocksExportError) {
      throw new CliError(`${file}: ${error.message}`, 1, { cause: error });
    }
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new CliError(`cannot read ${file}: ${describeError(error)}`, 1, { cause: error });
  }
}
