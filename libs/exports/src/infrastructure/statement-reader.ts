import { type BusinessDate, Decimal } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { CashCounterpart, Counterparty, ResultMovement } from '../domain/financial-statements';
import type { LeafAmount, RateQuote } from '../domain/fx-translation';
import type { StatementAccount, StatementAccountClass } from '../domain/statement-chart';

/** Where the month-end revaluation's entries come from (libs/cross-border fx-revaluation.ts). */
const revaluationSources = ['cross-border.revaluation', 'cross-border.revaluation-reversal'];

export async function readStatementChart(
  tx: Tx,
  cooperativeId: string,
): Promise<StatementAccount[]> {
  const rows = await tx.query<{
    id: string;
    code: string;
    name: string;
    class: StatementAccountClass;
    parent_id: string | null;
    is_leaf: boolean;
    currency: string | null;
    template_key: string | null;
  }>(
    `SELECT id, code, name, class, parent_id, is_leaf, currency::text AS currency, template_key
       FROM account WHERE cooperative_id = $1`,
    [cooperativeId],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    class: r.class,
    parentId: r.parent_id,
    isLeaf: r.is_leaf,
    currency: r.currency,
    templateKey: r.template_key,
  }));
}

/** Every leaf's sums by value date through both ends of the period, in one pass. */
export async function readLeafBalances(
  tx: Tx,
  cooperativeId: string,
  openingDate: BusinessDate,
  to: BusinessDate,
): Promise<{ opening: LeafAmount[]; closing: LeafAmount[] }> {
  const rows = await tx.query<{
    account_id: string;
    currency: string;
    opening: string;
    opening_functional: string;
    closing: string;
    closing_functional: string;
  }>(
    `SELECT account_id, currency::text AS currency,
            coalesce(sum(amount) FILTER (WHERE value_date <= $2), 0)::text AS opening,
            coalesce(sum(functional_amount) FILTER (WHERE value_date <= $2), 0)::text
              AS opening_functional,
            sum(amount)::text AS closing,
            sum(functional_amount)::text AS closing_functional
       FROM posting WHERE cooperative_id = $1 AND value_date <= $3
      GROUP BY account_id, currency`,
    [cooperativeId, openingDate, to],
  );
  const at = (amount: string, functional: string, r: (typeof rows)[number]): LeafAmount => ({
    accountId: r.account_id,
    currency: r.currency,
    amount: new Decimal(amount),
    functional: new Decimal(functional),
  });
  return {
    opening: rows.map((r) => at(r.opening, r.opening_functional, r)),
    closing: rows.map((r) => at(r.closing, r.closing_functional, r)),
  };
}

/** Income and expense postings valued inside the period, per leaf and counterparty class. */
export async function readResultMovements(
  tx: Tx,
  cooperativeId: string,
  from: BusinessDate,
  to: BusinessDate,
): Promise<ResultMovement[]> {
  const rows = await tx.query<{
    account_id: string;
    counterparty_class: Counterparty | null;
    functional: string;
  }>(
    `SELECT p.account_id, p.counterparty_class, sum(p.functional_amount)::text AS functional
       FROM posting p
       JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
      WHERE p.cooperative_id = $1 AND p.value_date BETWEEN $2 AND $3
        AND a.class IN ('income', 'expense')
      GROUP BY p.account_id, p.counterparty_class`,
    [cooperativeId, from, to],
  );
  return rows.map((r) => ({
    accountId: r.account_id,
    counterparty: r.counterparty_class,
    functional: new Decimal(r.functional),
  }));
}

/**
 * For each entry valued in the period that touches a cash leaf, its other postings summed per
 * account: what the cash was received for or paid on. `cashLeafIds` are the cash and bank leaves
 * (the chart decides which); transfers between them have no other posting and move nothing.
 */
export async function readCashCounterparts(
  tx: Tx,
  cooperativeId: string,
  from: BusinessDate,
  to: BusinessDate,
  cashLeafIds: readonly string[],
): Promise<CashCounterpart[]> {
  const rows = await tx.query<{ account_id: string; received: string; paid: string }>(
    `WITH cash_entries AS (
       SELECT DISTINCT entry_id FROM posting
        WHERE cooperative_id = $1 AND value_date BETWEEN $2 AND $3
          AND account_id = ANY($4::uuid[])
     )
     SELECT p.account_id,
            coalesce(sum(-p.functional_amount) FILTER (WHERE p.functional_amount < 0), 0)::text
              AS received,
            coalesce(sum(p.functional_amount) FILTER (WHERE p.functional_amount > 0), 0)::text
              AS paid
       FROM posting p JOIN cash_entries c ON c.entry_id = p.entry_id
      WHERE p.cooperative_id = $1 AND NOT p.account_id = ANY($4::uuid[])
      GROUP BY p.account_id`,
    [cooperativeId, from, to, cashLeafIds],
  );
  return rows.map((r) => ({
    accountId: r.account_id,
    received: new Decimal(r.received),
    paid: new Decimal(r.paid),
  }));
}

/** Each foreign currency's stored rate against the functional currency on each of `dates`. */
export async function readClosingRates(
  tx: Tx,
  cooperativeId: string,
  functionalCurrency: string,
  dates: readonly BusinessDate[],
): Promise<Map<BusinessDate, Map<string, RateQuote>>> {
  const rows = await tx.query<{
    rate_date: BusinessDate;
    base: string;
    quote: string;
    rate: string;
  }>(
    `SELECT rate_date::text AS rate_date, base, quote, rate::text FROM fx_rate
      WHERE cooperative_id = $1 AND rate_date = ANY($3::date[]) AND $2 IN (base, quote)`,
    [cooperativeId, functionalCurrency, dates],
  );
  const byDate = new Map<BusinessDate, Map<string, RateQuote>>(dates.map((d) => [d, new Map()]));
  for (const r of rows) {
    const foreign = r.base === functionalCurrency ? r.quote : r.base;
    byDate
      .get(r.rate_date)!
      .set(foreign, { base: r.base, quote: r.quote, rate: new Decimal(r.rate) });
  }
  return byDate;
}

/**
 * What the month-end revaluation's entries and their reversals carry on the balance sheet as of
 * each date (the functional side of the FX position): at a month's end its difference, on any
 * other day nothing.
 */
export async function readRevaluationCarried(
  tx: Tx,
  cooperativeId: string,
  openingDate: BusinessDate,
  to: BusinessDate,
): Promise<{ opening: Decimal; closing: Decimal }> {
  const [row] = await tx.query<{ opening: string; closing: string }>(
    `SELECT coalesce(sum(p.functional_amount) FILTER (WHERE p.value_date <= $3), 0)::text AS opening,
            coalesce(sum(p.functional_amount), 0)::text AS closing
       FROM journal_entry e
       JOIN posting p ON p.cooperative_id = e.cooperative_id AND p.entry_id = e.id
       JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
      WHERE e.cooperative_id = $1 AND e.source_type = ANY($2::text[]) AND e.value_date <= $4
        AND a.class = 'asset'`,
    [cooperativeId, revaluationSources, openingDate, to],
  );
  return { opening: new Decimal(row.opening), closing: new Decimal(row.closing) };
}
