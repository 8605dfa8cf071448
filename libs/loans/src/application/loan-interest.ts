import { addDays, type BusinessDate, compareDates, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { ChartService, type Dimensions, PostingService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { dailyAccrual } from '../domain/accrual';
import { penaltiesFor } from '../domain/penalty';
import type { LoanRecord } from '../infrastructure/loan-store';
import type { LoanProductView } from '../infrastructure/product-store';
import {
  insertAccrualRows,
  insertPenalties,
  lockAccrualPosition,
  markAccruedThrough,
  penaltyAssessedOn,
} from '../infrastructure/repayment-store';
import { scheduleOf } from '../infrastructure/schedule-store';
import { InterestSuspension, type PenaltyHeld } from './interest-suspension';
import { LoanPositions } from './loan-positions';

export interface PendingAccrual {
  readonly loanId: string;
  readonly days: readonly { date: BusinessDate; kind: 'daily'; amount: string }[];
  readonly total: Money;
}

/** Income lines of the KSP chart (libs/ledger's template). */
export const loanIncomeCodes = { interest: '4-1101', fees: '4-1102', penalties: '4-1103' } as const;

/**
 * The per-loan primitives the end of day runs in bulk (DESIGN.md section 3, Loan interest and
 * penalties), each idempotent per (loan, date). The caller holds the loan's accrual position
 * lock (LoanViews.lockInStatus takes it after the loan's; the end of day, for a chunk's loans).
 */
@Injectable()
export class LoanInterest {
  constructor(
    private readonly posting: PostingService,
    private readonly charts: ChartService,
    private readonly positions: LoanPositions,
    private readonly suspension: InterestSuspension,
  ) {}

  /**
   * Accrues the loan's interest for every day after the last one accrued, through `date`
   * inclusive, in the closed form of DESIGN.md section 5; one entry with value date `date`.
   * Days already accrued are skipped, so running it twice for a date changes nothing.
   */
  async accrueThrough(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    product: LoanProductView,
    date: BusinessDate,
  ): Promise<Money> {
    const pending = await this.pendingAccrual(tx, cooperativeId, loan, date);
    await this.accrue(tx, cooperativeId, product, date, [pending], {
      description: `Jasa pinjaman ${loan.loanNumber} s.d. ${date}`,
      sourceId: loan.id,
      dimensions: this.dimensionsOf(loan),
    });
    return pending.total;
  }

  /**
   * The days not yet accrued through `date` and their closed-form amounts; nothing posted. The
   * loan's accrual position is locked and read here (not taken from `loan`), so an end-of-day
   * chunk accruing the loan meanwhile is waited for and its days are not counted twice.
   */
  async pendingAccrual(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    date: BusinessDate,
  ): Promise<PendingAccrual> {
    const days: PendingAccrual['days'][number][] = [];
    let total = Money.zero(loan.currency);
    if (loan.status !== 'active') return { loanId: loan.id, days, total };
    const through = await lockAccrualPosition(tx, cooperativeId, loan.id);
    const from = addDays(through ?? loan.disbursedOn!, 1);
    if (compareDates(from, date) <= 0) {
      const schedule = await scheduleOf(tx, cooperativeId, loan);
      for (let day = from; compareDates(day, date) <= 0; day = addDays(day, 1)) {
        const amount = dailyAccrual(schedule, day);
        total = total.plus(amount);
        days.push({ date: day, kind: 'daily', amount: amount.toString() });
      }
    }
    return { loanId: loan.id, days, total };
  }

  /**
   * Posts the accruals of one product's loans as one entry with value date `date` (the end of
   * day posts one per chunk and product) and records each loan's days against it. Loans whose
   * accrual stands suspended accrue apart, into memorandum or off the books (InterestSuspension).
   */
  async accrue(
    tx: Tx,
    cooperativeId: string,
    product: LoanProductView,
    date: BusinessDate,
    all: readonly PendingAccrual[],
    entry: { description: string; sourceId: string; dimensions?: Dimensions },
  ): Promise<void> {
    const suspended = await this.suspension.suspendedAmong(
      tx,
      cooperativeId,
      all.filter((a) => a.days.length > 0).map((a) => a.loanId),
    );
    const accruals = all.filter((a) => !suspended.has(a.loanId));
    const total = accruals.reduce((sum, a) => sum.plus(a.total), Money.zero(product.currency));
    let entryId: string | null = null;
    if (!total.isZero()) {
      const income = await this.charts.accountByCode(tx, cooperativeId, loanIncomeCodes.interest);
      const posted = await this.posting.post(tx, cooperativeId, {
        description: entry.description,
        source: { type: 'loans.accrual', id: entry.sourceId },
        valueDate: date,
        postings: [
          { accountId: product.interestReceivableAccountId, amount: total },
          {
            accountId: income.id,
            amount: total.negated(),
            counterpartyClass: 'member',
            dimensions: entry.dimensions,
          },
        ],
      });
      entryId = posted.entry.id;
    }
    const rows = accruals.flatMap((a) =>
      a.days.map((day) => ({ loanId: a.loanId, date: day.date, amount: day.amount })),
    );
    await insertAccrualRows(tx, cooperativeId, rows, entryId);
    if (suspended.size > 0) {
      await this.suspension.accrueSuspended(
        tx,
        cooperativeId,
        product,
        date,
        all.filter((a) => suspended.has(a.loanId)),
        suspended,
        `Jasa pinjaman ${product.code} dalam penyelesaian ${date}`,
      );
    }
    const accrued = all.filter((a) => a.days.length > 0).map((a) => a.loanId);
    if (accrued.length > 0) await markAccruedThrough(tx, cooperativeId, accrued, date);
  }

  /**
   * Late penalties for `date` (only the end of day assesses them), once per loan and date: to
   * income while the loan performs, kept off income while its accrual is suspended.
   */
  async assessPenalties(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    product: LoanProductView,
    date: BusinessDate,
  ): Promise<Money> {
    const zero = Money.zero(loan.currency);
    if (loan.status !== 'active' || !loan.terms.penalty) return zero;
    if (await penaltyAssessedOn(tx, cooperativeId, loan.id, date)) return zero;
    const { dues } = await this.positions.of(tx, cooperativeId, loan);
    const lines = penaltiesFor(date, dues, loan.terms.penalty, loan.terms.frequency);
    const total = lines.reduce((sum, line) => sum.plus(line.amount), zero);
    if (total.isZero()) return zero;
    const suspended = (await this.suspension.suspendedAmong(tx, cooperativeId, [loan.id])).get(
      loan.id,
    );
    const held = suspended
      ? await this.suspension.holdSuspendedPenalties(
          tx,
          cooperativeId,
          loan,
          date,
          total,
          suspended,
        )
      : await this.penaltiesToIncome(tx, cooperativeId, loan, product, date, total);
    await insertPenalties(
      tx,
      cooperativeId,
      loan.id,
      date,
      lines.map((line) => ({ no: line.no, amount: line.amount.toString() })),
      held,
    );
    return total;
  }

  /** A performing loan's penalties for `date`: penalty receivable against penalty income. */
  private async penaltiesToIncome(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    product: LoanProductView,
    date: BusinessDate,
    total: Money,
  ): Promise<PenaltyHeld> {
    const income = await this.charts.accountByCode(tx, cooperativeId, loanIncomeCodes.penalties);
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Denda pinjaman ${loan.loanNumber} ${date}`,
      source: { type: 'loans.penalty', id: loan.id },
      valueDate: date,
      postings: [
        { accountId: product.penaltyReceivableAccountId, amount: total },
        {
          accountId: income.id,
          amount: total.negated(),
          counterpartyClass: 'member',
          dimensions: this.dimensionsOf(loan),
        },
      ],
    });
    return { as: 'receivable', entryId: entry.id };
  }

  dimensionsOf(loan: LoanRecord) {
    return { sector: loan.sector, ...(loan.commodity ? { commodity: loan.commodity } : {}) };
  }
}
