import type { Tx } from '@lumbung/database';
import type { EntryDraft } from '../domain/entry-draft';

/** Namespace of the business-day advisory lock (the second key is the cooperative's lock_key). */
export const businessDayLockSpace = 7301;

/** A draft with the id it will carry if posted. */
export interface PendingEntry {
  readonly id: string;
  readonly draft: EntryDraft;
}

export type EntryOutcomeKind = 'posted' | 'replayed' | 'refused';

/** What `ledger_post_entries` decided for one entry. */
export interface EntryOutcomeRow {
  readonly outcome: EntryOutcomeKind;
  /** The new entry's id, or the earlier entry's for a replay. */
  readonly entryId: string;
  readonly problem: string | null;
  readonly detail: unknown;
  readonly postingDate: string;
  readonly valueDate: string;
  readonly voucherNumber: string | null;
  readonly recordedAt: Date;
  readonly balancesAfter: string[] | null;
  readonly versions: string[] | null;
}

/** The lines an idempotency key stands for: a replay must ask for exactly these. */
export function fingerprint(draft: EntryDraft): string {
  const lines = draft.postings
    .map((p) => `${p.accountId}:${p.amount.currency.code}:${p.amount.toString()}`)
    .join('|');
  return `${lines}>${draft.reversesEntryId ?? ''}`;
}

type Query = Tx['query'];

/**
 * One call to `ledger_post_entries` (migration LedgerWritePath): every entry's postings as
 * parallel arrays, so a batch of any size is one statement far below the 65,535-parameter limit.
 * Amounts travel as decimal strings at their currency's scale.
 */
export async function postEntries(
  query: Query,
  cooperativeId: string,
  entries: readonly PendingEntry[],
  atomic: boolean,
): Promise<EntryOutcomeRow[]> {
  const e = entries.map((x) => x.draft);
  const lines = entries.flatMap(({ draft }, index) =>
    draft.postings.map((posting) => ({ index, posting })),
  );
  const rows = await query<{
    outcome: EntryOutcomeKind;
    entry_id: string;
    problem: string | null;
    detail: unknown;
    posting_date: string;
    value_date: string;
    voucher_number: string | null;
    recorded_at: Date;
    balances_after: string[] | null;
    versions: string[] | null;
  }>(
    `SELECT outcome, entry_id, problem, detail, posting_date, value_date, voucher_number,
            recorded_at, balances_after, versions
       FROM ledger_post_entries($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                                $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
      ORDER BY entry_index`,
    [
      cooperativeId,
      atomic,
      entries.map((x) => x.id),
      e.map((d) => d.valueDate ?? null),
      e.map((d) => d.description),
      e.map((d) => d.source.type),
      e.map((d) => d.source.id ?? null),
      e.map((d) => d.idempotencyKey ?? null),
      e.map((d) => d.reversesEntryId ?? null),
      e.map((d) => d.voucherSeries ?? null),
      e.map((d) => d.recordedBy ?? null),
      e.map(fingerprint),
      lines.map((l) => l.index + 1),
      lines.map((l) => l.posting.accountId),
      lines.map((l) => l.posting.amount.currency.code),
      lines.map((l) => l.posting.amount.toString()),
      lines.map((l) => (l.posting.functional?.amount ?? l.posting.amount).toString()),
      lines.map((l) => l.posting.functional?.fxRate.toFixed() ?? null),
      lines.map((l) => l.posting.functional?.fxRateId ?? null),
      lines.map((l) => l.posting.counterpartyClass ?? null),
      lines.map((l) => l.posting.dimensions?.agreementId ?? null),
      lines.map((l) => l.posting.dimensions?.program ?? null),
      lines.map((l) => l.posting.dimensions?.sector ?? null),
      lines.map((l) => l.posting.dimensions?.commodity ?? null),
      lines.map((l) => l.posting.dimensions?.region ?? null),
      lines.map((l) => l.posting.memo ?? null),
    ],
  );
  return rows.map((r) => ({
    outcome: r.outcome,
    entryId: r.entry_id,
    problem: r.problem,
    detail: r.detail,
    postingDate: r.posting_date,
    valueDate: r.value_date,
    voucherNumber: r.voucher_number,
    recordedAt: r.recorded_at,
    balancesAfter: r.balances_after,
    versions: r.versions,
  }));
}
