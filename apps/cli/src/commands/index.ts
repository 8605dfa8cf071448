import type { Command } from '../command';
import { chainHeadCommand } from './chain-head';
import { createUserCommand } from './create-user';
import { demoCommand } from './demo';
import { migrateCommand } from './migrate';
import { seedCommand } from './seed';
import { trialBalanceCommand } from './trial-balance';
import { verifyChainCommand } from './verify-chain';

/** The commands of issues 2, 4 and 10; close-day and export come later. */
export const commands: readonly Command[] = [
  migrateCommand,
  seedCommand,
  trialBalanceCommand,
  demoCommand,
  verifyChainCommand,
  chainHeadCommand,
  createUserCommand,
];
