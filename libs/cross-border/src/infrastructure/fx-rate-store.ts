import { type BusinessDate, Decimal } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { FxRate, FxRateInput } from '../domain/fx-rate';

export interface FxRateRecord extends FxRate {
  readonly approvalRequestId: string;
  readonly createdAt: string;
}

interface RateRow {
  id: string;
  base: string;
  quote: string;
  rate_date: BusinessDate;
  rate: string;
  source: string;
  approval_request_id: string;
  created_at: Date;
}

const columns = `id, base, quote, rate_date, rate::text, source, approval_request_id, created_at`;

function toRecord(row: RateRow): FxRateRecord {
  return {
    id: row.id,
    base: row.base,
    quote: row.quote,
    date: row.rate_date,
    // NUMERIC(20,10) pads to ten decimals; the rate reads back as it was entered.
    rate: new Decimal(row.rate).toString(),
    source: row.source,
    approvalRequestId: row.approval_request_id,
    createdAt: row.created_at.toISOString(),
  };
}

/** The rate of the pair (either way round) for exactly that day. */
export async function rateFor(
  tx: Tx,
  cooperativeId: string,
  a: string,
  b: string,
  date: BusinessDate,
): Promise<FxRateRecord | undefined> {
  const [row] = await tx.query<RateRow>(
    `SELECT ${columns} FROM fx_rate
      WHERE cooperative_id = $1 AND rate_date = $4
        AND least(base, quote) = least($2::text, $3::text)
        AND greatest(base, quote) = greatest($2::text, $3::text)`,
    [cooperativeId, a, b, date],
  );
  return row && toRecord(row);
}

/** Rates already stored for any of these pairs and days (either way round). */
export async function existingRates(
  tx: Tx,
  cooperativeId: string,
  rates: readonly Pick<FxRateInput, 'date' | 'base' | 'quote'>[],
): Promise<FxRateRecord[]> {
  const rows = await tx.query<RateRow>(
    `SELECT ${columns} FROM fx_rate r
       JOIN unnest($2::date[], $3::text[], $4::text[]) AS u(u_day, u_base, u_quote)
         ON r.rate_date = u.u_day AND least(r.base, r.quote) = least(u.u_base, u.u_quote)
        AND greatest(r.base, r.quote) = greatest(u.u_base, u.u_quote)
      WHERE r.cooperative_id = $1
      ORDER BY rate_date, base, quote`,
    [cooperativeId, rates.map((r) => r.date), rates.map((r) => r.base), rates.map((r) => r.quote)],
  );
  return rows.map(toRecord);
}

/** All rates of one change in one statement. */
export async function insertRates(
  tx: Tx,
  cooperativeId: string,
  approvalRequestId: string,
  rates: readonly (FxRateInput & { id: string })[],
): Promise<void> {
  await tx.query(
    `INSERT INTO fx_rate (cooperative_id, id, base, quote, rate_date, rate, source,
                          approval_request_id)
     SELECT $1, u.id, u.base, u.quote, u.day, u.rate, u.source, $2
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::date[], $7::numeric[], $8::text[])
         AS u(id, base, quote, day, rate, source)`,
    [
      cooperativeId,
      approvalRequestId,
      rates.map((r) => r.id),
      rates.map((r) => r.base),
      rates.map((r) => r.quote),
      rates.map((r) => r.date),
      rates.map((r) => r.rate),
      rates.map((r) => r.source),
    ],
  );
}

export async function listRates(
  tx: Tx,
  cooperativeId: string,
  filter: { date?: BusinessDate; currency?: string; after?: string; limit: number },
): Promise<FxRateRecord[]> {
  const rows = await tx.query<RateRow>(
    `SELECT ${columns} FROM fx_rate
      WHERE cooperative_id = $1 AND ($2::date IS NULL OR rate_date = $2)
        AND ($3::text IS NULL OR base = $3 OR quote = $3)
        AND ($4::uuid IS NULL OR id > $4)
      ORDER BY id LIMIT $5`,
    [
      cooperativeId,
      filter.date ?? null,
      filter.currency ?? null,
      filter.after ?? null,
      filter.limit,
    ],
  );
  return rows.map(toRecord);
}
