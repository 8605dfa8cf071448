import type { Command } from '../command';
import { demoCommand } from './demo';
import { migrateCommand } from './migrate';
import { seedCommand } from './seed';
import { trialBalanceCommand } from './trial-balance';

/** The commands of issue 2; close-day, export, verify-chain, chain-head, create-user come later. */
export const commands: readonly Command[] = [
  migrateCommand,
  seedCommand,
  trialBalanceCommand,
  demoCommand,
];
