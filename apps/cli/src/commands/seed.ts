import type { BusinessDate } from '@lumbung/core';
import { sqlState, sqlStates } from '@lumbung/database';
import type { Cooperative } from '@lumbung/ledger';
import { parseCommandArgs } from '../args';
import { type CooperativeUpgrade, upgradeCharts } from '../chart-upgrade';
import type { CliIo, Command } from '../command';
import { databaseTarget } from '../environment';
import { demoFederation, type FederationMember } from '../federation';
import { type LedgerApp, withLedger } from '../ledger-app';

const help = `Usage: lumbung seed

Seeds the demo federation, idempotently: a KSP in Kupang (KSP-KUPANG, IDR), a KSP in Makassar
(KSP-MAKASSAR, IDR), a partner cooperative in Dili (KOP-DILI, USD) and a cooperative shared
production house in Sabah (RPB-SABAH, MYR). A cooperative whose code exists is left as it is;
the chart upgrade runs for every cooperative either way. Run migrate first.

Environment:
  DATABASE_URL   application role (required)`;

export interface SeededCooperative {
  readonly cooperative: Cooperative;
  readonly created: boolean;
}

export interface SeedOutcome {
  readonly cooperatives: readonly SeededCooperative[];
  readonly upgrades: readonly CooperativeUpgrade[];
}

export interface SeedOptions {
  /** The business date a cooperative created now opens its books on; today when undefined. */
  readonly opensOn?: (member: FederationMember) => BusinessDate | undefined;
}

/** Creates each member of the federation that is missing, then upgrades every chart. */
export async function seedFederation(
  ledger: LedgerApp,
  io: CliIo,
  options: SeedOptions = {},
): Promise<SeedOutcome> {
  io.out('Demo federation:');
  const cooperatives: SeededCooperative[] = [];
  for (const member of demoFederation) {
    const seeded = await seedOne(ledger, member, options.opensOn?.(member));
    cooperatives.push(seeded);
    const { cooperative: c, created } = seeded;
    io.out(
      `  ${c.code.padEnd(14)} ${(created ? 'created' : 'exists').padEnd(9)}${c.name}, ` +
        `${member.place} (${c.functionalCurrency}, ${c.timeZone}, business date ${c.businessDate})`,
    );
    for (const difference of differences(member, c)) io.err(`warning: ${c.code} ${difference}`);
  }
  const upgrades = await upgradeCharts(ledger, io);
  return { cooperatives, upgrades };
}

async function seedOne(
  ledger: LedgerApp,
  member: FederationMember,
  businessDate: BusinessDate | undefined,
): Promise<SeededCooperative> {
  const { place: _place, ...rest } = member;
  const input = businessDate ? { ...rest, businessDate } : rest;
  const existing = async (): Promise<Cooperative | undefined> =>
    (await ledger.read((tx) => ledger.cooperatives.all(tx))).find((c) => c.code === input.code);
  const found = await existing();
  if (found) return { cooperative: found, created: false };
  try {
    const cooperative = await ledger.write((tx) => ledger.cooperatives.create(tx, input));
    return { cooperative, created: true };
  } catch (error) {
    // Another seed created it between our read and insert: it exists, which is what we want.
    const raced = sqlState(error) === sqlStates.uniqueViolation ? await existing() : undefined;
    if (raced) return { cooperative: raced, created: false };
    throw error;
  }
}

/** A cooperative with a seeded code but other settings is left alone, and said so. */
function differences(member: FederationMember, found: Cooperative): string[] {
  const wanted: Array<[string, string, string]> = [
    ['country', member.country, found.country],
    ['time zone', member.timeZone, found.timeZone],
    ['functional currency', member.functionalCurrency, found.functionalCurrency],
  ];
  return wanted
    .filter(([, want, have]) => want !== have)
    .map(([what, want, have]) => `has ${what} ${have}, the seed expects ${want}; left unchanged`);
}

export const seedCommand: Command = {
  name: 'seed',
  summary: 'seed the demo federation (idempotent) and upgrade every chart',
  help,
  async run(args, { io, env }) {
    const values = parseCommandArgs('seed', args, {});
    if (values.help) {
      io.out(help);
      return 0;
    }
    const target = databaseTarget(env, io, { warnWhenShared: false });
    await withLedger(target.appUrl, target.environment.logLevel, (ledger) =>
      seedFederation(ledger, io),
    );
    return 0;
  },
};
