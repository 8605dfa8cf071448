import type { Tx } from '@lumbung/database';
import type { CounterpartyClass } from '../domain/account-class';
import type { EntryDraft } from '../domain/entry-draft';
import type { EntryOutcomeRow } from './posting-store';

export interface PostedPosting {
  readonly lineNo: number;
  readonly accountId: string;
  readonly currency: string;
  readonly amount: string;
  readonly functionalAmount: string;
  readonly fxRate: string | null;
  readonly fxRateId: string | null;
  readonly counterpartyClass: CounterpartyClass | null;
  readonly dimensions: {
    readonly agreementId: string | null;
    readonly program: string | null;
    readonly sector: string | null;
    readonly commodity: string | null;
    readonly region: string | null;
  };
  readonly memo: string | null;
  readonly balanceAfter: string;
  readonly accountVersion: string;
}

export interface PostedEntry {
  readonly id: string;
  readonly cooperativeId: string;
  readonly postingDate: string;
  readonly valueDate: string;
  readonly description: string;
  readonly source: { readonly type: string; readonly id: string | null };
  readonly idempotencyKey: string | null;
  readonly reversesEntryId: string | null;
  readonly voucher: { readonly series: string; readonly number: string } | null;
  readonly recordedBy: string | null;
  readonly recordedAt: string;
  readonly postings: readonly PostedPosting[];
}

interface EntryRecord {
  id: string;
  posting_date: string;
  value_date: string;
  description: string;
  source_type: string;
  source_id: string | null;
  idempotency_key: string | null;
  reverses_entry_id: string | null;
  voucher_series: string | null;
  voucher_number: string | null;
  recorded_by: string | null;
  recorded_at: Date;
}

interface PostingRecord {
  entry_id: string;
  line_no: number;
  account_id: string;
  currency: string;
  amount: string;
  functional_amount: string;
  fx_rate: string | null;
  fx_rate_id: string | null;
  counterparty_class: CounterpartyClass | null;
  agreement_id: string | null;
  program: string | null;
  sector: string | null;
  commodity: string | null;
  region: string | null;
  memo: string | null;
  balance_after: string;
  account_version: string;
}

/** Reads entries with their postings, in the order of the ids given. */
export async function readEntries(
  tx: Pick<Tx, 'query'>,
  cooperativeId: string,
  ids: readonly string[],
): Promise<PostedEntry[]> {
  if (ids.length === 0) return [];
  const entries = await tx.query<EntryRecord>(
    `SELECT id, posting_date, value_date, description, source_type, source_id, idempotency_key,
            reverses_entry_id, voucher_series, voucher_number, recorded_by, recorded_at
       FROM journal_entry WHERE cooperative_id = $1 AND id = ANY($2::uuid[])`,
    [cooperativeId, [...ids]],
  );
  const postings = await tx.query<PostingRecord>(
    `SELECT entry_id, line_no, account_id, currency, amount, functional_amount, fx_rate,
            fx_rate_id, counterparty_class, agreement_id, program, sector, commodity, region,
            memo, balance_after, account_version
       FROM posting WHERE cooperative_id = $1 AND entry_id = ANY($2::uuid[])
      ORDER BY entry_id, line_no`,
    [cooperativeId, [...ids]],
  );
  const linesByEntry = new Map<string, PostedPosting[]>();
  for (const p of postings) {
    const lines = linesByEntry.get(p.entry_id) ?? [];
    lines.push(toPosting(p));
    linesByEntry.set(p.entry_id, lines);
  }
  const byId = new Map(
    entries.map((e) => [e.id, toEntry(cooperativeId, e, linesByEntry.get(e.id) ?? [])]),
  );
  return ids.flatMap((id) => {
    const entry = byId.get(id);
    return entry ? [entry] : [];
  });
}

function toEntry(cooperativeId: string, e: EntryRecord, postings: PostedPosting[]): PostedEntry {
  return {
    id: e.id,
    cooperativeId,
    postingDate: e.posting_date,
    valueDate: e.value_date,
    description: e.description,
    source: { type: e.source_type, id: e.source_id },
    idempotencyKey: e.idempotency_key,
    reversesEntryId: e.reverses_entry_id,
    voucher:
      e.voucher_series && e.voucher_number
        ? { series: e.voucher_series, number: e.voucher_number }
        : null,
    recordedBy: e.recorded_by,
    recordedAt: e.recorded_at.toISOString(),
    postings,
  };
}

export function toPosting(p: PostingRecord): PostedPosting {
  return {
    lineNo: p.line_no,
    accountId: p.account_id,
    currency: p.currency,
    amount: p.amount,
    functionalAmount: p.functional_amount,
    fxRate: p.fx_rate,
    fxRateId: p.fx_rate_id,
    counterpartyClass: p.counterparty_class,
    dimensions: {
      agreementId: p.agreement_id,
      program: p.program,
      sector: p.sector,
      commodity: p.commodity,
      region: p.region,
    },
    memo: p.memo,
    balanceAfter: p.balance_after,
    accountVersion: p.account_version,
  };
}

/** The entry just written, built from its draft and what the database decided: no read after write. */
export function postedFromDraft(
  cooperativeId: string,
  id: string,
  draft: EntryDraft,
  row: EntryOutcomeRow,
): PostedEntry {
  return {
    id,
    cooperativeId,
    postingDate: row.postingDate,
    valueDate: row.valueDate,
    description: draft.description,
    source: { type: draft.source.type, id: draft.source.id ?? null },
    idempotencyKey: draft.idempotencyKey ?? null,
    reversesEntryId: draft.reversesEntryId ?? null,
    voucher:
      draft.voucherSeries && row.voucherNumber
        ? { series: draft.voucherSeries, number: row.voucherNumber }
        : null,
    recordedBy: draft.recordedBy ?? null,
    recordedAt: row.recordedAt.toISOString(),
    postings: draft.postings.map((p, line) => ({
      lineNo: line + 1,
      accountId: p.accountId,
      currency: p.amount.currency.code,
      amount: p.amount.toString(),
      functionalAmount: (p.functional?.amount ?? p.amount).toString(),
      fxRate: p.functional?.fxRate.toFixed() ?? null,
      fxRateId: p.functional?.fxRateId ?? null,
      counterpartyClass: p.counterpartyClass ?? null,
      dimensions: {
        agreementId: p.dimensions?.agreementId ?? null,
        program: p.dimensions?.program ?? null,
        sector: p.dimensions?.sector ?? null,
        commodity: p.dimensions?.commodity ?? null,
        region: p.dimensions?.region ?? null,
      },
      memo: p.memo ?? null,
      balanceAfter: row.balancesAfter![line],
      accountVersion: row.versions![line],
    })),
  };
}
