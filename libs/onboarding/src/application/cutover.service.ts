import { AuditLog } from '@lumbung/audit';
import {
  addDays,
  type BusinessDate,
  ConflictError,
  InvalidInputError,
  isBusinessDate,
  RuleViolationError,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { BusinessDayService, PeriodService, PostingService } from '@lumbung/ledger';
import { MemberImport } from '@lumbung/members';
import { type CollateralInput, LoanOpening, type LoanSector } from '@lumbung/loans';
import { SavingsOpening } from '@lumbung/savings';
import { Injectable } from '@nestjs/common';
import type { RowProblem } from '../domain/row-problem';
import { booksInUse, cutoverOf, insertCutover } from '../infrastructure/cutover-store';
import { type CutoverFiles, type CutoverPlan, CutoverPlanner } from './cutover-plan';

export interface CutoverRequest {
  readonly cutoverDate: string;
  readonly files: CutoverFiles;
}

/** What a dry run finds, and what a commit did. */
export interface CutoverReport {
  readonly cutoverDate: BusinessDate;
  readonly filesSha256: string;
  readonly problems: readonly RowProblem[];
  readonly members: number;
  readonly savingsAccounts: number;
  /** Balances and accrued time deposit interest, in the functional currency. */
  readonly savingsTotal: string;
  readonly loans: number;
  /** Principal outstanding and interest accrued, in the functional currency. */
  readonly loansTotal: string;
  readonly glLines: number;
  readonly currency: string;
  readonly entries?: {
    readonly savings: string;
    readonly loans: string | null;
    readonly gl: string | null;
  };
}

/** How far a commit is, for a progress line: `step` of the areas, `done` of `total` in it. */
export type CutoverProgress = (step: string, done: number, total: number) => void;

/**
 * Going live (issue 12, item 1): a cooperative's opening books from CSV files, checked in a dry
 * run that writes nothing and lists every problem, then committed all or nothing in the caller's
 * one transaction: members, savings accounts with one opening entry, the general ledger's other
 * balances with another, each balanced against the opening balance equity, which ends at zero;
 * the month before the cut-over is closed. A cooperative goes live once.
 */
@Injectable()
export class CutoverService {
  constructor(
    private readonly planner: CutoverPlanner,
    private readonly days: BusinessDayService,
    private readonly periods: PeriodService,
    private readonly posting: PostingService,
    private readonly memberImport: MemberImport,
    private readonly savingsOpening: SavingsOpening,
    private readonly loanOpening: LoanOpening,
    private readonly audit: AuditLog,
  ) {}

  async dryRun(tx: Tx, cooperativeId: string, request: CutoverRequest): Promise<CutoverReport> {
    const plan = await this.checkedPlan(tx, cooperativeId, request, 'shared');
    return reportOf(plan);
  }

  /** Refused as a whole (422 with every problem) unless the dry run finds nothing. */
  async commit(
    tx: Tx,
    cooperativeId: string,
    request: CutoverRequest,
    options: { readonly actorId: string; readonly progress?: CutoverProgress },
  ): Promise<CutoverReport> {
    // Exclusive: nothing posts while the books open, and a second commit waits here, then sees
    // the first one's cut-over row.
    const plan = await this.checkedPlan(tx, cooperativeId, request, 'exclusive');
    if (plan.problems.length > 0) {
      throw new RuleViolationError(
        'cutover-files-invalid',
        'Cut-over files not valid',
        `The files have ${plan.problems.length} problem(s); nothing was written`,
        { problems: plan.problems },
      );
    }
    const progress = options.progress ?? (() => undefined);
    const memberIds = new Map<string, string>();
    for (const member of plan.members) {
      const imported = await this.memberImport.importMember(tx, cooperativeId, member);
      memberIds.set(member.memberNumber, imported.id);
      progress('members', memberIds.size, plan.members.length);
    }
    const savingsEntry = await this.savingsOpening.open(tx, cooperativeId, {
      cutoverDate: plan.cutoverDate,
      currency: plan.currency,
      counterpartAccountId: plan.openingEquityAccountId,
      accounts: plan.savings.accounts.map((account) => ({
        memberId: memberIds.get(account.memberNumber)!,
        productCode: account.productCode,
        balance: account.balance,
        wajibPaidThrough: account.wajibPaidThrough ?? undefined,
        placement: account.placement ?? undefined,
      })),
      onAccount: (done) => progress('savings accounts', done, plan.savings.accounts.length),
    });
    const loansEntry =
      plan.loans.loans.length === 0
        ? null
        : await this.loanOpening.open(tx, cooperativeId, {
            cutoverDate: plan.cutoverDate,
            currency: plan.currency,
            counterpartAccountId: plan.openingEquityAccountId,
            actorId: options.actorId,
            loans: plan.loans.loans.map((loan) => ({
              ...loan,
              memberId: memberIds.get(loan.memberNumber)!,
              // Checked against libs/loans' own lists when the files were read.
              sector: loan.sector as LoanSector,
              collateral: loan.collateral as CollateralInput[],
            })),
            onLoan: (done) => progress('loans', done, plan.loans.loans.length),
          });
    const glEntry = await this.postGl(tx, cooperativeId, plan);
    const previousMonth = addDays(plan.cutoverDate, -1).slice(0, 7);
    if (!(await this.periods.isClosed(tx, cooperativeId, previousMonth))) {
      await this.periods.closeMonth(tx, cooperativeId, previousMonth, options.actorId);
    }
    await insertCutover(
      tx,
      cooperativeId,
      {
        cutoverDate: plan.cutoverDate,
        filesSha256: plan.filesSha256,
        members: plan.members.length,
        savingsAccounts: plan.savings.accounts.length,
        loans: plan.loans.loans.length,
        glLines: plan.gl.lines.length,
        savingsEntryId: savingsEntry,
        loansEntryId: loansEntry,
        glEntryId: glEntry,
      },
      options.actorId,
    );
    const report = {
      ...reportOf(plan),
      entries: { savings: savingsEntry, loans: loansEntry, gl: glEntry },
    };
    await this.audit.record(tx, {
      cooperativeId,
      action: 'onboarding.cutover.commit',
      targetType: 'cutover',
      targetId: cooperativeId,
      after: { ...report, problems: undefined },
      actorId: options.actorId,
    });
    return report;
  }

  /** The general ledger's other balances in one entry; null when gl.csv lists none. */
  private async postGl(tx: Tx, cooperativeId: string, plan: CutoverPlan): Promise<string | null> {
    if (plan.gl.lines.length === 0) return null;
    const postings = plan.gl.lines.map((line) => ({
      accountId: line.accountId,
      amount: line.amount,
      counterpartyClass: (line.counterpartyClass ?? undefined) as
        'member' | 'non_member' | 'partner_cooperative' | undefined,
    }));
    if (!plan.gl.net.isZero()) {
      postings.push({
        accountId: plan.openingEquityAccountId,
        amount: plan.gl.net.negated(),
        counterpartyClass: undefined,
      });
    }
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Saldo awal buku besar ${plan.cutoverDate}`,
      source: { type: 'onboarding.opening-balance', id: cooperativeId },
      postings,
    });
    return entry.id;
  }

  private async checkedPlan(
    tx: Tx,
    cooperativeId: string,
    request: CutoverRequest,
    lock: 'shared' | 'exclusive',
  ): Promise<CutoverPlan> {
    const cutoverDate = checkCutoverDate(request.cutoverDate);
    const day = await this.days.enter(tx, cooperativeId, lock);
    const done = await cutoverOf(tx, cooperativeId);
    if (done) {
      throw new ConflictError(
        'cutover-done',
        'Already live',
        `The cooperative went live on ${done.cutoverDate} (files ${done.filesSha256.slice(0, 12)}, committed ${done.committedAt}); a cut-over happens once`,
        { cutoverDate: done.cutoverDate, filesSha256: done.filesSha256 },
      );
    }
    if (day.businessDate !== cutoverDate) {
      throw new RuleViolationError(
        'cutover-date-not-business-date',
        'Cut-over date is not the business date',
        `The cut-over date ${cutoverDate} must be the cooperative's business date ${day.businessDate}: its opening entries are that day's`,
        { field: 'cutoverDate' },
      );
    }
    if (await booksInUse(tx, cooperativeId)) {
      throw new RuleViolationError(
        'books-in-use',
        'Books already in use',
        'The cooperative already has members or entries: opening balances go into empty books only',
      );
    }
    return this.planner.plan(tx, cooperativeId, {
      cutoverDate,
      currency: day.functionalCurrency,
      files: request.files,
    });
  }
}

/** The first day of a month: the months before it are the old books', and close. */
function checkCutoverDate(value: string): BusinessDate {
  if (!isBusinessDate(value) || !value.endsWith('-01')) {
    throw new InvalidInputError('The cut-over date is the first day of a month, YYYY-MM-01', [
      { field: 'cutoverDate', message: 'must be the first day of a month, YYYY-MM-01' },
    ]);
  }
  return value;
}

function reportOf(plan: CutoverPlan): CutoverReport {
  return {
    cutoverDate: plan.cutoverDate,
    filesSha256: plan.filesSha256,
    problems: plan.problems,
    members: plan.members.length,
    savingsAccounts: plan.savings.accounts.length,
    savingsTotal: plan.savings.total.toString(),
    loans: plan.loans.loans.length,
    loansTotal: plan.loans.total.toString(),
    glLines: plan.gl.lines.length,
    currency: plan.currency,
  };
}
