import type { Tx } from '@lumbung/database';
import {
  entryColumns,
  type EntryRecord,
  postingColumns,
  type PostingRecord,
  type SealableEntry,
} from '../domain/canonical-entry';

/**
 * Reads entries for the canonical form: every column the form lists, as PostgreSQL prints it.
 * The column lists come from the canonical form itself, so the SQL cannot drift from it.
 */
const entrySelect = Object.keys(entryColumns)
  .map((column) => `e.${column}::text AS ${column}`)
  .join(', ');
const postingSelect = Object.keys(postingColumns)
  .map((column) => `p.${column}::text AS ${column}`)
  .join(', ');

/** The entry's columns in a SELECT over `journal_entry e`, for readers that join more. */
export const sealableEntryColumns = entrySelect;

/**
 * Fixes how dates and timestamps print for the rest of the transaction: ISO dates whatever the
 * server's DateStyle, timestamps in UTC (the canonical form would normalise any offset anyway).
 */
export async function useCanonicalTextFormats(tx: Tx): Promise<void> {
  await tx.query(`SET LOCAL DateStyle = 'ISO, YMD'`);
  await tx.query(`SET LOCAL TimeZone = 'UTC'`);
}

/** Entries with txid in [from, to), in sealing order (txid, id), with their postings. */
export async function readEntriesInRange(
  tx: Tx,
  cooperativeId: string,
  from: string,
  to: string,
): Promise<SealableEntry[]> {
  const entries = await tx.query<EntryRecord>(
    `SELECT ${entrySelect} FROM journal_entry e
      WHERE e.cooperative_id = $1 AND e.txid >= $2::xid8 AND e.txid < $3::xid8
      ORDER BY e.txid, e.id`,
    [cooperativeId, from, to],
  );
  return withPostings(tx, cooperativeId, entries);
}

/** Attaches each entry's postings (one query for all of them). */
export async function withPostings(
  tx: Tx,
  cooperativeId: string,
  entries: readonly EntryRecord[],
): Promise<SealableEntry[]> {
  if (entries.length === 0) return [];
  const postings = await tx.query<PostingRecord>(
    `SELECT ${postingSelect} FROM posting p
      WHERE p.cooperative_id = $1 AND p.entry_id = ANY($2::uuid[])
      ORDER BY p.entry_id, p.line_no`,
    [cooperativeId, entries.map((e) => e.id)],
  );
  const byEntry = new Map<string, PostingRecord[]>();
  for (const posting of postings) {
    const lines = byEntry.get(posting.entry_id!) ?? [];
    lines.push(posting);
    byEntry.set(posting.entry_id!, lines);
  }
  return entries.map((entry) => ({ entry, postings: byEntry.get(entry.id!) ?? [] }));
}
