import type { RoleSetupOutcome } from '@lumbung/database';
import { migrateDatabase, type MigrationOutcome } from '../../../../migrations/migrate';
import { parseCommandArgs } from '../args';
import { upgradeCharts } from '../chart-upgrade';
import type { CliIo, Command } from '../command';
import { type DatabaseTarget, databaseTarget, describeUrl } from '../environment';
import { CliError, describeError } from '../errors';
import { withLedger } from '../ledger-app';

const help = `Usage: lumbung migrate

Brings the schema to the latest migration as the owner (DATABASE_OWNER_URL), makes sure the
application role of DATABASE_URL exists with only the privileges the migrations grant, then
runs the chart upgrade: every existing cooperative gets the current chart template's new
accounts, idempotently. Safe to run again.

Environment:
  DATABASE_URL         application role (required)
  DATABASE_OWNER_URL   owner of the schema; defaults to DATABASE_URL with a warning`;

const roleOutcomes: Record<RoleSetupOutcome, string> = {
  created: 'created',
  updated: 'present, privileges confirmed',
  'shared-with-owner': 'same as the owner (DATABASE_OWNER_URL unset)',
};

/** The schema part of migrate, as the owner; the demo calls it too. */
export async function migrateSchema(target: DatabaseTarget, io: CliIo): Promise<MigrationOutcome> {
  let outcome: MigrationOutcome;
  try {
    outcome = await migrateDatabase(target.ownerUrl, target.appUrl);
  } catch (error) {
    throw new CliError(
      `migration as ${describeUrl(target.ownerUrl)} failed: ${describeError(error)}`,
    );
  }
  io.out(
    outcome.applied.length > 0
      ? `Schema: applied ${outcome.applied.length} migration(s): ${outcome.applied.join(', ')}`
      : 'Schema: up to date, no migration to apply',
  );
  const role = new URL(target.appUrl).username || 'postgres';
  io.out(`Application role ${role}: ${roleOutcomes[outcome.applicationRole]}`);
  return outcome;
}

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply schema migrations and upgrade every cooperative chart',
  help,
  async run(args, { io, env }) {
    const values = parseCommandArgs('migrate', args, {});
    if (values.help) {
      io.out(help);
      return 0;
    }
    const target = databaseTarget(env, io, { warnWhenShared: true });
    await migrateSchema(target, io);
    await withLedger(target.appUrl, target.environment.logLevel, (ledger) =>
      upgradeCharts(ledger, io),
    );
    return 0;
  },
};
