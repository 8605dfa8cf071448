import { ChainVerificationService } from '@lumbung/ledger';
import { chainHeadArg, cooperativeCodeArg, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { databaseTarget } from '../environment';
import { withLedger } from '../ledger-app';
import { renderVerification } from '../print/chain-report';

const help = `Usage: lumbung verify-chain --cooperative CODE [--head SEQUENCE:HASH] [--json]

Recomputes every sealed block of the cooperative's journal from its entries as they read today
and reports the first bad block and entry: an entry altered, deleted or moved, a block that no
longer hashes or chains. Also reports any entry below the last sealed horizon that no block
holds (written with a forged txid), and any entry written into a month that was already closed.
With --head, proves that the journal still extends a head kept earlier (see chain-head).
Read in one REPEATABLE READ, read-only transaction. Exits 1 on any finding.

Options:
  --cooperative CODE        the cooperative's code, e.g. KSP-KUPANG
  --head SEQUENCE:HASH      a chain head printed by chain-head earlier, e.g. 12:9f86d0...
  --json                    the full result as JSON (every finding)
  -h, --help                this help

Environment:
  DATABASE_URL   application role (required)`;

export const verifyChainCommand: Command = {
  name: 'verify-chain',
  summary: "recompute a cooperative's sealed journal and report any tampering",
  help,
  async run(args, { io, env }) {
    const values = parseCommandArgs('verify-chain', args, {
      cooperative: { type: 'string' },
      head: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) {
      io.out(help);
      return 0;
    }
    const code = cooperativeCodeArg('verify-chain', values.cooperative);
    const kept = chainHeadArg('verify-chain', values.head);
    const target = databaseTarget(env, io, { warnWhenShared: false });
    const verification = await withLedger(
      target.appUrl,
      target.environment.logLevel,
      async (ledger) => {
        const cooperative = await ledger.read((tx) => ledger.cooperativeByCode(tx, code));
        return ledger.context.get(ChainVerificationService).verify(cooperative.id, kept);
      },
    );
    io.out(
      values.json
        ? JSON.stringify({ cooperative: code, ...verification }, null, 2)
        : renderVerification(code, verification),
    );
    return verification.ok ? 0 : 1;
  },
};
