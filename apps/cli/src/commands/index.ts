/* eslint-disable @typescript-eslint/no-require-imports -- require() and not import(): a
   dynamic import() is an ECMAScript import, which Jest's CommonJS modules cannot follow to a .ts
   file. The type-only imports below are erased. */
import type { CommandEntry } from '../command';
import type * as Migrate from './migrate';
import type * as Seed from './seed';
import type * as CloseDay from './close-day';
import type * as TrialBalance from './trial-balance';
import type * as Demo from './demo';
import type * as VerifyChain from './verify-chain';
import type * as ChainHead from './chain-head';
import type * as Export from './export';
import type * as Statements from './statements';
import type * as CreateUser from './create-user';
import type * as Cutover from './cutover';

/**
 * The commands of issues 2, 4, 7, 10, 11 and 12, each loaded when it runs (see CommandEntry). A
 * summary here is the command's own (`Command.summary`); a unit test holds them equal.
 */
export const commands: readonly CommandEntry[] = [
  {
    name: 'migrate',
    summary: 'apply schema migrations and upgrade every cooperative chart',
    load: async () => (require('./migrate') as typeof Migrate).migrateCommand,
  },
  {
    name: 'seed',
    summary: 'seed the demo federation (idempotent) and upgrade every chart',
    load: async () => (require('./seed') as typeof Seed).seedCommand,
  },
  {
    name: 'close-day',
    summary: "close a cooperative's business day (its end-of-day run), here and now",
    load: async () => (require('./close-day') as typeof CloseDay).closeDayCommand,
  },
  {
    name: 'trial-balance',
    summary: 'print a cooperative trial balance as of a date',
    load: async () => (require('./trial-balance') as typeof TrialBalance).trialBalanceCommand,
  },
  {
    name: 'demo',
    summary: 'migrate, seed, create demo logins, post demo activity, print every trial balance',
    load: async () => (require('./demo') as typeof Demo).demoCommand,
  },
  {
    name: 'verify-chain',
    summary: "recompute a cooperative's sealed journal and report any tampering",
    load: async () => (require('./verify-chain') as typeof VerifyChain).verifyChainCommand,
  },
  {
    name: 'chain-head',
    summary: "print a cooperative's latest chain head for an auditor to keep",
    load: async () => (require('./chain-head') as typeof ChainHead).chainHeadCommand,
  },
  {
    name: 'export',
    summary: "export a cooperative's general ledger (csv, jsonl, xlsx, hledger, beancount)",
    load: async () => (require('./export') as typeof Export).exportCommand,
  },
  {
    name: 'statements',
    summary: "write a cooperative's financial statements for a period (json, csv, xlsx, pdf)",
    load: async () => (require('./statements') as typeof Statements).statementsCommand,
  },
  {
    name: 'create-user',
    summary: 'create a user who can log in, and grant roles (also to an existing user)',
    load: async () => (require('./create-user') as typeof CreateUser).createUserCommand,
  },
  {
    name: 'cutover',
    summary: "open a cooperative's books from CSV files (opening balances), or check them",
    load: async () => (require('./cutover') as typeof Cutover).cutoverCommand,
  },
];
