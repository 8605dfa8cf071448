import type { Command } from '../command';
import { chainHeadCommand } from './chain-head';
import { demoCommand } from './demo';
import { migrateCommand } from './migrate';
import { seedCommand } from './seed';
import { trialBalanceCommand } from './trial-balance';
import { verifyChainCommand } from './verify-chain';

/** The commands of issues 2 and 10; close-day, export, create-user come later. */
export const commands: readonly Command[] = [
  migrateCommand,
  seedCommand,
  trialBalanceCommand,
  demoCommand,
  verifyChainCommand,
  chainHeadCommand,
];
