import { type BusinessDate, compareDates, Money, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { type PostingDraft, PostingService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import {
  type AccrualStatus,
  accrualTransition,
  type InterestBalances,
  type InterestSplit,
  recoveredOf,
  splitInterest,
  splitPenalty,
} from '../domain/non-accrual';
import type { LoanRecord } from '../infrastructure/loan-store';
import {
  accountIdsByCode,
  everSuspended,
  insertClosingAccrual,
  insertInterestReceipt,
  insertSuspensionEvents,
  interestBalancesOf,
  lockLedgerBalances,
  penaltyBalancesOf,
  recoveriesOf,
  type RecoveryRecord,
  type SuspensionEvent,
  suspendedAmong,
  suspensionCandidates,
  suspensionEventsOf,
  writeOffOf,
  type WriteOffRecord,
} from '../infrastructure/non-accrual-store';
import { loanProductBy, type LoanProductView } from '../infrastructure/product-store';
import { insertAccrualRows } from '../infrastructure/repayment-store';

/**
 * Memorandum leaves of the KSP chart (libs/ledger's template), off the balance sheet: suspended
 * interest and penalties and written-off loans, all against their contra; the income lines
 * suspension takes back from; and the income recoveries go to.
 */
export const nonAccrualCodes = {
  interestIncome: '4-1101',
  penaltyIncome: '4-1103',
  suspendedInterest: '9-1101',
  writtenOff: '9-1102',
  contra: '9-9101',
  recoveries: '4-2102',
} as const;

/** Days of one loan still to accrue, as the accrual computes them (LoanInterest). */
export interface DaysToAccrue {
  readonly loanId: string;
  readonly days: readonly { readonly date: BusinessDate; readonly amount: string }[];
  readonly total: Money;
}

/** A repayment's interest and penalty as they post, and what to record once it is stored. */
export interface InterestSettlement {
  readonly postings: readonly PostingDraft[];
  readonly split: InterestSplit | null;
  record(entryId: string, repaymentId: string): Promise<void>;
}

/** Where a day's late penalties of one loan went, as `loan_penalty.held` records it. */
export type PenaltyHeld =
  | { readonly as: 'receivable' | 'memorandum'; readonly entryId: string }
  | { readonly as: 'off-books' };

/** How a loan's interest stands, as the loan view shows it. */
export interface LoanAccrualView {
  readonly status: AccrualStatus;
  /** The day the status began: the last suspension or resumption, the write-off or the payoff. */
  readonly since: BusinessDate | null;
  /** While suspended: the suspended days go to memorandum. */
  readonly memorandum: boolean | null;
  /** Interest accrued and unpaid on balance (the loan's share of its receivable leaf). */
  readonly receivable: string;
  /** Suspended interest held in memorandum, income only when received. */
  readonly suspendedInterest: string;
  readonly events: readonly SuspensionEvent[];
  readonly writeOff:
    | (WriteOffRecord & {
        readonly recovered: string;
        readonly recoverable: string;
        readonly recoveries: readonly RecoveryRecord[];
      })
    | null;
}

/**
 * Non-accrual of non-performing loans (DESIGN.md section 3, Loan interest and penalties;
 * DOMAIN.md Loans). The end of day of day D suspends the accrual of a running loan whose grade
 * for D is kurang lancar or worse: from D+1 its interest no longer accrues into income. When its
 * product keeps `memorandumOnNonPerforming` (the default), the interest accrued and unpaid on D
 * is taken back from income into memorandum (`9-1101` against `9-9101`) and the suspended days
 * accrue there; otherwise the receivable stays and the suspended days are recorded off the
 * books. Either way each day accrues once, and a period's days sum to its interest whichever
 * side they fell on. A loan graded performing again resumes accruing from the next day; what
 * memorandum holds stays there until it is received. Interest received on a loan ever suspended
 * is income when received: from memorandum first (the oldest interest), then the receivable,
 * then straight to income. Late penalties follow the interest: unpaid ones on the receivable move
 * to memorandum with it, those assessed while suspended go to memorandum or off the books, and
 * penalties received for them are income when received.
 */
@Injectable()
export class InterestSuspension {
  constructor(private readonly posting: PostingService) {}

  /**
   * The end-of-day step for a range of a day's loan chunk, after the day's accrual and grading
   * in the same transaction (which hold the loans' accrual positions): each running loan whose
   * booked grade for D calls for it is suspended or resumed as of D, once. A loan with an event
   * on D or a later day is left alone, so the same date run twice changes nothing. The memorandum
   * move posts one summary entry per product, valued D.
   */
  async closeRange(
    tx: Tx,
    cooperativeId: string,
    date: BusinessDate,
    range: { fromId: string; toId: string },
  ): Promise<{ suspended: number; resumed: number }> {
    const candidates = await suspensionCandidates(tx, cooperativeId, date, range);
    const byProduct = new Map<string, SuspensionEvent[]>();
    let suspended = 0;
    let resumed = 0;
    for (const loan of candidates) {
      if (loan.latest && compareDates(loan.latest.on, date) >= 0) continue;
      const action = accrualTransition(loan.latest?.action === 'suspend', loan.grade);
      if (action === null) continue;
      const product = (await loanProductBy(tx, cooperativeId, { id: loan.productId }))!;
      const memorandum = keepsMemorandum(product);
      let reversed = Money.zero(loan.currency);
      let penaltyReversed = Money.zero(loan.currency);
      if (action === 'suspend' && memorandum) {
        const { receivable } = await this.balances(tx, cooperativeId, loan.loanId, loan.currency);
        if (receivable.isPositive()) reversed = receivable;
        const penalties = await this.penaltyBalances(tx, cooperativeId, loan.loanId, loan.currency);
        if (penalties.receivable.isPositive()) penaltyReversed = penalties.receivable;
      }
      const events = byProduct.get(loan.productId) ?? [];
      events.push({
        loanId: loan.loanId,
        on: date,
        action,
        grade: loan.grade,
        memorandum,
        reversed: reversed.toString(),
        penaltyReversed: penaltyReversed.toString(),
        entryId: null,
      });
      byProduct.set(loan.productId, events);
      if (action === 'suspend') suspended += 1;
      else resumed += 1;
    }
    for (const productId of [...byProduct.keys()].sort()) {
      const events = byProduct.get(productId)!;
      const product = (await loanProductBy(tx, cooperativeId, { id: productId }))!;
      const sum = (of: (e: SuspensionEvent) => string) =>
        events.reduce(
          (total, e) => total.plus(Money.of(of(e), product.currency)),
          Money.zero(product.currency),
        );
      const interest = sum((e) => e.reversed);
      const penalties = sum((e) => e.penaltyReversed);
      const total = interest.plus(penalties);
      let entryId: string | null = null;
      if (!total.isZero()) {
        const accounts = await this.accounts(tx, cooperativeId);
        const postings: PostingDraft[] = [
          { accountId: accounts.interestIncome, amount: interest, counterpartyClass: 'member' },
          { accountId: product.interestReceivableAccountId, amount: interest.negated() },
          { accountId: accounts.penaltyIncome, amount: penalties, counterpartyClass: 'member' },
          { accountId: product.penaltyReceivableAccountId, amount: penalties.negated() },
          { accountId: accounts.suspendedInterest, amount: total },
          { accountId: accounts.contra, amount: total.negated() },
        ];
        const { entry } = await this.posting.post(tx, cooperativeId, {
          description: `Jasa pinjaman ${product.code} ke rekening administratif ${date}`,
          source: { type: 'loans.interest-suspension', id: product.id },
          valueDate: date,
          postings: postings.filter((p) => !p.amount.isZero()),
        });
        entryId = entry.id;
      }
      await insertSuspensionEvents(
        tx,
        cooperativeId,
        events.map((e) => ({
          ...e,
          entryId: Money.of(e.reversed, product.currency)
            .plus(Money.of(e.penaltyReversed, product.currency))
            .isZero()
            ? null
            : entryId,
        })),
      );
    }
    return { suspended, resumed };
  }

  /** Which of these loans accrue suspended, and whether into memorandum. */
  suspendedAmong(
    tx: Tx,
    cooperativeId: string,
    loanIds: readonly string[],
  ): Promise<Map<string, { memorandum: boolean }>> {
    return suspendedAmong(tx, cooperativeId, loanIds);
  }

  /**
   * Records the days of suspended loans of one product (kind `suspended`), the memorandum ones
   * against one summary entry valued `date` (Dr `9-1101`, Cr `9-9101`); the others off the books.
   */
  async accrueSuspended(
    tx: Tx,
    cooperativeId: string,
    product: LoanProductView,
    date: BusinessDate,
    accruals: readonly DaysToAccrue[],
    memorandumOf: ReadonlyMap<string, { memorandum: boolean }>,
    description: string,
  ): Promise<void> {
    const rows = (keep: boolean) =>
      accruals
        .filter((a) => memorandumOf.get(a.loanId)?.memorandum === keep)
        .flatMap((a) => a.days.map((day) => ({ loanId: a.loanId, ...day })));
    const inMemorandum = accruals.filter((a) => memorandumOf.get(a.loanId)?.memorandum === true);
    const total = inMemorandum.reduce((sum, a) => sum.plus(a.total), Money.zero(product.currency));
    let entryId: string | null = null;
    if (!total.isZero()) {
      const accounts = await this.accounts(tx, cooperativeId);
      const { entry } = await this.posting.post(tx, cooperativeId, {
        description,
        source: { type: 'loans.accrual.suspended', id: product.id },
        valueDate: date,
        postings: [
          { accountId: accounts.suspendedInterest, amount: total },
          { accountId: accounts.contra, amount: total.negated() },
        ],
      });
      entryId = entry.id;
    }
    await insertAccrualRows(tx, cooperativeId, rows(true), entryId, 'suspended');
    await insertAccrualRows(tx, cooperativeId, rows(false), null, 'suspended');
  }

  /**
   * Where late penalties assessed on `date` go while the loan's accrual stands suspended: into
   * memorandum (Dr `9-1101`, Cr `9-9101`, one entry valued `date`) when the suspension keeps it,
   * else off the books; never to income, which takes them when they are received.
   */
  async holdSuspendedPenalties(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    date: BusinessDate,
    total: Money,
    { memorandum }: { memorandum: boolean },
  ): Promise<PenaltyHeld> {
    if (!memorandum) return { as: 'off-books' };
    const accounts = await this.accounts(tx, cooperativeId);
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Denda pinjaman ${loan.loanNumber} dalam penyelesaian ${date}`,
      source: { type: 'loans.penalty.suspended', id: loan.id },
      valueDate: date,
      postings: [
        { accountId: accounts.suspendedInterest, amount: total },
        { accountId: accounts.contra, amount: total.negated() },
      ],
    });
    return { as: 'memorandum', entryId: entry.id };
  }

  /**
   * Interest and penalty income and the memorandum leaves locked in account order: every
   * transaction that may post to them in several entries (a loan chunk of the end of day; a
   * repayment, payoff or write-off of a loan ever suspended) takes them first, so two never wait
   * on each other in opposite orders.
   */
  async lockIncomeAndMemorandum(tx: Tx, cooperativeId: string): Promise<void> {
    const accounts = await this.accounts(tx, cooperativeId);
    await lockLedgerBalances(tx, cooperativeId, [
      accounts.interestIncome,
      accounts.penaltyIncome,
      accounts.suspendedInterest,
      accounts.contra,
    ]);
  }

  /** Whether the loan's accrual was ever suspended (its interest then settles by the split). */
  everSuspended(tx: Tx, cooperativeId: string, loanId: string): Promise<boolean> {
    return everSuspended(tx, cooperativeId, loanId);
  }

  async balances(
    tx: Tx,
    cooperativeId: string,
    loanId: string,
    currency: string,
  ): Promise<InterestBalances> {
    const row = await interestBalancesOf(tx, cooperativeId, loanId);
    return {
      receivable: Money.of(row.receivable, currency),
      memorandum: Money.of(row.memorandum, currency),
    };
  }

  /** The loan's unpaid penalties on the receivable and in memorandum (`penaltyBalancesOf`). */
  async penaltyBalances(
    tx: Tx,
    cooperativeId: string,
    loanId: string,
    currency: string,
  ): Promise<InterestBalances> {
    const row = await penaltyBalancesOf(tx, cooperativeId, loanId);
    return {
      receivable: Money.of(row.receivable, currency),
      memorandum: Money.of(row.memorandum, currency),
    };
  }

  /**
   * The postings for the interest and penalty a repayment settles. A loan never suspended settles it against
   * the receivable, as always. A loan ever suspended splits it (`splitInterest`): memorandum
   * received and interest never accrued are income now, the receivable is settled for the rest;
   * a payoff (`closing`) also takes back the receivable and releases the memorandum it leaves,
   * its final adjustment (a `closing` accrual row for the receivable). Its penalty part splits
   * likewise (`splitPenalty`): memorandum released to penalty income, the receivable settled, the
   * rest income. All in the repayment's entry; `record` stores the split once the repayment has
   * its id.
   */
  async settlement(
    tx: Tx,
    cooperativeId: string,
    loan: LoanRecord,
    product: LoanProductView,
    day: BusinessDate,
    { interest, penalty }: { interest: Money; penalty: Money },
    { closing }: { closing: boolean },
    dimensions: { sector: string; commodity?: string },
  ): Promise<InterestSettlement> {
    const plain: InterestSettlement = {
      postings: [
        { accountId: product.interestReceivableAccountId, amount: interest.negated() },
        { accountId: product.penaltyReceivableAccountId, amount: penalty.negated() },
      ].filter((p) => !p.amount.isZero()),
      split: null,
      record: async () => {},
    };
    if (!(await everSuspended(tx, cooperativeId, loan.id))) return plain;
    const balances = await this.balances(tx, cooperativeId, loan.id, loan.currency);
    const split = splitInterest(interest, balances, closing);
    const penalties = splitPenalty(
      penalty,
      await this.penaltyBalances(tx, cooperativeId, loan.id, loan.currency),
    );
    const accounts = await this.accounts(tx, cooperativeId);
    const income = split.memorandum.plus(split.cash).minus(split.receivableClosed);
    const penaltyIncome = penalties.memorandum.plus(penalties.cash);
    const released = split.memorandum.plus(split.memorandumClosed).plus(penalties.memorandum);
    const postings: PostingDraft[] = [
      { accountId: product.penaltyReceivableAccountId, amount: penalties.receivable.negated() },
      {
        accountId: accounts.penaltyIncome,
        amount: penaltyIncome.negated(),
        counterpartyClass: 'member',
        dimensions,
      },
      {
        accountId: product.interestReceivableAccountId,
        amount: split.receivable.plus(split.receivableClosed).negated(),
      },
      {
        accountId: accounts.interestIncome,
        amount: income.negated(),
        counterpartyClass: 'member',
        dimensions,
      },
      { accountId: accounts.contra, amount: released },
      { accountId: accounts.suspendedInterest, amount: released.negated() },
    ];
    return {
      postings: postings.filter((p) => !p.amount.isZero()),
      split,
      record: async (entryId, repaymentId) => {
        await insertInterestReceipt(tx, cooperativeId, {
          repaymentId,
          loanId: loan.id,
          memorandum: split.memorandum.toString(),
          receivable: split.receivable.toString(),
          cash: split.cash.toString(),
          memorandumClosed: split.memorandumClosed.toString(),
          penaltyMemorandum: penalties.memorandum.toString(),
          penaltyCash: penalties.cash.toString(),
          entryId,
        });
        if (!split.receivableClosed.isZero()) {
          await insertClosingAccrual(
            tx,
            cooperativeId,
            loan.id,
            day,
            split.receivableClosed.negated().toString(),
            entryId,
          );
        }
      },
    };
  }

  /** The loan's accrual status, its interest on balance and in memorandum, and its history. */
  async view(tx: Tx, cooperativeId: string, loan: LoanRecord): Promise<LoanAccrualView | null> {
    if (loan.disbursedOn === null) return null;
    const events = await suspensionEventsOf(tx, cooperativeId, loan.id);
    const balances = await this.balances(tx, cooperativeId, loan.id, loan.currency);
    const last = events[events.length - 1];
    const writeOff =
      loan.status === 'written-off' ? await writeOffOf(tx, cooperativeId, loan.id) : undefined;
    let status: AccrualStatus = last?.action === 'suspend' ? 'suspended' : 'accruing';
    let since: BusinessDate | null = last?.on ?? loan.disbursedOn;
    if (loan.status === 'closed') [status, since] = ['closed', loan.closedOn];
    if (writeOff) [status, since] = ['written-off', writeOff.writtenOffOn];
    let written: LoanAccrualView['writeOff'] = null;
    if (writeOff) {
      const recoveries = await recoveriesOf(tx, cooperativeId, loan.id);
      const recovered = recoveredOf(loan.currency, recoveries);
      written = {
        ...writeOff,
        recovered: recovered.toString(),
        recoverable: Money.of(writeOff.writtenOff, loan.currency).minus(recovered).toString(),
        recoveries,
      };
    }
    return {
      status,
      since,
      memorandum: status === 'suspended' ? last.memorandum : null,
      receivable: balances.receivable.toString(),
      suspendedInterest: balances.memorandum.toString(),
      events,
      writeOff: written,
    };
  }

  /** The chart's leaves this uses, by their template codes. */
  async accounts(
    tx: Tx,
    cooperativeId: string,
  ): Promise<Record<keyof typeof nonAccrualCodes, string>> {
    const ids = await accountIdsByCode(tx, cooperativeId, Object.values(nonAccrualCodes));
    const id = (code: string) => {
      const found = ids.get(code);
      if (!found) throw new NotFoundError('Account', code);
      return found;
    };
    return {
      interestIncome: id(nonAccrualCodes.interestIncome),
      penaltyIncome: id(nonAccrualCodes.penaltyIncome),
      suspendedInterest: id(nonAccrualCodes.suspendedInterest),
      writtenOff: id(nonAccrualCodes.writtenOff),
      contra: id(nonAccrualCodes.contra),
      recoveries: id(nonAccrualCodes.recoveries),
    };
  }
}

/** The product keeps suspended interest in memorandum (DOMAIN.md: on by default). */
export function keepsMemorandum(product: LoanProductView): boolean {
  return product.terms.memorandumOnNonPerforming !== false;
}
