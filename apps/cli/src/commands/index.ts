import type { Command } from '../command';
import { chainHeadCommand } from './chain-head';
import { closeDayCommand } from './close-day';
import { createUserCommand } from './create-user';
import { demoCommand } from './demo';
import { exportCommand } from './export';
import { migrateCommand } from './migrate';
import { seedCommand } from './seed';
import { trialBalanceCommand } from './trial-balance';
import { verifyChainCommand } from './verify-chain';

/** The commands of issues 2, 4, 7, 10 and 11. */
export const commands: readonly Command[] = [
  migrateCommand,
  seedCommand,
  closeDayCommand,
  trialBalanceCommand,
  demoCommand,
  verifyChainCommand,
  chainHeadCommand,
  exportCommand,
  createUserCommand,
];
