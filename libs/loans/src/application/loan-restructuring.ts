import {
  type Actor,
  ApprovalRegistry,
  type ApprovalRequestRecord,
  ApprovalService,
  type ApprovalRequestView,
  type PreparedAction,
  RegisteredExecutor,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  type BusinessDate,
  InvalidInputError,
  isUuid,
  Money,
  NotFoundError,
  RuleViolationError,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import {
  BusinessDayService,
  ChartService,
  type PostingDraft,
  PostingService,
} from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { everSuspended } from '../infrastructure/non-accrual-store';
import { gradeLoan, oldestUnpaidDue } from '../domain/collectibility';
import {
  parseRestructuring,
  planRestructuring,
  type RestructuredTerms,
  type RestructuringRequest,
  restructuredSchedule,
} from '../domain/restructuring';
import type { LoanRecord } from '../infrastructure/loan-store';
import { loanProductBy } from '../infrastructure/product-store';
import { collectibilityOf, manualGradesOn } from '../infrastructure/quality-store';
import { accruedInterest, insertAccruals } from '../infrastructure/repayment-store';
import {
  insertRestructuring,
  type RestructuringRecord,
  restructuredGradesOn,
  restructureLoan,
  restructuringsOf,
  scheduleVersionsOf,
} from '../infrastructure/restructuring-store';
import { insertSchedule, scheduleOf } from '../infrastructure/schedule-store';
import { twoManagersApprove } from './loan-approval.executor';
import { LoanInterest, loanIncomeCodes } from './loan-interest';
import { LoanPositions } from './loan-positions';
import { LoanSchedules } from './loan-schedules';
import { type InstalmentView, instalmentView, LoanViews } from './loan-views';

export const restructuringType = 'loans.restructuring';

/** A schedule version of a loan, as it was written. */
export interface ScheduleVersionView {
  readonly loanId: string;
  readonly version: number;
  /** The version the loan runs on now. */
  readonly inForce: boolean;
  readonly instalments: readonly InstalmentView[];
}

export interface RestructuringHistory {
  readonly loanId: string;
  readonly restructurings: readonly RestructuringRecord[];
  /** Every version the schedule has had: a restructuring's before and after stay readable. */
  readonly scheduleVersions: readonly number[];
}

const termsOf = (loan: Pick<LoanRecord, 'rate' | 'instalments' | 'terms'>): RestructuredTerms => ({
  method: loan.terms.method,
  rate: loan.rate,
  ratePer: loan.terms.ratePer,
  instalments: loan.instalments,
  graceInstalments: loan.terms.graceInstalments,
});

/**
 * Restructuring as staff ask for and read it: a manager asks (`loans.restructuring`, two other
 * managers approve), the history of a loan's restructurings and any of its schedule versions.
 */
@Injectable()
export class LoanRestructurings {
  constructor(
    private readonly views: LoanViews,
    private readonly approvals: ApprovalService,
  ) {}

  /** Submits the request; nothing changes until the second approval (202). */
  async request(
    tx: Tx,
    cooperativeId: string,
    manager: Actor,
    loanId: string,
    body: Record<string, unknown>,
  ): Promise<ApprovalRequestView> {
    return this.approvals.submit(tx, {
      cooperativeId,
      type: restructuringType,
      payload: { ...body, loanId },
      maker: manager,
      reason: typeof body.reason === 'string' ? body.reason : undefined,
    });
  }

  async history(tx: Tx, cooperativeId: string, loanId: string): Promise<RestructuringHistory> {
    const loan = await this.views.require(tx, cooperativeId, loanId);
    return {
      loanId: loan.id,
      restructurings: await restructuringsOf(tx, cooperativeId, loan.id),
      scheduleVersions: await scheduleVersionsOf(tx, cooperativeId, loan.id),
    };
  }

  async scheduleVersion(
    tx: Tx,
    cooperativeId: string,
    loanId: string,
    version: string,
  ): Promise<ScheduleVersionView> {
    const loan = await this.views.require(tx, cooperativeId, loanId);
    const number = /^[1-9][0-9]{0,8}$/.test(version) ? Number(version) : NaN;
    if (Number.isNaN(number)) {
      throw new InvalidInputError('The schedule version is not valid', [
        { field: 'version', message: 'a whole number from 1' },
      ]);
    }
    const instalments = await scheduleOf(tx, cooperativeId, loan, number);
    if (instalments.length === 0) throw new NotFoundError('schedule version', version);
    return {
      loanId: loan.id,
      version: number,
      inForce: number === loan.scheduleVersion,
      instalments: instalments.map(instalmentView),
    };
  }
}

/**
 * A restructuring released by its second approval, on that day's business date D:
 * - the loan's interest is accrued through D on the old schedule, and the accrual closes there
 *   (DESIGN.md invariant 8): what the daily rows accrued is brought to the closed form through D
 *   by a final adjustment, so nothing accrued is lost or doubled;
 * - a new schedule version keeps the old instalments through D (those due on or before it, and
 *   the running one ending on D with the interest accrued in it), their unpaid principal lent
 *   again by a new schedule starting on D (term, rate, method and grace as approved); interest
 *   accrued and unpaid stays owed where it was, or is capitalised into the new principal (Dr the
 *   loan's leaf, Cr interest receivable);
 * - the loan takes the new rate, method and term; the restructuring is recorded with the figures
 *   before and after and the loan's grade that day, which it keeps at best until it performs.
 * Only a running (`active`) loan is restructured, once a day at most.
 */
@Injectable()
export class LoanRestructuringExecutor extends RegisteredExecutor {
  readonly type = restructuringType;
  readonly defaultRule = twoManagersApprove;
  readonly movesMoney = true;

  constructor(
    registry: ApprovalRegistry,
    private readonly views: LoanViews,
    private readonly positions: LoanPositions,
    private readonly schedules: LoanSchedules,
    private readonly interest: LoanInterest,
    private readonly days: BusinessDayService,
    private readonly charts: ChartService,
    private readonly posting: PostingService,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const { loan, request } = await this.target(tx, input.cooperativeId, input.payload, false);
    const position = await this.positions.of(tx, input.cooperativeId, loan);
    const outstanding = this.requireOutstanding(loan, position.outstandingPrincipal);
    const terms = `${request.instalments} ${request.method} instalments at ${request.rate} a ${loan.terms.ratePer}`;
    return {
      payload: { loanId: loan.id, ...request },
      summary: `Restructure loan ${loan.loanNumber}: ${outstanding.toString()} ${loan.currency} outstanding over ${terms}${request.capitaliseInterest ? ', unpaid interest capitalised' : ''}`,
      amount: { amount: outstanding.toString(), currency: loan.currency },
      functionalEquivalent: outstanding.toString(),
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const { cooperativeId } = record;
    const { loan, request } = await this.target(tx, cooperativeId, record.payload, true);
    const { businessDate: day } = await this.days.enter(tx, cooperativeId, 'shared');
    const earlier = await restructuringsOf(tx, cooperativeId, loan.id);
    if (earlier.some((r) => r.restructuredOn === day)) {
      throw new RuleViolationError(
        'restructured-today',
        'Already restructured today',
        `Loan ${loan.loanNumber} was restructured on ${day}: a further restructuring waits for another day`,
        { field: 'loanId' },
      );
    }
    const product = (await loanProductBy(tx, cooperativeId, { id: loan.productId }))!;
    await this.interest.accrueThrough(tx, cooperativeId, loan, product, day);
    const position = await this.positions.of(tx, cooperativeId, loan);
    this.requireOutstanding(loan, position.outstandingPrincipal);
    const grading = await this.gradeOn(tx, cooperativeId, loan, position.dues, day);
    const plan = planRestructuring({
      schedule: position.schedule,
      paid: position.paid,
      on: day,
      capitaliseInterest: request.capitaliseInterest,
    });
    const rows = Money.of(await accruedInterest(tx, cooperativeId, loan.id, day), loan.currency);
    const adjustment = plan.accrued.minus(rows);
    const terms = {
      ...loan.terms,
      method: request.method,
      graceInstalments: request.graceInstalments,
    };
    const fresh = await this.schedules.contract(
      tx,
      cooperativeId,
      {
        principal: plan.newPrincipal.toString(),
        currency: loan.currency,
        terms,
        rate: request.rate,
        instalments: request.instalments,
      },
      day,
    );
    const id = uuidv7();
    const entryId = await this.post(tx, cooperativeId, loan, product, id, {
      adjustment,
      capitalised: plan.capitalisedInterest,
    });
    if (entryId !== null) {
      await insertAccruals(
        tx,
        cooperativeId,
        loan.id,
        [
          {
            date: day,
            kind: 'restructuring',
            amount: adjustment.minus(plan.capitalisedInterest).toString(),
          },
        ],
        entryId,
      );
    }
    const toVersion = await insertSchedule(
      tx,
      cooperativeId,
      loan.id,
      restructuredSchedule(plan.kept, fresh.instalments),
    );
    await restructureLoan(tx, cooperativeId, loan.id, {
      principal: Money.of(loan.principal, loan.currency).plus(plan.capitalisedInterest).toString(),
      rate: request.rate,
      instalments: request.instalments,
      terms,
    });
    const restructuring: RestructuringRecord = {
      id,
      loanId: loan.id,
      restructuredOn: day,
      approvalRequestId: record.id,
      requestedBy: record.makerId,
      reason: request.reason,
      fromVersion: loan.scheduleVersion,
      toVersion,
      keptInstalments: plan.kept.length,
      outstandingPrincipal: plan.outstandingPrincipal.toString(),
      unpaidInterest: plan.unpaidInterest.toString(),
      capitalisedInterest: plan.capitalisedInterest.toString(),
      newPrincipal: plan.newPrincipal.toString(),
      closingAdjustment: adjustment.toString(),
      entryId,
      termsBefore: termsOf(loan),
      termsAfter: {
        method: request.method,
        rate: request.rate,
        ratePer: loan.terms.ratePer,
        instalments: request.instalments,
        graceInstalments: request.graceInstalments,
      },
      gradeBefore: grading.grade,
      daysPastDueBefore: grading.daysPastDue,
    };
    await insertRestructuring(tx, cooperativeId, restructuring);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'loans.loan.restructure',
      targetType: 'loan',
      targetId: loan.id,
      before: {
        scheduleVersion: loan.scheduleVersion,
        principal: loan.principal,
        terms: restructuring.termsBefore,
        outstandingPrincipal: restructuring.outstandingPrincipal,
        unpaidInterest: restructuring.unpaidInterest,
        grade: grading.grade,
        daysPastDue: grading.daysPastDue,
      },
      after: {
        restructuringId: id,
        scheduleVersion: toVersion,
        terms: restructuring.termsAfter,
        newPrincipal: restructuring.newPrincipal,
        capitalisedInterest: restructuring.capitalisedInterest,
        closingAdjustment: restructuring.closingAdjustment,
        entryId,
      },
      reason: request.reason,
    });
    const schedule = await scheduleOf(tx, cooperativeId, loan, toVersion);
    return { restructuring, schedule: schedule.map(instalmentView) };
  }

  /**
   * The loan's grade on the day from its arrears, any manager's downgrade and any earlier
   * restructuring still holding it: what the restructuring keeps it at, at best.
   */
  private async gradeOn(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    dues: Parameters<typeof oldestUnpaidDue>[0],
    day: BusinessDate,
  ) {
    const settings = await collectibilityOf(tx, cooperativeId);
    const manual = (await manualGradesOn(tx, cooperativeId, [loan.id], day)).get(loan.id) ?? null;
    const held = (await restructuredGradesOn(tx, cooperativeId, [loan.id], day)).get(loan.id);
    return gradeLoan(settings.preset, day, oldestUnpaidDue(dues, day), manual, held ?? null);
  }

  /** One entry for the day's closing adjustment and the capitalised interest; none when both are zero. */
  private async post(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    product: { interestReceivableAccountId: string },
    restructuringId: string,
    amounts: { adjustment: Money; capitalised: Money },
  ): Promise<string | null> {
    const { adjustment, capitalised } = amounts;
    if (adjustment.isZero() && capitalised.isZero()) return null;
    const postings: PostingDraft[] = [
      { accountId: loan.ledgerAccountId!, amount: capitalised },
      {
        accountId: product.interestReceivableAccountId,
        amount: adjustment.minus(capitalised),
      },
    ];
    if (!adjustment.isZero()) {
      const income = await this.charts.accountByCode(tx, cooperativeId, loanIncomeCodes.interest);
      postings.push({
        accountId: income.id,
        amount: adjustment.negated(),
        counterpartyClass: 'member',
        dimensions: this.interest.dimensionsOf(loan),
      });
    }
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Restrukturisasi pinjaman ${loan.loanNumber}`,
      source: { type: 'loans.restructuring', id: restructuringId },
      postings: postings.filter((p) => !p.amount.isZero()),
    });
    return entry.id;
  }

  private requireOutstanding(loan: LoanRecord, outstanding: Money): Money {
    if (!outstanding.isPositive()) {
      throw new RuleViolationError(
        'nothing-to-restructure',
        'No principal to restructure',
        `Loan ${loan.loanNumber} has no principal outstanding: settle what it owes instead`,
        { field: 'loanId' },
      );
    }
    return outstanding;
  }

  /** The running loan (locked at execution, after its member) and the request parsed against it. */
  private async target(
    tx: Tx,
    cooperativeId: string,
    payload: unknown,
    lock: boolean,
  ): Promise<{ loan: LoanRecord; request: RestructuringRequest }> {
    const raw = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
      string,
      unknown
    >;
    const loanId = typeof raw.loanId === 'string' && isUuid(raw.loanId) ? raw.loanId : '';
    const refusal = 'only a running loan is restructured';
    const loan = lock
      ? await this.views.lockInStatus(tx, cooperativeId, loanId, 'active', refusal)
      : await this.views.require(tx, cooperativeId, loanId);
    if (loan.status !== 'active') {
      throw new RuleViolationError(
        'loan-not-active',
        'Loan not active',
        `Loan ${loan.loanNumber} is ${loan.status}: ${refusal}`,
        { field: 'loanId', loanStatus: loan.status },
      );
    }
    // Its unpaid interest may sit in memorandum, which the closing and capitalising here know
    // nothing of: refused rather than booked wrong, until restructuring learns the split.
    if (await everSuspended(tx, cooperativeId, loan.id)) {
      throw new RuleViolationError(
        'loan-interest-suspended',
        'Interest suspended',
        `Loan ${loan.loanNumber} has had its interest suspended as non-performing: restructuring such a loan is not supported yet`,
        { field: 'loanId' },
      );
    }
    return { loan, request: parseRestructuring(raw, loan) };
  }
}
