import { ChainVerificationService, formatChainHead } from '@lumbung/ledger';
import { NotFoundError } from '@lumbung/core';
import { cooperativeCodeArg, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { databaseTarget } from '../environment';
import { CliError } from '../errors';
import { withLedger } from '../ledger-app';
import { describeHead } from '../print/chain-report';

const help = `Usage: lumbung chain-head --cooperative CODE

Prints the cooperative's latest sealed block as SEQUENCE:HASH on the first line, then what it
covers. Keep that line outside the system (an e-mail, a printed working paper); later,
\`lumbung verify-chain --cooperative CODE --head SEQUENCE:HASH\` proves that the journal still
extends it: nothing sealed up to that block was edited, removed, inserted or reordered since.
Exits 1 when nothing is sealed yet.

Options:
  --cooperative CODE   the cooperative's code, e.g. KSP-KUPANG
  -h, --help           this help

Environment:
  DATABASE_URL   application role (required)`;

export const chainHeadCommand: Command = {
  name: 'chain-head',
  summary: "print a cooperative's latest chain head for an auditor to keep",
  help,
  async run(args, { io, env }) {
    const values = parseCommandArgs('chain-head', args, { cooperative: { type: 'string' } });
    if (values.help) {
      io.out(help);
      return 0;
    }
    const code = cooperativeCodeArg('chain-head', values.cooperative);
    const target = databaseTarget(env, io, { warnWhenShared: false });
    const head = await withLedger(target.appUrl, target.environment.logLevel, async (ledger) => {
      const cooperative = await ledger.read((tx) => ledger.cooperativeByCode(tx, code));
      try {
        return await ledger.context.get(ChainVerificationService).head(cooperative.id);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        throw new CliError(
          `${code} has no sealed block yet: the worker seals the journal every few seconds`,
        );
      }
    });
    io.out(formatChainHead(head));
    io.out(`${code}: block ${describeHead(head)}`);
    io.out(
      `Keep the first line; later: lumbung verify-chain --cooperative ${code} --head ${formatChainHead(head)}`,
    );
    return 0;
  },
};
