import type { Tx } from '@lumbung/database';
import type { VoucherType } from '../domain/manual-journal';

export type ManualJournalStatus = 'pending' | 'posted' | 'rejected' | 'cancelled';

/** A line as stored: the leaf resolved, the amount signed (debits positive) at its scale. */
export interface StoredJournalLine {
  readonly accountId: string;
  readonly accountCode: string;
  readonly amount: string;
  readonly currency: string;
  readonly counterpartyClass?: string;
  readonly dimensions?: Record<string, string>;
  readonly memo?: string;
}

export interface ManualJournalRecord {
  readonly id: string;
  readonly status: ManualJournalStatus;
  readonly voucherType: VoucherType;
  readonly description: string;
  readonly attachmentReference: string;
  readonly valueDate: string | null;
  readonly currency: string;
  readonly totalDebit: string;
  readonly lines: readonly StoredJournalLine[];
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly entryId: string | null;
  /** `BKK-000042`: series and gap-free number, once posted. */
  readonly voucher: string | null;
  readonly postedOn: string | null;
  readonly endedAt: string | null;
}

interface JournalRow {
  id: string;
  status: ManualJournalStatus;
  voucher_type: VoucherType;
  description: string;
  attachment_reference: string;
  value_date: string | null;
  currency: string;
  total_debit: string;
  lines: StoredJournalLine[];
  requested_by: string;
  requested_at: Date;
  entry_id: string | null;
  voucher_number: string | null;
  posted_on: string | null;
  ended_at: Date | null;
}

const columns = `id, status, voucher_type, description, attachment_reference, value_date::text,
  currency, total_debit::text, lines, requested_by, requested_at, entry_id,
  voucher_number::text, posted_on::text, ended_at`;

/** Voucher numbers print six digits wide, as paper vouchers are numbered. */
export function voucherLabel(type: string, number: string | number): string {
  return `${type}-${String(number).padStart(6, '0')}`;
}

function journalOf(row: JournalRow): ManualJournalRecord {
  return {
    id: row.id,
    status: row.status,
    voucherType: row.voucher_type,
    description: row.description,
    attachmentReference: row.attachment_reference,
    valueDate: row.value_date,
    currency: row.currency,
    totalDebit: row.total_debit,
    lines: row.lines,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    entryId: row.entry_id,
    voucher: row.voucher_number ? voucherLabel(row.voucher_type, row.voucher_number) : null,
    postedOn: row.posted_on,
    endedAt: row.ended_at?.toISOString() ?? null,
  };
}

export async function insertJournal(
  tx: Tx,
  cooperativeId: string,
  journal: {
    id: string;
    voucherType: VoucherType;
    description: string;
    attachmentReference: string;
    valueDate: string | null;
    currency: string;
    totalDebit: string;
    lines: readonly StoredJournalLine[];
    requestedBy: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO manual_journal (cooperative_id, id, voucher_type, description,
       attachment_reference, value_date, currency, total_debit, lines, requested_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      cooperativeId,
      journal.id,
      journal.voucherType,
      journal.description,
      journal.attachmentReference,
      journal.valueDate,
      journal.currency,
      journal.totalDebit,
      JSON.stringify(journal.lines),
      journal.requestedBy,
    ],
  );
}

export async function readJournal(
  tx: Tx,
  cooperativeId: string,
  id: string,
  lock: boolean,
): Promise<ManualJournalRecord | undefined> {
  const [row] = await tx.query<JournalRow>(
    `SELECT ${columns} FROM manual_journal WHERE cooperative_id = $1 AND id = $2
     ${lock ? 'FOR UPDATE' : ''}`,
    [cooperativeId, id],
  );
  return row ? journalOf(row) : undefined;
}

export async function listJournals(
  tx: Tx,
  cooperativeId: string,
  query: { status?: ManualJournalStatus; after?: string; limit: number },
): Promise<ManualJournalRecord[]> {
  const rows = await tx.query<JournalRow>(
    `SELECT ${columns} FROM manual_journal
      WHERE cooperative_id = $1 AND ($2::text IS NULL OR status = $2)
        AND ($3::uuid IS NULL OR id > $3)
      ORDER BY id LIMIT $4`,
    [cooperativeId, query.status ?? null, query.after ?? null, query.limit],
  );
  return rows.map(journalOf);
}

export async function markPosted(
  tx: Tx,
  cooperativeId: string,
  id: string,
  posted: { entryId: string; voucherNumber: string; postedOn: string },
): Promise<void> {
  await tx.query(
    `UPDATE manual_journal
        SET status = 'posted', entry_id = $3, voucher_number = $4, posted_on = $5,
            ended_at = clock_timestamp()
      WHERE cooperative_id = $1 AND id = $2 AND status = 'pending'`,
    [cooperativeId, id, posted.entryId, posted.voucherNumber, posted.postedOn],
  );
}

export async function markEnded(
  tx: Tx,
  cooperativeId: string,
  id: string,
  status: 'rejected' | 'cancelled',
): Promise<void> {
  await tx.query(
    `UPDATE manual_journal SET status = $3, ended_at = clock_timestamp()
      WHERE cooperative_id = $1 AND id = $2 AND status = 'pending'`,
    [cooperativeId, id, status],
  );
}
