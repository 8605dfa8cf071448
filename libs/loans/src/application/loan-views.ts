import { businessDate, isUuid, NotFoundError, RuleViolationError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { MemberDirectory } from '@lumbung/members';
import { Injectable } from '@nestjs/common';
import type { InstalmentDue } from '../domain/allocation';
import { isSettled } from '../domain/loan-position';
import type { Instalment } from '../domain/schedule';
import {
  type CollateralRecord,
  collateralOf,
  type GuarantorRecord,
  guarantorsOf,
  loanById,
  type LoanRecord,
  loansOf,
  type LoanStatus,
} from '../infrastructure/loan-store';
import { loanProductBy } from '../infrastructure/product-store';
import { lockAccrualPosition, type RepaymentRecord } from '../infrastructure/repayment-store';
import { type RestructuringRecord, restructuringsOf } from '../infrastructure/restructuring-store';
import { type DueSummary, LoanPositions } from './loan-positions';
import { LoanSchedules } from './loan-schedules';

export interface InstalmentView {
  readonly no: number;
  readonly periodStart: string;
  readonly dueDate: string;
  readonly principal: string;
  readonly interest: string;
  readonly total: string;
  readonly balanceAfter: string;
}

export interface InstalmentDueView {
  readonly no: number;
  readonly dueDate: string;
  readonly penalty: string;
  readonly fees: string;
  readonly interest: string;
  readonly principal: string;
}

export interface LoanView extends LoanRecord {
  readonly productCode: string;
  readonly collateral: readonly CollateralRecord[];
  readonly guarantors: readonly GuarantorRecord[];
  /** The contracted schedule once disbursed; before that, the schedule if disbursed today. */
  readonly schedule: {
    readonly indicative: boolean;
    readonly instalments: readonly InstalmentView[];
  };
  readonly effectiveAnnualRate: string;
  readonly position: {
    readonly outstandingPrincipal: string;
    readonly unpaidPenalty: string;
    readonly unpaid: readonly InstalmentDueView[];
    readonly repayments: readonly RepaymentRecord[];
  } | null;
  /** Each restructuring, oldest first; the schedule above is the latest's new version. */
  readonly restructurings: readonly RestructuringRecord[];
}

export const instalmentView = (i: Instalment): InstalmentView => ({
  no: i.no,
  periodStart: i.periodStart,
  dueDate: i.dueDate,
  principal: i.principal.toString(),
  interest: i.interest.toString(),
  total: i.total.toString(),
  balanceAfter: i.balanceAfter.toString(),
});

export const dueView = (d: InstalmentDue): InstalmentDueView => ({
  no: d.no,
  dueDate: d.dueDate,
  penalty: d.penalty.toString(),
  fees: d.fees.toString(),
  interest: d.interest.toString(),
  principal: d.principal.toString(),
});

export interface LoanPage {
  readonly items: readonly LoanRecord[];
  readonly next: string | null;
}

/** Loans as staff and auditors read them. */
@Injectable()
export class LoanViews {
  constructor(
    private readonly cooperatives: CooperativeService,
    private readonly positions: LoanPositions,
    private readonly members: MemberDirectory,
    private readonly schedules: LoanSchedules,
  ) {}

  async require(tx: Tx, cooperativeId: string, loanId: string, lock = false): Promise<LoanRecord> {
    const loan = isUuid(loanId) ? await loanById(tx, cooperativeId, loanId, lock) : undefined;
    if (!loan) throw new NotFoundError('loan', loanId);
    return loan;
  }

  /**
   * The loan locked for a change, after its member: the lock order of DESIGN.md section 3 is
   * member, loan, its accrual position, savings accounts, till, ledger balances. The position
   * (once disbursed) is what the end of day locks instead of the loan, so a change here and the
   * loan's accrual by a chunk of the end of day take turns. Refused unless it is in `status`.
   */
  async lockInStatus(
    tx: Tx,
    cooperativeId: string,
    loanId: string,
    status: LoanStatus,
    refusal: string,
  ): Promise<LoanRecord> {
    const unlocked = await this.require(tx, cooperativeId, loanId);
    await this.members.lockMember(tx, cooperativeId, unlocked.memberId);
    const locked = await this.require(tx, cooperativeId, loanId, true);
    const accruedThrough = await lockAccrualPosition(tx, cooperativeId, loanId);
    const loan = { ...locked, accruedThrough: accruedThrough ?? null };
    if (loan.status !== status) {
      throw new RuleViolationError(
        `loan-not-${status}`,
        `Loan not ${status}`,
        `Loan ${loan.loanNumber} is ${loan.status}: ${refusal}`,
        { field: 'loanId', loanStatus: loan.status },
      );
    }
    return loan;
  }

  async view(tx: Tx, cooperativeId: string, loanId: string): Promise<LoanView> {
    const loan = await this.require(tx, cooperativeId, loanId);
    const product = (await loanProductBy(tx, cooperativeId, { id: loan.productId }))!;
    const disbursed = loan.disbursedOn !== null;
    const position = disbursed ? await this.positions.of(tx, cooperativeId, loan) : null;
    const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
    const contract = await this.schedules.contract(
      tx,
      cooperativeId,
      loan,
      loan.disbursedOn ?? businessDate,
    );
    return {
      ...loan,
      productCode: product.code,
      collateral: await collateralOf(tx, cooperativeId, loan.id),
      guarantors: await guarantorsOf(tx, cooperativeId, loan.id),
      schedule: {
        indicative: !disbursed,
        instalments: (position ? position.schedule : contract.instalments).map(instalmentView),
      },
      effectiveAnnualRate: contract.effectiveAnnualRate,
      position: position && {
        outstandingPrincipal: position.outstandingPrincipal.toString(),
        unpaidPenalty: position.unpaidPenalty.toString(),
        // A paid-off loan owes nothing more: interest its quote did not include was never due.
        unpaid:
          loan.status === 'closed' ? [] : position.dues.filter((d) => !isSettled(d)).map(dueView),
        repayments: position.repayments,
      },
      restructurings: disbursed ? await restructuringsOf(tx, cooperativeId, loan.id) : [],
    };
  }

  /** What is due on a date (today when none is named) and what is overdue. */
  async due(tx: Tx, cooperativeId: string, loanId: string, on?: string): Promise<DueSummary> {
    const loan = await this.require(tx, cooperativeId, loanId);
    const date =
      on === undefined
        ? (await this.cooperatives.byId(tx, cooperativeId)).businessDate
        : businessDate(on, 'date');
    if (loan.disbursedOn === null) {
      throw new RuleViolationError(
        'loan-not-disbursed',
        'Loan not disbursed',
        `Loan ${loan.loanNumber} is ${loan.status}: nothing falls due before disbursement`,
        { loanStatus: loan.status },
      );
    }
    return this.positions.dueOn(tx, cooperativeId, loan, date);
  }

  async list(
    tx: Tx,
    cooperativeId: string,
    query: { memberId?: string; status?: LoanStatus; after?: string; limit: number },
  ): Promise<LoanPage> {
    const rows = await loansOf(tx, cooperativeId, { ...query, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    return { items, next: rows.length > query.limit ? items[items.length - 1].id : null };
  }
}
