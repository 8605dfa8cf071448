import { type ChainHead, type ChainVerification, ChainVerificationService } from '@lumbung/ledger';
import type { CliIo } from '../command';
import { databaseTarget } from '../environment';
import { withLedger } from '../ledger-app';

/** verify-chain against the database: Nest and the ledger's services, on DATABASE_URL. */
export function verifyDatabaseChain(
  code: string,
  kept: ChainHead | undefined,
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<ChainVerification> {
  const target = databaseTarget(env, io, { warnWhenShared: false });
  return withLedger(target.appUrl, target.environment.logLevel, async (ledger) => {
    const cooperative = await ledger.read((tx) => ledger.cooperativeByCode(tx, code));
    return ledger.context.get(ChainVerificationService).verify(cooperative.id, kept);
  });
}
