import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';

export interface CutoverRecord {
  readonly cutoverDate: BusinessDate;
  readonly filesSha256: string;
  readonly members: number;
  readonly savingsAccounts: number;
  readonly loans: number;
  readonly glLines: number;
  readonly savingsEntryId: string | null;
  readonly loansEntryId: string | null;
  readonly glEntryId: string | null;
  readonly committedAt: string;
}

export async function cutoverOf(tx: Tx, cooperativeId: string): Promise<CutoverRecord | undefined> {
  const [row] = await tx.query<{
    cutover_date: BusinessDate;
    files_sha256: string;
    members: number;
    savings_accounts: number;
    loans: number;
    gl_lines: number;
    savings_entry_id: string | null;
    loans_entry_id: string | null;
    gl_entry_id: string | null;
    committed_at: Date;
  }>(`SELECT * FROM cutover WHERE cooperative_id = $1`, [cooperativeId]);
  return (
    row && {
      cutoverDate: row.cutover_date,
      filesSha256: row.files_sha256,
      members: row.members,
      savingsAccounts: row.savings_accounts,
      loans: row.loans,
      glLines: row.gl_lines,
      savingsEntryId: row.savings_entry_id,
      loansEntryId: row.loans_entry_id,
      glEntryId: row.gl_entry_id,
      committedAt: row.committed_at.toISOString(),
    }
  );
}

export async function insertCutover(
  tx: Tx,
  cooperativeId: string,
  record: Omit<CutoverRecord, 'committedAt'>,
  committedBy: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO cutover (cooperative_id, cutover_date, files_sha256, members, savings_accounts,
                          loans, gl_lines, savings_entry_id, loans_entry_id, gl_entry_id,
                          committed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      cooperativeId,
      record.cutoverDate,
      record.filesSha256,
      record.members,
      record.savingsAccounts,
      record.loans,
      record.glLines,
      record.savingsEntryId,
      record.loansEntryId,
      record.glEntryId,
      committedBy,
    ],
  );
}

/** Whether the cooperative already has members or postings: a cut-over opens empty books only. */
export async function booksInUse(tx: Tx, cooperativeId: string): Promise<boolean> {
  const [row] = await tx.query<{ in_use: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM member WHERE cooperative_id = $1)
         OR EXISTS (SELECT 1 FROM journal_entry WHERE cooperative_id = $1) AS in_use`,
    [cooperativeId],
  );
  return row.in_use;
}
