import { Money } from '@lumbung/core';
import { type LoanGrade, severity } from './collectibility';

/**
 * Where a loan's interest goes (DESIGN.md section 3, Loan interest and penalties): `accruing`
 * into receivable and income day by day; `suspended` once it is non-performing (kept off income,
 * tracked in memorandum when the product says so); `written-off` once it left the books;
 * `closed` once paid off.
 */
export const accrualStatuses = ['accruing', 'suspended', 'written-off', 'closed'] as const;
export type AccrualStatus = (typeof accrualStatuses)[number];

/** Kurang lancar or worse, under either preset (DOMAIN.md Loans). */
export function isNonPerforming(grade: LoanGrade): boolean {
  return severity(grade) >= severity('kurang-lancar');
}

/**
 * What the end of day does to a running loan's accrual given the grade it booked for the day:
 * suspend an accruing loan that is non-performing, resume a suspended one that performs again
 * (lancar, or dalam perhatian khusus under the bank preset), nothing otherwise.
 */
export function accrualTransition(
  suspended: boolean,
  grade: LoanGrade,
): 'suspend' | 'resume' | null {
  const nonPerforming = isNonPerforming(grade);
  if (nonPerforming && !suspended) return 'suspend';
  if (!nonPerforming && suspended) return 'resume';
  return null;
}

/**
 * A loan's interest as its books hold it: accrued and unpaid on balance (its share of the
 * product's interest receivable) and suspended in memorandum (accrued, never income, not yet
 * received).
 */
export interface InterestBalances {
  readonly receivable: Money;
  readonly memorandum: Money;
}

/**
 * How interest a repayment settles on a loan that has ever been suspended is booked:
 * - `memorandum`: suspended interest received, income when received and released from
 *   memorandum; taken first, as the oldest interest;
 * - `receivable`: interest accrued on balance, settled against the receivable;
 * - `cash`: the rest (interest never accrued on balance nor held in memorandum, such as the days
 *   a product without memorandum kept off the books), income when received.
 * A payoff (`closing`) also closes what the loan leaves behind: the receivable it did not settle
 * is taken back from income, the memorandum it did not receive is released.
 */
export interface InterestSplit {
  readonly memorandum: Money;
  readonly receivable: Money;
  readonly cash: Money;
  readonly receivableClosed: Money;
  readonly memorandumClosed: Money;
}

export function splitInterest(
  interest: Money,
  balances: InterestBalances,
  closing: boolean,
): InterestSplit {
  if (interest.isNegative()) throw new RangeError('Interest received cannot be negative');
  const zero = Money.zero(interest.currency);
  const positive = (m: Money) => (m.isPositive() ? m : zero);
  const least = (a: Money, b: Money) => (a.compare(b) <= 0 ? a : b);
  const held = positive(balances.memorandum);
  const due = positive(balances.receivable);
  const memorandum = least(interest, held);
  const receivable = least(interest.minus(memorandum), due);
  const cash = interest.minus(memorandum).minus(receivable);
  return {
    memorandum,
    receivable,
    cash,
    receivableClosed: closing ? due.minus(receivable) : zero,
    memorandumClosed: closing ? held.minus(memorandum) : zero,
  };
}

/**
 * How the penalty part of a repayment on a loan ever suspended is booked, as its interest
 * (`splitInterest`): penalties held in memorandum first, income when received; then the penalty
 * receivable; the rest, penalties kept off the books, straight to income.
 */
export function splitPenalty(
  penalty: Money,
  balances: InterestBalances,
): Pick<InterestSplit, 'memorandum' | 'receivable' | 'cash'> {
  if (penalty.isNegative()) throw new RangeError('A penalty received cannot be negative');
  const { memorandum, receivable, cash } = splitInterest(penalty, balances, false);
  return { memorandum, receivable, cash };
}

/** What a write-off books, all in the loan's currency. */
export interface WriteOffFigures {
  /** Outstanding principal taken off the loan's leaf. */
  readonly principal: Money;
  /** The loan's allowance (its latest provision row) used against it. */
  readonly allowanceUsed: Money;
  /** Principal the allowance did not cover, to expense (negative: allowance released). */
  readonly expense: Money;
  /** Accrued unpaid interest on balance, taken back from income. */
  readonly interestReversed: Money;
  /** Suspended interest closed in memorandum (moved to the written-off claim). */
  readonly memorandumClosed: Money;
  /** Every rupiah of interest accrued and not paid: part of what is written off. */
  readonly interestClaim: Money;
  /** Unpaid penalties taken off their receivable, back from penalty income. */
  readonly penaltyReversed: Money;
  /** Unpaid penalties closed in memorandum (moved to the written-off claim). */
  readonly penaltyMemorandumClosed: Money;
  /** Unpaid penalties a product without memorandum kept off the books: claimed all the same. */
  readonly penaltyOffBooks: Money;
  /** The claim kept in memorandum after the write-off: what recoveries may bring back. */
  readonly writtenOff: Money;
}

export function writeOffFigures(input: {
  readonly principal: Money;
  readonly allowance: Money;
  readonly balances: InterestBalances;
  readonly interestClaim: Money;
  /** Every penalty assessed and unpaid, and where the books hold it. */
  readonly penalty: Money;
  readonly penaltyBalances: InterestBalances;
}): WriteOffFigures {
  const { principal, allowance, balances, interestClaim, penalty, penaltyBalances } = input;
  const zero = Money.zero(principal.currency);
  if (!principal.isPositive()) throw new RangeError('A write-off takes off principal above zero');
  for (const [name, value] of [
    ['allowance', allowance],
    ['receivable', balances.receivable],
    ['memorandum', balances.memorandum],
    ['penalty', penalty],
    ['penalty receivable', penaltyBalances.receivable],
    ['penalty memorandum', penaltyBalances.memorandum],
  ] as const) {
    if (value.isNegative()) throw new RangeError(`A write-off reads a negative ${name}`);
  }
  const held = balances.receivable.plus(balances.memorandum);
  if (interestClaim.compare(held) < 0) {
    throw new RangeError(
      `Interest unpaid ${interestClaim.toString()} is below what the books hold ${held.toString()}`,
    );
  }
  const penaltyOffBooks = penalty
    .minus(penaltyBalances.receivable)
    .minus(penaltyBalances.memorandum);
  if (penaltyOffBooks.isNegative()) {
    throw new RangeError(
      `Penalties unpaid ${penalty.toString()} are below what the books hold of them`,
    );
  }
  return {
    principal,
    allowanceUsed: allowance,
    expense: principal.minus(allowance),
    interestReversed: balances.receivable.isPositive() ? balances.receivable : zero,
    memorandumClosed: balances.memorandum.isPositive() ? balances.memorandum : zero,
    interestClaim,
    penaltyReversed: penaltyBalances.receivable,
    penaltyMemorandumClosed: penaltyBalances.memorandum,
    penaltyOffBooks,
    writtenOff: principal.plus(interestClaim).plus(penalty),
  };
}

/** What recoveries brought back of a written-off claim: those an approval reversed do not count. */
export function recoveredOf(
  currency: string,
  recoveries: readonly { readonly amount: string; readonly reversedOn: string | null }[],
): Money {
  return recoveries
    .filter((r) => r.reversedOn === null)
    .reduce((sum, r) => sum.plus(Money.of(r.amount, currency)), Money.zero(currency));
}

/** What a recovery may still bring back: the written-off claim less what was recovered. */
export function recoverable(writtenOff: Money, recovered: Money): Money {
  return writtenOff.minus(recovered);
}
