import { type BusinessDate, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import type { InstalmentDue } from '../domain/allocation';
import { dueOn, overdueOn, totalOf, unpaidInstalments } from '../domain/loan-position';
import type { Instalment } from '../domain/schedule';
import type { LoanRecord } from '../infrastructure/loan-store';
import { penaltiesOf, type RepaymentRecord, repaymentsOf } from '../infrastructure/repayment-store';
import { scheduleOf } from '../infrastructure/schedule-store';

export interface LoanPosition {
  readonly schedule: readonly Instalment[];
  /** Every instalment's unpaid remainder, oldest first. */
  readonly dues: readonly InstalmentDue[];
  readonly repayments: readonly RepaymentRecord[];
  readonly outstandingPrincipal: Money;
  readonly unpaidPenalty: Money;
  /** What was paid per instalment, for payoff quotes. */
  readonly paid: ReadonlyMap<number, { principal: Money; interest: Money }>;
}

export interface DueSummary {
  readonly date: BusinessDate;
  readonly instalments: readonly InstalmentDue[];
  readonly total: string;
  readonly overdue: string;
  readonly overdueSince: BusinessDate | null;
}

/** A loan's state read back from its schedule, repayments and penalties. */
@Injectable()
export class LoanPositions {
  async of(tx: Tx, cooperativeId: string, loan: LoanRecord): Promise<LoanPosition> {
    const schedule = await scheduleOf(tx, cooperativeId, loan);
    const repayments = (await repaymentsOf(tx, cooperativeId, loan.id)).filter(
      (r) => r.reversedOn === null,
    );
    const lines = repayments.flatMap((r) => r.allocation.lines);
    const penalties = await penaltiesOf(tx, cooperativeId, loan.id);
    const dues = unpaidInstalments(schedule, lines, penalties, loan.currency);
    const zero = Money.zero(loan.currency);
    const paid = new Map<number, { principal: Money; interest: Money }>();
    for (const instalment of schedule) {
      const due = dues.find((d) => d.no === instalment.no)!;
      paid.set(instalment.no, {
        principal: instalment.principal.minus(due.principal),
        interest: instalment.interest.minus(due.interest),
      });
    }
    return {
      schedule,
      dues,
      repayments,
      outstandingPrincipal: dues.reduce((sum, d) => sum.plus(d.principal), zero),
      unpaidPenalty: dues.reduce((sum, d) => sum.plus(d.penalty), zero),
      paid,
    };
  }

  /** What is due on `date` (the end of day and part two read this) and what is overdue. */
  async dueOn(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    date: BusinessDate,
  ): Promise<DueSummary> {
    const { dues } = await this.of(tx, cooperativeId, loan);
    const due = dueOn(dues, date);
    const overdue = overdueOn(dues, date);
    return {
      date,
      instalments: due,
      total: totalOf(due, loan.currency).toString(),
      overdue: totalOf(overdue, loan.currency).toString(),
      overdueSince: overdue[0]?.dueDate ?? null,
    };
  }
}
