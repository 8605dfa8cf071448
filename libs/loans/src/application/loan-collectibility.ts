import type { Actor } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  addDays,
  type BusinessDate,
  businessDate as parseDate,
  compareDates,
  type FieldProblem,
  InvalidInputError,
  Money,
  RuleViolationError,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import {
  type CollectibilityPreset,
  type CollectibilitySettings,
  downgradeRefusal,
  gradeBands,
  type Grading,
  gradeLoan,
  gradesOf,
  type LoanGrade,
  loanGrades,
  oldestUnpaidDue,
  severity,
} from '../domain/collectibility';
import type { LoanRecord } from '../infrastructure/loan-store';
import {
  allowancesOn,
  collectibilityOf,
  type GradeOverride,
  gradeOverridesOf,
  type GradeTotal,
  gradeTotalsOn,
  insertGradeOverride,
  type ProvisionRecord,
  provisionsOf,
} from '../infrastructure/quality-store';
import { restructuredGradesOn } from '../infrastructure/restructuring-store';
import { InterestSuspension, type LoanAccrualView } from './interest-suspension';
import { LoanPositions } from './loan-positions';
import { type LoanView, LoanViews } from './loan-views';

export interface CollectibilitySettingsView extends CollectibilitySettings {
  /** The preset's grades, best first, with the first day past due of each. */
  readonly grades: readonly { grade: LoanGrade; fromDaysPastDue: number }[];
}

export interface LoanCollectibilityView {
  readonly preset: CollectibilityPreset;
  /**
   * The loan's grade today (the business date) from its schedule and repayments and the manual
   * downgrade in force; null once the loan no longer runs.
   */
  readonly current: (Grading & { readonly asOf: BusinessDate }) | null;
  /** What the end of day last booked for the loan (its latest provision row); null before. */
  readonly booked: ProvisionRecord | null;
  /** Every manual downgrade and lift, oldest first. */
  readonly manualGrades: readonly GradeOverride[];
}

/** Running loans by grade and the allowance per product, as booked through a date. */
export interface ProvisionSummary {
  readonly asOf: BusinessDate;
  readonly currency: string;
  readonly grades: readonly GradeTotal[];
  readonly total: Omit<GradeTotal, 'grade'>;
  /** `required` by the loans' rows, `booked` on the allowance leaf by value date. */
  readonly products: readonly {
    productCode: string;
    accountCode: string;
    required: string;
    booked: string;
  }[];
}

export interface DowngradeRequest {
  readonly grade: unknown;
  readonly reason: unknown;
}

/**
 * Collectibility as staff read and judge it: the cooperative's setting, a loan's grade and
 * provision, and a manager's downgrade. A downgrade stands from its business date (the end of
 * day of that date books it) until a second manager approves lifting it (`loans.grade.lift`) or
 * the loan is paid off; while it stands the loan's grade is the worse of it and its arrears.
 */
@Injectable()
export class LoanCollectibility {
  constructor(
    private readonly cooperatives: CooperativeService,
    private readonly views: LoanViews,
    private readonly positions: LoanPositions,
    private readonly suspension: InterestSuspension,
    private readonly audit: AuditLog,
  ) {}

  async settings(tx: Tx, cooperativeId: string): Promise<CollectibilitySettingsView> {
    const settings = await collectibilityOf(tx, cooperativeId);
    return {
      ...settings,
      grades: gradeBands(settings.preset).map((band) => ({
        grade: band.grade,
        fromDaysPastDue: band.from,
      })),
    };
  }

  /**
   * Grades and allowances as the end of day booked them through `asOf` (default: the day before
   * the business date, the last one an end of day can have closed). A day not closed yet shows
   * what the last closed day booked.
   */
  async provisionSummary(tx: Tx, cooperativeId: string, asOf?: string): Promise<ProvisionSummary> {
    const { businessDate, functionalCurrency } = await this.cooperatives.byId(tx, cooperativeId);
    const date = asOf === undefined ? addDays(businessDate, -1) : parseDate(asOf, 'asOf');
    if (compareDates(date, businessDate) >= 0) {
      throw new InvalidInputError(`${date} is not over yet`, [
        { field: 'asOf', message: `before the business date ${businessDate}` },
      ]);
    }
    const money = (value: string) => Money.of(value, functionalCurrency);
    const grades = (await gradeTotalsOn(tx, cooperativeId, date))
      .sort((a, b) => severity(a.grade) - severity(b.grade))
      .map((g) => ({
        ...g,
        outstandingPrincipal: money(g.outstandingPrincipal).toString(),
        collateralCredit: money(g.collateralCredit).toString(),
        required: money(g.required).toString(),
      }));
    const sum = (key: 'outstandingPrincipal' | 'collateralCredit' | 'required') =>
      grades.reduce((total, g) => total.plus(money(g[key])), Money.zero(functionalCurrency));
    return {
      asOf: date,
      currency: functionalCurrency,
      grades,
      total: {
        loans: grades.reduce((n, g) => n + g.loans, 0),
        outstandingPrincipal: sum('outstandingPrincipal').toString(),
        collateralCredit: sum('collateralCredit').toString(),
        required: sum('required').toString(),
      },
      products: (await allowancesOn(tx, cooperativeId, date)).map((p) => ({
        ...p,
        required: money(p.required).toString(),
        booked: money(p.booked).toString(),
      })),
    };
  }

  /**
   * The loan as `LoanViews` shows it, with its collectibility and its accrual status (accruing,
   * suspended, written off or closed), none before disbursement.
   */
  async loanView(
    tx: Tx,
    cooperativeId: string,
    loanId: string,
  ): Promise<
    LoanView & {
      collectibility: LoanCollectibilityView | null;
      accrual: LoanAccrualView | null;
    }
  > {
    const view = await this.views.view(tx, cooperativeId, loanId);
    return {
      ...view,
      collectibility:
        view.disbursedOn === null ? null : await this.collectibilityOf(tx, cooperativeId, view),
      accrual: await this.suspension.view(tx, cooperativeId, view),
    };
  }

  async collectibilityOf(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
  ): Promise<LoanCollectibilityView> {
    const settings = await collectibilityOf(tx, cooperativeId);
    const provisions = await provisionsOf(tx, cooperativeId, loan.id);
    const manualGrades = await gradeOverridesOf(tx, cooperativeId, loan.id);
    return {
      preset: settings.preset,
      current:
        loan.status === 'active'
          ? await this.currentGrade(tx, cooperativeId, loan, settings, manualGrades)
          : null,
      booked: provisions[provisions.length - 1] ?? null,
      manualGrades,
    };
  }

  /**
   * A manager grades a running loan worse than it stands today, with a reason; refused when the
   * grade is not worse (`grade-not-worse`) or not one of the preset's.
   */
  async downgrade(
    tx: Tx,
    cooperativeId: string,
    manager: Actor,
    loanId: string,
    request: DowngradeRequest,
  ): Promise<LoanCollectibilityView> {
    const { grade, reason } = parseDowngrade(request);
    const loan = await this.views.lockInStatus(
      tx,
      cooperativeId,
      loanId,
      'active',
      'only a running loan is graded',
    );
    const settings = await collectibilityOf(tx, cooperativeId);
    const overrides = await gradeOverridesOf(tx, cooperativeId, loan.id);
    const current = await this.currentGrade(tx, cooperativeId, loan, settings, overrides);
    const refusal = downgradeRefusal(settings.preset, current.grade, grade);
    if (refusal === 'not-in-preset') {
      throw new InvalidInputError(`${grade} is not a grade of the ${settings.preset} preset`, [
        { field: 'grade', message: gradesOf(settings.preset).join(', ') },
      ]);
    }
    if (refusal === 'not-worse') {
      throw new RuleViolationError(
        'grade-not-worse',
        'Not a downgrade',
        `Loan ${loan.loanNumber} is ${current.grade} today: a manager grades a loan worse, never better`,
        { field: 'grade', grade: current.grade },
      );
    }
    const row: GradeOverride = {
      id: uuidv7(),
      loanId: loan.id,
      action: 'downgrade',
      grade,
      reason,
      decidedOn: current.asOf,
      decidedBy: manager.id,
      approvalRequestId: null,
    };
    await insertGradeOverride(tx, cooperativeId, row);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'loans.grade.downgrade',
      targetType: 'loan',
      targetId: loan.id,
      before: { grade: current.grade, manualGrade: current.manualGrade },
      after: { manualGrade: grade, decidedOn: row.decidedOn },
      reason,
      actorId: manager.id,
    });
    return this.collectibilityOf(tx, cooperativeId, loan);
  }

  /** The downgrade in force on a running loan now; null when none stands. */
  async standingDowngrade(
    tx: Tx,
    cooperativeId: string,
    loanId: string,
  ): Promise<GradeOverride | null> {
    const overrides = await gradeOverridesOf(tx, cooperativeId, loanId);
    const last = overrides[overrides.length - 1];
    return last?.action === 'downgrade' ? last : null;
  }

  private async currentGrade(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    settings: CollectibilitySettings,
    overrides: readonly GradeOverride[],
  ): Promise<Grading & { asOf: BusinessDate }> {
    const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
    const { dues } = await this.positions.of(tx, cooperativeId, loan);
    const last = overrides[overrides.length - 1];
    const manual = last?.action === 'downgrade' ? last.grade : null;
    const restructured = await restructuredGradesOn(tx, cooperativeId, [loan.id], businessDate);
    return {
      asOf: businessDate,
      ...gradeLoan(
        settings.preset,
        businessDate,
        oldestUnpaidDue(dues, businessDate),
        manual,
        restructured.get(loan.id) ?? null,
      ),
    };
  }
}

function parseDowngrade(request: DowngradeRequest): { grade: LoanGrade; reason: string } {
  const problems: FieldProblem[] = [];
  if (!loanGrades.includes(request.grade as LoanGrade)) {
    problems.push({ field: 'grade', message: loanGrades.join(', ') });
  }
  const reason = typeof request.reason === 'string' ? request.reason.trim() : '';
  if (reason.length === 0 || reason.length > 500) {
    problems.push({ field: 'reason', message: '1 to 500 characters' });
  }
  if (problems.length > 0) throw new InvalidInputError('The downgrade is not valid', problems);
  return { grade: request.grade as LoanGrade, reason };
}
