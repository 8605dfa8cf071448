import { type BusinessDate, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { PostingService } from '@lumbung/ledger';
import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { dailyAccrualSql } from '../../libs/loans/src/infrastructure/accrual-sql';
import { CpuMeter } from './cpu-time';
import { note } from './report';

/**
 * The baseline of DESIGN.md section 6: the same accrual rows and a summary entry per product,
 * written set-based in one transaction as the owner (no statement timeout): every loan's day in
 * the closed form (`dailyAccrualSql`, as the chunks compute it), every sukarela account's day on
 * its balance as of the date by value date, the summary entries posted through the ledger.
 */
export async function setBasedAccrual(
  app: INestApplicationContext,
  ownerUrl: string,
  cooperativeId: string,
  date: BusinessDate,
): Promise<{ seconds: number; cpu: { postgres: number; node: number } | null }> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  const tx: Tx = {
    query: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await owner.query(sql, [...params])).rows as T[],
    get manager(): never {
      throw new Error('the baseline runs plain SQL');
    },
  };
  const posting = app.get(PostingService);
  const member = { counterpartyClass: 'member' } as const;
  /** One entry per product; the income or expense line carries the member counterparty class. */
  const summary = async (
    description: string,
    type: string,
    memberSide: 'debit' | 'credit',
    lines: SummaryLine[],
  ) => {
    const ids = new Map<string, string>();
    for (const line of lines) {
      const amount = Money.of(line.total, 'IDR');
      const { entry } = await posting.post(tx, cooperativeId, {
        description: `${description} ${line.code} ${date}`,
        source: { type, id: line.product_id },
        valueDate: date,
        postings: [
          { accountId: line.debit, amount, ...(memberSide === 'debit' ? member : {}) },
          {
            accountId: line.credit,
            amount: amount.negated(),
            ...(memberSide === 'credit' ? member : {}),
          },
        ],
      });
      ids.set(line.product_id, entry.id);
    }
    return { products: [...ids.keys()], entries: [...ids.values()] };
  };
  const backend = `SELECT pg_backend_pid() AS pid`;
  const meter = await CpuMeter.start(owner, backend);
  const started = process.hrtime.bigint();
  let lapped = started;
  /** Each step's share of the baseline, on stderr. */
  const lap = (label: string) => {
    const now = process.hrtime.bigint();
    note(`  ${label}: ${(Number(now - lapped) / 1e9).toFixed(1)} s`);
    lapped = now;
  };
  try {
    await owner.query('BEGIN');
    // The chunks run with JIT off (EndOfDayService.runChunk): the baseline gets the same setting.
    await owner.query('SET LOCAL jit = off');
    const params = [date, cooperativeId];
    await owner.query(
      `CREATE TEMP TABLE bench_loan_day (loan_id uuid, day date, amount numeric) ON COMMIT DROP`,
    );
    await owner.query(
      `INSERT INTO bench_loan_day SELECT loan_id, day::date, amount::numeric FROM (${loanDays}) d`,
      params,
    );
    lap('loan days (dailyAccrualSql)');
    const loans = await summary(
      'Jasa pinjaman',
      'loans.accrual',
      'credit',
      await tx.query<SummaryLine>(
        `SELECT p.id AS product_id, p.code, sum(d.amount)::text AS total,
                p.interest_receivable_account_id AS debit,
                (SELECT id FROM account WHERE cooperative_id = $1 AND code = '4-1101') AS credit
           FROM bench_loan_day d
           JOIN loan l ON l.cooperative_id = $1 AND l.id = d.loan_id
           JOIN loan_product p ON p.cooperative_id = $1 AND p.id = l.product_id
          GROUP BY p.cooperative_id, p.id HAVING sum(d.amount) <> 0`,
        [cooperativeId],
      ),
    );
    await owner.query(
      `INSERT INTO loan_accrual (cooperative_id, loan_id, accrual_date, kind, amount, entry_id)
       SELECT $1, d.loan_id, d.day, 'daily', d.amount, e.entry_id
         FROM bench_loan_day d
         JOIN loan l ON l.cooperative_id = $1 AND l.id = d.loan_id
         LEFT JOIN unnest($2::uuid[], $3::uuid[]) AS e(product_id, entry_id)
                ON e.product_id = l.product_id`,
      [cooperativeId, loans.products, loans.entries],
    );
    lap('loan summary entry and loan_accrual rows');
    await owner.query(
      `UPDATE loan_accrual_position SET accrued_through = $1
        WHERE cooperative_id = $2 AND loan_id IN (SELECT loan_id FROM bench_loan_day)`,
      params,
    );
    lap('loan accrual positions');
    await owner.query(
      `CREATE TEMP TABLE bench_savings_day (account_id uuid, product_id uuid, balance numeric,
                                            amount numeric) ON COMMIT DROP`,
    );
    await owner.query(`INSERT INTO bench_savings_day ${savingsDays}`, params);
    lap('savings balances by value date and interest');
    const savings = await summary(
      'Jasa simpanan',
      'savings.accrual',
      'debit',
      await tx.query<SummaryLine>(
        `SELECT p.id AS product_id, p.code, sum(d.amount)::text AS total,
                (SELECT id FROM account WHERE cooperative_id = $1 AND code = '5-1101') AS debit,
                (SELECT id FROM account WHERE cooperative_id = $1 AND code = '2-3-' || p.code)
                  AS credit
           FROM bench_savings_day d
           JOIN savings_product p ON p.cooperative_id = $1 AND p.id = d.product_id
          GROUP BY p.cooperative_id, p.id HAVING sum(d.amount) <> 0`,
        [cooperativeId],
      ),
    );
    await owner.query(
      `INSERT INTO savings_accrual (cooperative_id, savings_account_id, accrual_date, balance,
                                    amount, entry_id)
       SELECT $1, d.account_id, $2, d.balance, d.amount, e.entry_id
         FROM bench_savings_day d
         LEFT JOIN unnest($3::uuid[], $4::uuid[]) AS e(product_id, entry_id)
                ON e.product_id = d.product_id`,
      [cooperativeId, date, savings.products, savings.entries],
    );
    lap('savings summary entry and savings_accrual rows');
    await owner.query('COMMIT');
    lap('commit');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = await meter.stop();
    if (cpu) note(`  CPU: backend ${cpu.postgres.toFixed(1)} s, Node ${cpu.node.toFixed(1)} s`);
    return { seconds, cpu };
  } catch (error) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await owner.end();
  }
}

interface SummaryLine {
  readonly product_id: string;
  readonly code: string;
  readonly total: string;
  readonly debit: string;
  readonly credit: string;
}

/** Every running loan's days not yet accrued through $1, as `pendingDayAccruals` for all. */
const loanDays = dailyAccrualSql(
  `SELECT i.loan_id, i.interest,
          coalesce(lag(i.due_date) OVER (PARTITION BY i.loan_id ORDER BY i.no), i.period_start)
            AS start,
          i.due_date AS finish
     FROM loan_instalment i
     JOIN pending q ON q.loan_id = i.loan_id AND q.schedule_version = i.schedule_version
    WHERE i.cooperative_id = $2`,
  `SELECT l.id AS loan_id, p.accrued_through AS through, l.schedule_version
     FROM loan l
     JOIN loan_accrual_position p ON p.cooperative_id = l.cooperative_id AND p.loan_id = l.id
    WHERE l.cooperative_id = $2 AND l.status = 'active' AND l.disbursed_on <= $1::date
      AND p.accrued_through < $1::date`,
);

/**
 * Every sukarela account accruing on $1 and not yet accrued for it: its balance as of $1 by
 * value date and the day's interest, rounded half-up as `dailyInterest` does (none at or below 0).
 */
const savingsDays = `
  SELECT b.id, b.product_id, b.balance,
         CASE WHEN b.balance > 0
              THEN round(b.balance * ((p.terms->>'annualRate')::numeric
                                      / CASE p.terms->>'dayCount' WHEN '30/360' THEN 360 ELSE 365 END), 2)
              ELSE 0 END
    FROM (SELECT a.id, a.product_id, -coalesce(sum(p.amount), 0) AS balance
            FROM savings_account a
            LEFT JOIN posting p ON p.cooperative_id = a.cooperative_id
                               AND p.account_id = a.ledger_account_id AND p.value_date <= $1
           WHERE a.cooperative_id = $2 AND a.kind = 'sukarela' AND a.opened_on <= $1
             AND (a.closed_on IS NULL OR a.closed_on > $1)
             AND NOT EXISTS (SELECT FROM savings_accrual s
                              WHERE s.cooperative_id = a.cooperative_id
                                AND s.savings_account_id = a.id AND s.accrual_date = $1)
           GROUP BY a.cooperative_id, a.id) b
    JOIN savings_product p ON p.cooperative_id = $2 AND p.id = b.product_id`;
