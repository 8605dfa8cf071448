import type { MigrationInterface } from 'typeorm';
import { LedgerFoundation1795313877912 } from './1795313877912-LedgerFoundation';

/** Every migration, in order. Explicit: globs break in bundles. */
export const migrations: Array<new () => MigrationInterface> = [LedgerFoundation1795313877912];
