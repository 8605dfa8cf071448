import {
  ApprovalRegistry,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  type BusinessDate,
  isUuid,
  InvalidInputError,
  Money,
  RuleViolationError,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import {
  BusinessDayService,
  ChartService,
  type PostingDraft,
  PostingService,
} from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { writeOffFigures, type WriteOffFigures } from '../domain/non-accrual';
import type { LoanRecord } from '../infrastructure/loan-store';
import {
  insertWriteOff,
  interestUnpaid,
  lockLedgerBalances,
  markWrittenOff,
} from '../infrastructure/non-accrual-store';
import { loanProductBy, type LoanProductView } from '../infrastructure/product-store';
import {
  collectibilityOf,
  insertProvisions,
  latestProvisions,
  type ProvisionRecord,
} from '../infrastructure/quality-store';
import { InterestSuspension } from './interest-suspension';
import { twoManagersApprove } from './loan-approval.executor';
import { LoanInterest, loanIncomeCodes } from './loan-interest';
import { LoanPositions } from './loan-positions';
import { LoanProvisioning, provisionCodes } from './loan-provisioning';
import { LoanViews } from './loan-views';

export const loanWriteOffType = 'loans.write-off';

/**
 * Writing a loan off (hapus buku): asked by a manager with a reason, done when two other
 * managers approve (`loans.write-off`), once. Only a running loan the end of day last booked
 * macet is written off (a manager may downgrade a loan to macet first). On the business date of
 * the last approval, in one entry:
 * - the loan's accrual is brought up to the day and closed: interest accrued and unpaid on
 *   balance is taken back from income, suspended interest is closed in memorandum, and unpaid
 *   penalties come off their receivable and penalty income or are closed in memorandum;
 * - the outstanding principal comes off the loan's leaf against its allowance (`1-17-<code>`,
 *   the loan's latest provision row), the rest to `5-1103` (or back from it when the allowance
 *   held more); a `closed` provision row records the allowance used;
 * - the whole claim (principal, interest and penalties unpaid) is kept in memorandum (`9-1102`
 *   against `9-9101`) for recoveries.
 * The loan stays `written-off` with its schedule, repayments and collateral as they were.
 */
@Injectable()
export class LoanWriteOffExecutor extends RegisteredExecutor {
  readonly type = loanWriteOffType;
  readonly defaultRule = twoManagersApprove;
  readonly movesMoney = true;

  constructor(
    registry: ApprovalRegistry,
    private readonly views: LoanViews,
    private readonly interest: LoanInterest,
    private readonly positions: LoanPositions,
    private readonly provisioning: LoanProvisioning,
    private readonly suspension: InterestSuspension,
    private readonly posting: PostingService,
    private readonly charts: ChartService,
    private readonly days: BusinessDayService,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const loanId = loanIdOf(input.payload);
    const loan = await this.views.require(tx, input.cooperativeId, loanId);
    if (loan.status !== 'active') {
      throw new RuleViolationError(
        'loan-not-active',
        'Loan not active',
        `Loan ${loan.loanNumber} is ${loan.status}: only a running loan is written off`,
        { field: 'loanId', loanStatus: loan.status },
      );
    }
    const booked = await this.macet(tx, input.cooperativeId, loan);
    const { outstandingPrincipal } = await this.positions.of(tx, input.cooperativeId, loan);
    requirePrincipal(loan, outstandingPrincipal);
    return {
      payload: { loanId: loan.id },
      summary: `Write off loan ${loan.loanNumber}: ${outstandingPrincipal.toString()} ${loan.currency} of principal, booked macet as of ${booked.asOf}`,
      amount: { amount: outstandingPrincipal.toString(), currency: loan.currency },
      functionalEquivalent: outstandingPrincipal.toString(),
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const { cooperativeId } = record;
    const loan = await this.views.lockInStatus(
      tx,
      cooperativeId,
      loanIdOf(record.payload),
      'active',
      'only a running loan is written off',
    );
    const { businessDate: day } = await this.days.enter(tx, cooperativeId, 'shared');
    const product = (await loanProductBy(tx, cooperativeId, { id: loan.productId }))!;
    const booked = await this.macet(tx, cooperativeId, loan);
    const allowanceAccountId = await this.provisioning.allowanceAccount(tx, cooperativeId, product);
    await this.lockBalances(tx, cooperativeId, loan, product, allowanceAccountId);
    // The accrual is brought up to the day first (into memorandum while suspended): what is
    // taken off below is then every day the loan accrued, and none accrues after.
    await this.interest.accrueThrough(tx, cooperativeId, loan, product, day);
    const position = await this.positions.of(tx, cooperativeId, loan);
    requirePrincipal(loan, position.outstandingPrincipal);
    const figures = writeOffFigures({
      principal: position.outstandingPrincipal,
      allowance: Money.of(booked.required, loan.currency),
      balances: await this.suspension.balances(tx, cooperativeId, loan.id, loan.currency),
      interestClaim: Money.of(await interestUnpaid(tx, cooperativeId, loan.id), loan.currency),
      penalty: position.unpaidPenalty,
      penaltyBalances: await this.suspension.penaltyBalances(
        tx,
        cooperativeId,
        loan.id,
        loan.currency,
      ),
    });
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Hapus buku pinjaman ${loan.loanNumber}`,
      source: { type: 'loans.write-off', id: loan.id },
      postings: await this.postings(tx, cooperativeId, loan, product, allowanceAccountId, figures),
    });
    const reason = record.reason ?? `Written off in request ${record.id}`;
    await insertWriteOff(tx, cooperativeId, {
      loanId: loan.id,
      writtenOffOn: day,
      approvalRequestId: record.id,
      requestedBy: record.makerId,
      reason,
      grade: booked.grade!,
      principal: figures.principal.toString(),
      allowanceUsed: figures.allowanceUsed.toString(),
      expense: figures.expense.toString(),
      interestReversed: figures.interestReversed.toString(),
      memorandumClosed: figures.memorandumClosed.toString(),
      interestClaim: figures.interestClaim.toString(),
      penaltyReversed: figures.penaltyReversed.toString(),
      penaltyMemorandumClosed: figures.penaltyMemorandumClosed.toString(),
      penaltyOffBooks: figures.penaltyOffBooks.toString(),
      writtenOff: figures.writtenOff.toString(),
      entryId: entry.id,
    });
    await this.releaseAllowance(tx, cooperativeId, loan, booked, day, entry.id);
    await markWrittenOff(tx, cooperativeId, loan.id);
    const written = {
      writtenOffOn: day,
      principal: figures.principal.toString(),
      allowanceUsed: figures.allowanceUsed.toString(),
      expense: figures.expense.toString(),
      interestReversed: figures.interestReversed.toString(),
      memorandumClosed: figures.memorandumClosed.toString(),
      interestClaim: figures.interestClaim.toString(),
      penaltyReversed: figures.penaltyReversed.toString(),
      penaltyMemorandumClosed: figures.penaltyMemorandumClosed.toString(),
      penaltyOffBooks: figures.penaltyOffBooks.toString(),
      writtenOff: figures.writtenOff.toString(),
      entryId: entry.id,
    };
    await this.audit.record(tx, {
      cooperativeId,
      action: loanWriteOffType,
      targetType: 'loan',
      targetId: loan.id,
      before: { status: loan.status, grade: booked.grade, allowance: booked.required },
      after: { status: 'written-off', ...written },
      reason,
    });
    return { loanId: loan.id, loanNumber: loan.loanNumber, status: 'written-off', ...written };
  }

  /** The loan's latest provision row, which must grade it macet. */
  private async macet(tx: Tx, cooperativeId: string, loan: LoanRecord): Promise<ProvisionRecord> {
    const booked = (await latestProvisions(tx, cooperativeId, [loan.id])).get(loan.id);
    if (!booked || booked.closed || booked.grade !== 'macet') {
      throw new RuleViolationError(
        'write-off-not-macet',
        'Only a macet loan is written off',
        `Loan ${loan.loanNumber} is booked ${booked?.grade ?? 'without a grade'}${booked ? ` as of ${booked.asOf}` : ''}: a loan is written off once the end of day has booked it macet, by its arrears or a manager's downgrade`,
        { field: 'loanId', grade: booked?.grade ?? null },
      );
    }
    return booked;
  }

  /** Every balance the write-off posts to, in account order, before its first entry. */
  private async lockBalances(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    product: LoanProductView,
    allowanceAccountId: string,
  ): Promise<void> {
    const accounts = await this.suspension.accounts(tx, cooperativeId);
    const codes = [loanIncomeCodes.penalties, provisionCodes.expense];
    const general = [];
    for (const code of codes)
      general.push((await this.charts.accountByCode(tx, cooperativeId, code)).id);
    await lockLedgerBalances(tx, cooperativeId, [
      ...general,
      accounts.interestIncome,
      accounts.suspendedInterest,
      accounts.writtenOff,
      accounts.contra,
      loan.ledgerAccountId!,
      product.interestReceivableAccountId,
      product.penaltyReceivableAccountId,
      allowanceAccountId,
    ]);
  }

  private async postings(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    product: LoanProductView,
    allowanceAccountId: string,
    f: WriteOffFigures,
  ): Promise<PostingDraft[]> {
    const accounts = await this.suspension.accounts(tx, cooperativeId);
    const expense = await this.charts.accountByCode(tx, cooperativeId, provisionCodes.expense);
    const penalties = await this.charts.accountByCode(tx, cooperativeId, loanIncomeCodes.penalties);
    const closedInMemorandum = f.memorandumClosed.plus(f.penaltyMemorandumClosed);
    const dimensions = this.interest.dimensionsOf(loan);
    const member = { counterpartyClass: 'member' as const, dimensions };
    const postings: PostingDraft[] = [
      { accountId: loan.ledgerAccountId!, amount: f.principal.negated() },
      { accountId: allowanceAccountId, amount: f.allowanceUsed },
      { accountId: expense.id, amount: f.expense, ...member },
      { accountId: accounts.interestIncome, amount: f.interestReversed, ...member },
      { accountId: product.interestReceivableAccountId, amount: f.interestReversed.negated() },
      { accountId: penalties.id, amount: f.penaltyReversed, ...member },
      { accountId: product.penaltyReceivableAccountId, amount: f.penaltyReversed.negated() },
      { accountId: accounts.writtenOff, amount: f.writtenOff },
      { accountId: accounts.suspendedInterest, amount: closedInMemorandum.negated() },
      { accountId: accounts.contra, amount: f.writtenOff.minus(closedInMemorandum).negated() },
    ];
    return postings.filter((p) => !p.amount.isZero());
  }

  /** A `closed` provision row: the loan's allowance is used, the loan graded no more. */
  private async releaseAllowance(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    booked: ProvisionRecord,
    day: BusinessDate,
    entryId: string,
  ): Promise<void> {
    const zero = Money.zero(loan.currency).toString();
    const change = Money.of(booked.required, loan.currency).negated();
    await insertProvisions(tx, cooperativeId, [
      {
        loanId: loan.id,
        asOf: day,
        closed: true,
        oldestUnpaidDue: null,
        daysPastDue: 0,
        preset: (await collectibilityOf(tx, cooperativeId)).preset,
        computedGrade: null,
        manualGrade: null,
        restructuredGrade: null,
        grade: null,
        outstandingPrincipal: zero,
        collateralCredit: zero,
        rate: '0',
        required: zero,
        change: change.toString(),
        entryId: change.isZero() ? null : entryId,
      },
    ]);
  }
}

function loanIdOf(payload: unknown): string {
  const raw = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
    string,
    unknown
  >;
  if (typeof raw.loanId !== 'string' || !isUuid(raw.loanId)) {
    throw new InvalidInputError('loanId must be a UUID', [
      { field: 'loanId', message: 'must be a UUID' },
    ]);
  }
  return raw.loanId;
}

function requirePrincipal(loan: LoanRecord, outstanding: Money): void {
  if (!outstanding.isPositive()) {
    throw new RuleViolationError(
      'nothing-to-write-off',
      'No principal left',
      `Loan ${loan.loanNumber} owes no principal: pay it off instead`,
      { field: 'loanId' },
    );
  }
}
