import { type BusinessDate, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { Instalment } from '../domain/schedule';

/** Writes the loan's next schedule version and makes it the one in force. */
export async function insertSchedule(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  instalments: readonly Instalment[],
): Promise<number> {
  const [{ version }] = await tx.query<{ version: number }>(
    `SELECT coalesce(max(schedule_version), 0) + 1 AS version FROM loan_instalment
      WHERE cooperative_id = $1 AND loan_id = $2`,
    [cooperativeId, loanId],
  );
  await tx.query(
    `INSERT INTO loan_instalment (cooperative_id, loan_id, schedule_version, no, period_start,
                                  due_date, principal, interest, balance_after)
     SELECT $1, $2, $3, t.no, t.period_start, t.due_date, t.principal, t.interest, t.balance_after
       FROM unnest($4::int[], $5::date[], $6::date[], $7::numeric[], $8::numeric[], $9::numeric[])
         AS t(no, period_start, due_date, principal, interest, balance_after)`,
    [
      cooperativeId,
      loanId,
      version,
      instalments.map((i) => i.no),
      instalments.map((i) => i.periodStart),
      instalments.map((i) => i.dueDate),
      instalments.map((i) => i.principal.toString()),
      instalments.map((i) => i.interest.toString()),
      instalments.map((i) => i.balanceAfter.toString()),
    ],
  );
  await tx.query(`UPDATE loan SET schedule_version = $3 WHERE cooperative_id = $1 AND id = $2`, [
    cooperativeId,
    loanId,
    version,
  ]);
  return version;
}

/** The schedule in force now (read from the loan row, never from a copy held in memory). */
export async function scheduleOf(
  tx: Tx,
  cooperativeId: string,
  loan: { readonly id: string; readonly currency: string },
  version?: number,
): Promise<Instalment[]> {
  const rows = await tx.query<{
    no: number;
    period_start: BusinessDate;
    due_date: BusinessDate;
    principal: string;
    interest: string;
    balance_after: string;
  }>(
    `SELECT no, period_start::text, due_date::text, principal::text, interest::text,
            balance_after::text
       FROM loan_instalment
      WHERE cooperative_id = $1 AND loan_id = $2
        AND schedule_version = coalesce($3::int, (SELECT schedule_version FROM loan
                                                   WHERE cooperative_id = $1 AND id = $2))
      ORDER BY no`,
    [cooperativeId, loan.id, version ?? null],
  );
  return rows.map((row) => {
    const principal = Money.of(row.principal, loan.currency);
    const interest = Money.of(row.interest, loan.currency);
    return {
      no: row.no,
      periodStart: row.period_start,
      dueDate: row.due_date,
      principal,
      interest,
      total: principal.plus(interest),
      balanceAfter: Money.of(row.balance_after, loan.currency),
    };
  });
}

export async function scheduleVersionOf(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
): Promise<number> {
  const [row] = await tx.query<{ schedule_version: number }>(
    `SELECT schedule_version FROM loan WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, loanId],
  );
  return row.schedule_version;
}

/** Puts an earlier version back in force (a reversal undoing the prepayments after it). */
export async function restoreScheduleVersion(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  version: number,
): Promise<void> {
  await tx.query(`UPDATE loan SET schedule_version = $3 WHERE cooperative_id = $1 AND id = $2`, [
    cooperativeId,
    loanId,
    version,
  ]);
}
