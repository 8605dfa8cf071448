import { AuditLog } from '@lumbung/audit';
import {
  type BusinessDate,
  InvalidInputError,
  isUuid,
  Money,
  NotFoundError,
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
import type { BerjangkaTerms, SukarelaTerms } from '../domain/product-terms';
import { earlyWithdrawalPenalty, maturityDate, periodInterest } from '../domain/time-deposit';
import { requireMinimumLeft, requireOpen } from '../domain/withdrawal-rules';
import {
  accountById,
  closeAccount,
  openVoluntaryAccount,
  owedBalance,
  type SavingsAccountRecord,
  touchAccount,
} from '../infrastructure/account-store';
import {
  insertPlacement,
  type Placement,
  placementsOf,
  settlePlacement,
} from '../infrastructure/placement-store';
import { productBy } from '../infrastructure/product-store';
import { type Operation, recordTransaction } from '../infrastructure/transaction-store';
import { SavingsAccountService, type SavingsAccountView } from './savings-account.service';
import { receiptSeries } from './teller-operations';
import { TillService } from './till.service';
import { TimeDepositAccrual } from './time-deposit-accrual';

export interface PlacementRequest {
  readonly memberId: string;
  readonly productId: string;
  readonly amount: string;
  readonly currency: string;
  /** The member's voluntary account to fund it from; cash through the teller's till when absent. */
  readonly fromAccountId?: string;
}

/** How a placement is settled: by a teller now, or by the end of day as of the day it closes. */
export interface SettleOptions {
  readonly early: boolean;
  /**
   * The end of day settling day D's maturities (it runs during D+1): the settlement is as of D
   * and its entry carries value date D. Absent, it is the business date, as at the counter.
   */
  readonly asOf?: BusinessDate;
}

export interface TimeDepositView {
  readonly account: SavingsAccountView;
  readonly placements: readonly Placement[];
  readonly receiptNumber?: string;
}

interface Movement {
  readonly account: SavingsAccountRecord;
  readonly operation: Operation;
  readonly amount: Money;
  readonly direction: 'in' | 'out';
}

/**
 * Simpanan berjangka: a placement at the product's rate, fixed for its term, paid at maturity
 * to the member's voluntary savings or rolled over (principal and interest, at the rate then in
 * force), or withdrawn early for the product's penalty and no interest.
 */
@Injectable()
export class TimeDepositService {
  constructor(
    private readonly accounts: SavingsAccountService,
    private readonly posting: PostingService,
    private readonly charts: ChartService,
    private readonly days: BusinessDayService,
    private readonly tills: TillService,
    private readonly audit: AuditLog,
    private readonly accrual: TimeDepositAccrual,
  ) {}

  async place(
    tx: Tx,
    cooperativeId: string,
    tellerId: string,
    request: PlacementRequest,
  ): Promise<TimeDepositView> {
    const product = isUuid(request.productId)
      ? await productBy(tx, cooperativeId, { id: request.productId })
      : undefined;
    if (!product || product.kind !== 'berjangka') {
      throw new NotFoundError('time deposit product', request.productId);
    }
    const terms = product.terms as BerjangkaTerms;
    if (request.currency !== product.currency) {
      throw new InvalidInputError(`${product.code} is kept in ${product.currency}`, [
        { field: 'currency', message: `must be ${product.currency}` },
      ]);
    }
    const amount = Money.parse(request.amount, request.currency, 'amount');
    if (amount.compare(Money.parse(terms.minimumAmount, product.currency)) < 0) {
      throw new InvalidInputError(`A placement is at least ${terms.minimumAmount}`, [
        { field: 'amount', message: `at least ${terms.minimumAmount}` },
      ]);
    }
    // Opening locks the member; their accounts are locked after it, as exit locks them.
    const opened = await this.accounts.open(tx, cooperativeId, request);
    const source = request.fromAccountId
      ? await this.voluntarySource(
          tx,
          cooperativeId,
          request.fromAccountId,
          request.memberId,
          amount,
        )
      : undefined;
    const account = (await accountById(tx, cooperativeId, opened.id, true))!;
    const funding = source
      ? source.ledgerAccountId
      : (await this.tills.requireOpenSession(tx, cooperativeId, tellerId, account.currency))
          .tillAccountId;
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Penempatan simpanan berjangka ${account.accountNumber}`,
      source: { type: 'savings.time-deposit', id: account.id },
      voucherSeries: receiptSeries,
      recordedBy: tellerId,
      postings: [
        { accountId: funding, amount },
        { accountId: account.ledgerAccountId, amount: amount.negated() },
      ],
    });
    await this.record(tx, cooperativeId, entry, tellerId, !source, [
      { account, operation: 'placement', amount, direction: 'in' },
      ...(source
        ? [
            {
              account: source,
              operation: 'transfer-out' as const,
              amount,
              direction: 'out' as const,
            },
          ]
        : []),
    ]);
    const start = entry.postingDate as BusinessDate;
    await insertPlacement(tx, cooperativeId, account.id, {
      placementNo: 1,
      principal: amount.toString(),
      annualRate: terms.annualRate,
      dayCount: 'actual/365',
      termMonths: terms.termMonths,
      startDate: start,
      maturityDate: maturityDate(start, terms.termMonths),
      instruction: terms.maturityInstruction,
    });
    const view = await this.view(tx, cooperativeId, account.id);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'savings.time-deposit.place',
      targetType: 'savings_account',
      targetId: account.id,
      after: view.placements[0],
    });
    return { ...view, receiptNumber: entry.voucher!.number };
  }

  /**
   * At or after maturity: interest for the term, then paid out or rolled over per the placement's
   * instruction. Before maturity only with `early`: principal less the penalty, no interest.
   * `actorId` is null when the end of day settles (no teller).
   */
  async settle(
    tx: Tx,
    cooperativeId: string,
    actorId: string | null,
    accountId: string,
    { early, asOf }: SettleOptions,
  ): Promise<TimeDepositView> {
    const account = isUuid(accountId)
      ? await accountById(tx, cooperativeId, accountId, true)
      : undefined;
    if (!account || account.kind !== 'berjangka')
      throw new NotFoundError('time deposit', accountId);
    requireOpen(account.status, account.accountNumber);
    const running = (await placementsOf(tx, cooperativeId, account.id)).find(
      (p) => p.status === 'running',
    )!;
    const today = asOf ?? (await this.days.enter(tx, cooperativeId, 'shared')).businessDate;
    const matured = today >= running.maturityDate;
    if (!matured && !early) {
      throw new RuleViolationError(
        'not-matured',
        'Not matured',
        `The placement matures on ${running.maturityDate}; withdraw early to end it now`,
        { maturityDate: running.maturityDate },
      );
    }
    const product = (await productBy(tx, cooperativeId, { id: account.productId }))!;
    const terms = product.terms as BerjangkaTerms;
    const principal = Money.parse(running.principal, account.currency);
    const zero = Money.zero(account.currency);
    const interest = matured
      ? periodInterest(
          principal,
          running.annualRate,
          running.dayCount,
          running.startDate as BusinessDate,
          running.maturityDate as BusinessDate,
        )
      : zero;
    const penalty = matured
      ? zero
      : earlyWithdrawalPenalty(principal, terms.earlyWithdrawalPenaltyRate);
    const rollOver = matured && running.instruction === 'roll-over';
    const voluntary = rollOver ? undefined : await this.voluntaryOf(tx, cooperativeId, account);
    const accrual = await this.accrual.closing(
      tx,
      cooperativeId,
      product,
      account.id,
      running,
      today,
      matured,
    );
    const postings: PostingDraft[] = [...accrual.postings];
    const movements: Movement[] = [];
    if (rollOver) {
      postings.push({ accountId: account.ledgerAccountId, amount: interest.negated() });
      movements.push({ account, operation: 'interest', amount: interest, direction: 'in' });
    } else {
      const paid = principal.plus(interest).minus(penalty);
      postings.push(
        { accountId: account.ledgerAccountId, amount: principal },
        { accountId: voluntary!.ledgerAccountId, amount: paid.negated() },
      );
      if (penalty.isPositive()) {
        const income = await this.charts.accountByCode(tx, cooperativeId, '4-1103');
        postings.push({
          accountId: income.id,
          amount: penalty.negated(),
          counterpartyClass: 'member',
        });
      }
      movements.push(
        { account, operation: 'maturity-payout', amount: principal, direction: 'out' },
        { account: voluntary!, operation: 'transfer-in', amount: paid, direction: 'in' },
      );
    }
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `${matured ? 'Jatuh tempo' : 'Pencairan sebelum jatuh tempo'} simpanan berjangka ${account.accountNumber}`,
      source: { type: 'savings.time-deposit', id: account.id },
      valueDate: asOf,
      voucherSeries: receiptSeries,
      recordedBy: actorId ?? undefined,
      postings: postings.filter((p) => !p.amount.isZero()),
    });
    await accrual.record(entry.id);
    await this.record(
      tx,
      cooperativeId,
      entry,
      actorId,
      false,
      movements.filter((m) => m.amount.isPositive()),
    );
    await settlePlacement(tx, cooperativeId, account.id, running.placementNo, {
      status: rollOver ? 'rolled-over' : matured ? 'matured' : 'withdrawn-early',
      settledOn: today,
      interest: interest.toString(),
      penalty: penalty.toString(),
      entryId: entry.id,
    });
    if (rollOver) {
      const start = running.maturityDate as BusinessDate;
      await insertPlacement(tx, cooperativeId, account.id, {
        placementNo: running.placementNo + 1,
        principal: principal.plus(interest).toString(),
        annualRate: terms.annualRate,
        dayCount: running.dayCount,
        termMonths: terms.termMonths,
        startDate: start,
        maturityDate: maturityDate(start, terms.termMonths),
        instruction: running.instruction,
      });
    } else {
      await closeAccount(tx, cooperativeId, account.id, today);
    }
    const view = await this.view(tx, cooperativeId, account.id);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'savings.time-deposit.settle',
      targetType: 'savings_account',
      targetId: account.id,
      before: running,
      after: view.placements,
      actorId: actorId ?? undefined,
    });
    return { ...view, receiptNumber: entry.voucher!.number };
  }

  async view(tx: Tx, cooperativeId: string, accountId: string): Promise<TimeDepositView> {
    const account = await this.accounts.view(tx, cooperativeId, accountId);
    if (account.kind !== 'berjangka') throw new NotFoundError('time deposit', accountId);
    return { account, placements: await placementsOf(tx, cooperativeId, accountId) };
  }

  private async voluntarySource(
    tx: Tx,
    cooperativeId: string,
    accountId: string,
    memberId: string,
    amount: Money,
  ): Promise<SavingsAccountRecord> {
    const source = isUuid(accountId)
      ? await accountById(tx, cooperativeId, accountId, true)
      : undefined;
    if (!source || source.memberId !== memberId || source.kind !== 'sukarela') {
      throw new InvalidInputError('Fund a time deposit from the member’s own voluntary savings', [
        { field: 'fromAccountId', message: "one of the member's sukarela accounts" },
      ]);
    }
    requireOpen(source.status, source.accountNumber);
    const terms = (await productBy(tx, cooperativeId, { id: source.productId }))!
      .terms as SukarelaTerms;
    requireMinimumLeft(
      await owedBalance(tx, cooperativeId, source),
      amount,
      Money.parse(terms.minimumBalance, source.currency),
      source.ledgerAccountId,
    );
    return source;
  }

  private async voluntaryOf(
    tx: Tx,
    cooperativeId: string,
    account: SavingsAccountRecord,
  ): Promise<SavingsAccountRecord> {
    const voluntary = await openVoluntaryAccount(
      tx,
      cooperativeId,
      account.memberId,
      account.currency,
    );
    if (!voluntary) {
      throw new RuleViolationError(
        'no-voluntary-account',
        'No voluntary account',
        `A time deposit pays into the member's voluntary savings: open one first`,
      );
    }
    return voluntary;
  }

  private async record(
    tx: Tx,
    cooperativeId: string,
    entry: { id: string; valueDate: string; voucher: { number: string } | null },
    actorId: string | null,
    cash: boolean,
    movements: readonly Movement[],
  ): Promise<void> {
    for (const [index, movement] of movements.entries()) {
      await recordTransaction(tx, cooperativeId, {
        entryId: entry.id,
        operation: movement.operation,
        savingsAccountId: movement.account.id,
        memberId: movement.account.memberId,
        amount: movement.amount.toString(),
        currency: movement.amount.currency.code,
        direction: movement.direction,
        cash,
        receiptNumber: index === 0 ? entry.voucher!.number : null,
        // The day the money moved: the business date at the counter, D when the end of day
        // settles D's maturities (as its month-end interest is recorded on D).
        businessDate: entry.valueDate,
        tellerId: actorId,
        approvalId: null,
      });
      await touchAccount(tx, cooperativeId, movement.account.id, entry.valueDate);
    }
  }
}
