import { localDate } from '@lumbung/core';
import { migrateSchema } from '../commands/migrate';
import { seedFederation } from '../commands/seed';
import { printTrialBalance } from '../commands/trial-balance';
import { LedgerApp } from '../ledger-app';
import { postDemoBook } from './activity';
import { demoBooks } from './books';
import type { DemoStep } from './context';
import {
  crossBorderDaysStep,
  crossBorderLenders,
  crossBorderOpeningStep,
  crossBorderRepaymentStep,
  crossBorderStart,
} from './cross-border';
import { auditorStep } from './auditor';
import { backOfficeStep } from './back-office';
import { apiStep, workerStep } from './services';
import { loanDayStep } from './loan-day';
import { tellerDayStep } from './teller-day';
import { usersStep } from './users';

/** Schema as the owner, then the ledger as the application role the migration set up. */
export const migrateStep: DemoStep = {
  title: 'Migrating the schema',
  async run(ctx) {
    const outcome = await migrateSchema(ctx.database, ctx.io);
    ctx.report(
      'Schema',
      outcome.applied.length > 0
        ? `${outcome.applied.length} migration(s) applied`
        : 'up to date, no migration applied',
    );
    ctx.useLedger(await LedgerApp.open(ctx.database.appUrl, ctx.environment.logLevel));
  },
};

/**
 * Seed creates what is missing and runs the chart upgrade: migrate's upgrade would repeat it.
 * The two lending KSPs, when created here, open their books two days before last month's end,
 * so their cross-border facilities cross a month end on the way to today.
 */
export const seedStep: DemoStep = {
  title: 'Seeding the federation',
  async run(ctx) {
    const { cooperatives } = await seedFederation(ctx.ledger, ctx.io, {
      opensOn: (member) =>
        crossBorderLenders.includes(member.code)
          ? crossBorderStart(localDate(new Date(), member.timeZone))
          : undefined,
    });
    const created = cooperatives.filter((c) => c.created).length;
    ctx.report(
      'Cooperatives',
      `${cooperatives.length} in the federation: ${created} created, ${cooperatives.length - created} already there`,
    );
  },
};

export const activityStep: DemoStep = {
  title: 'Posting opening balances and a first day of activity',
  async run(ctx) {
    for (const book of demoBooks) {
      const outcome = await postDemoBook(ctx.ledger, book);
      const line =
        `${outcome.accountsOpened} member account(s) opened (${outcome.accountsPresent} already open), ` +
        `${outcome.posted} entr${outcome.posted === 1 ? 'y' : 'ies'} posted, ${outcome.replayed} replayed`;
      ctx.io.out(`  ${book.cooperative.padEnd(14)} ${line}`);
      ctx.report(book.cooperative, line);
      for (const key of outcome.differing) {
        ctx.io.err(
          `warning: ${key} was posted earlier with other lines than this demo's (an older demo?); ` +
            'the ledger keeps what was posted',
        );
      }
    }
  },
};

/** Every cooperative's trial balance as of its business date, printed as the command prints it. */
export const trialBalanceStep: DemoStep = {
  title: 'Trial balances',
  async run(ctx) {
    const cooperatives = await ctx.ledger.read((tx) => ctx.ledger.cooperatives.all(tx));
    const unbalanced: string[] = [];
    for (const cooperative of cooperatives) {
      ctx.io.out('');
      const balanced = await printTrialBalance(
        ctx.ledger,
        ctx.io,
        cooperative.code,
        cooperative.businessDate,
      );
      if (!balanced) unbalanced.push(cooperative.code);
    }
    if (unbalanced.length > 0) ctx.exitCode = 1;
    ctx.report(
      'Books',
      unbalanced.length === 0
        ? `all ${cooperatives.length} trial balances balance`
        : `NOT BALANCED: ${unbalanced.join(', ')}`,
    );
  },
};

/** The demo, in order; each role's flows join the services step as their issues land. */
export const demoSteps: readonly DemoStep[] = [
  migrateStep,
  seedStep,
  usersStep,
  activityStep,
  apiStep,
  crossBorderOpeningStep,
  crossBorderDaysStep,
  workerStep,
  tellerDayStep,
  loanDayStep,
  backOfficeStep,
  auditorStep,
  crossBorderRepaymentStep,
  trialBalanceStep,
];
