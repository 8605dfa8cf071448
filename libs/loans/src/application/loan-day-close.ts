import { type BusinessDate, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { pendingDayAccruals } from '../infrastructure/accrual-sql';
import {
  loanById,
  loanIdsRunningOn,
  lockRunningLoans,
  type RunningLoan,
} from '../infrastructure/loan-store';
import { loanProductBy } from '../infrastructure/product-store';
import { InterestSuspension } from './interest-suspension';
import { LoanInterest, type PendingAccrual } from './loan-interest';

/**
 * What the end of day does to a range of loans for day D: interest accrued through D (computed
 * set-based in SQL, held to the TypeScript closed form by a property test; one entry per product
 * for the whole range, value date D) and late penalties assessed for D. Both are idempotent per
 * loan and date, so a chunk run again changes nothing.
 */
@Injectable()
export class LoanDayClose {
  constructor(
    private readonly interest: LoanInterest,
    private readonly suspension: InterestSuspension,
  ) {}

  /** The ids of the loans running on `date`, in order: what a run's chunks are cut from. */
  async loanIds(tx: Tx, cooperativeId: string, date: BusinessDate): Promise<string[]> {
    return loanIdsRunningOn(tx, cooperativeId, date);
  }

  async close(
    tx: Tx,
    cooperativeId: string,
    date: BusinessDate,
    range: { fromId: string; toId: string },
  ): Promise<{ loans: number }> {
    // Every loan's accrual position in the chunk is locked before any balance, so a teller's
    // repayment (member, loan, position, balances) and this chunk never wait on each other in
    // opposite orders. The loan rows themselves are neither locked nor written.
    const loans = await lockRunningLoans(tx, cooperativeId, date, range);
    const pending = await this.pending(tx, cooperativeId, date, loans);
    const byProduct = new Map<string, RunningLoan[]>();
    for (const loan of loans) {
      const ofProduct = byProduct.get(loan.productId) ?? [];
      ofProduct.push(loan);
      byProduct.set(loan.productId, ofProduct);
    }
    // The chunk may post to interest income and memorandum in several entries (suspended days,
    // suspensions): it takes those balances before its first entry, in account order, as other
    // such paths do. Not before the day's accruals are read: every loan chunk waits for this
    // lock, so what comes after it runs one chunk at a time.
    if (loans.length > 0) await this.suspension.lockIncomeAndMemorandum(tx, cooperativeId);
    for (const [productId, ofProduct] of byProduct) {
      const product = (await loanProductBy(tx, cooperativeId, { id: productId }))!;
      await this.interest.accrue(
        tx,
        cooperativeId,
        product,
        date,
        ofProduct.flatMap((loan) => pending.get(loan.id) ?? []),
        { description: `Jasa pinjaman ${product.code} ${date}`, sourceId: productId },
      );
      for (const running of ofProduct) {
        if (!running.penalized) continue;
        const loan = (await loanById(tx, cooperativeId, running.id))!;
        await this.interest.assessPenalties(tx, cooperativeId, loan, product, date);
      }
    }
    return { loans: loans.length };
  }

  private async pending(
    tx: Tx,
    cooperativeId: string,
    date: BusinessDate,
    loans: readonly RunningLoan[],
  ): Promise<Map<string, PendingAccrual>> {
    const currency = new Map(loans.map((loan) => [loan.id, loan.currency]));
    const rows = await pendingDayAccruals(
      tx,
      cooperativeId,
      date,
      loans.map((loan) => loan.id),
    );
    const pending = new Map<string, { days: PendingAccrual['days'][number][]; total: Money }>();
    for (const row of rows) {
      const amount = Money.of(row.amount, currency.get(row.loan_id)!);
      const entry = pending.get(row.loan_id) ?? { days: [], total: Money.zero(amount.currency) };
      entry.days.push({ date: row.day, kind: 'daily', amount: amount.toString() });
      entry.total = entry.total.plus(amount);
      pending.set(row.loan_id, entry);
    }
    return new Map([...pending].map(([loanId, p]) => [loanId, { loanId, ...p }]));
  }
}
