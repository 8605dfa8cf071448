import {
  ChainVerificationService,
  entryColumns,
  type EntryRecord,
  JournalSealingService,
  postingColumns,
  type PostingRecord,
  type SealableEntry,
} from '@lumbung/ledger';
import type { Client } from 'pg';
import type { LedgerContext } from './ledger-context';
import { inTransaction } from './raw-ledger';

export const sealingOf = (ctx: LedgerContext): JournalSealingService =>
  ctx.module.get(JournalSealingService);
export const chainOf = (ctx: LedgerContext): ChainVerificationService =>
  ctx.module.get(ChainVerificationService);

/** Entries of the cooperative that no block holds yet. */
export async function unsealedCount(ctx: LedgerContext, cooperativeId: string): Promise<number> {
  const [row] = await ctx.run((tx) =>
    tx.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM journal_entry e
        WHERE e.cooperative_id = $1 AND NOT EXISTS (
          SELECT 1 FROM journal_block_entry s WHERE s.cooperative_id = e.cooperative_id AND s.entry_id = e.id)`,
      [cooperativeId],
    ),
  );
  return Number(row.n);
}

/**
 * Seals until every entry is in a block. The horizon is cluster-wide: another suite's open
 * transaction can hold it back for a while, so this waits rather than expecting one run to do.
 */
export async function sealEverything(
  ctx: LedgerContext,
  cooperativeId: string,
  timeoutMillis = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  await waitForHorizonPast(ctx, cooperativeId, deadline);
  for (;;) {
    await sealingOf(ctx).sealCooperative(cooperativeId);
    const left = await unsealedCount(ctx, cooperativeId);
    if (left === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${left} entries still unsealed after ${timeoutMillis} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits until no transaction older than the cooperative's newest entry is open anywhere in the
 * cluster, so one sealing run takes all its entries into one block: otherwise another suite's
 * open transaction would split them over several blocks and tests counting blocks would flake.
 */
async function waitForHorizonPast(
  ctx: LedgerContext,
  cooperativeId: string,
  deadline: number,
): Promise<void> {
  for (;;) {
    const [row] = await ctx.run((tx) =>
      tx.query<{ passed: boolean }>(
        `SELECT coalesce(max(txid) < pg_snapshot_xmin(pg_current_snapshot()), true) AS passed
           FROM journal_entry WHERE cooperative_id = $1`,
        [cooperativeId],
      ),
    );
    if (row.passed || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * What someone with the owner's password could do: switch the append-only triggers off, change
 * rows, switch them back on. Foreign keys stay on (they are not user triggers).
 */
export async function tamper(
  ctx: LedgerContext,
  tables: readonly string[],
  work: (owner: Client) => Promise<unknown>,
): Promise<void> {
  await ctx.owner(async (owner) => {
    for (const table of tables) await owner.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    try {
      await inTransaction(owner, () => work(owner));
    } finally {
      for (const table of tables) await owner.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    }
  });
}

/** An entry as the canonical form reads it, straight from the tables (for a forger's rehash). */
export async function readSealable(
  client: Client,
  cooperativeId: string,
  entryId: string,
): Promise<SealableEntry> {
  await client.query(`SET DateStyle = 'ISO, YMD'`);
  await client.query(`SET TimeZone = 'UTC'`);
  const columns = (names: object, alias: string): string =>
    Object.keys(names)
      .map((c) => `${alias}.${c}::text AS ${c}`)
      .join(', ');
  const entry = await client.query<EntryRecord>(
    `SELECT ${columns(entryColumns, 'e')} FROM journal_entry e WHERE e.cooperative_id = $1 AND e.id = $2`,
    [cooperativeId, entryId],
  );
  const postings = await client.query<PostingRecord>(
    `SELECT ${columns(postingColumns, 'p')} FROM posting p
      WHERE p.cooperative_id = $1 AND p.entry_id = $2 ORDER BY p.line_no`,
    [cooperativeId, entryId],
  );
  return { entry: entry.rows[0], postings: postings.rows };
}
