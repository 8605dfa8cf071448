import { type BusinessDate, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { Instalment } from '../domain/schedule';

export async function insertSchedule(
  tx: Tx,
  cooperativeId: string,
  loanId: string,
  version: number,
  instalments: readonly Instalment[],
): Promise<void> {
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
}

export async function scheduleOf(
  tx: Tx,
  cooperativeId: string,
  loan: { readonly id: string; readonly scheduleVersion: number; readonly currency: string },
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
      WHERE cooperative_id = $1 AND loan_id = $2 AND schedule_version = $3
      ORDER BY no`,
    [cooperativeId, loan.id, loan.scheduleVersion],
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
