import { findCurrency, InvalidInputError, Money } from '@lumbung/core';
import { denominationsOf } from './denominations';
import type { CountLine } from './till-count';

export const tillSessionStatuses = ['open', 'closing', 'closed'] as const;
/** `closing`: counted, but the count differs from the book and awaits a manager's approval. */
export type TillSessionStatus = (typeof tillSessionStatuses)[number];

export const transferDirections = ['vault-to-till', 'till-to-vault'] as const;
export type TransferDirection = (typeof transferDirections)[number];

/** The teller acting on their own till. */
export interface TillTeller {
  readonly userId: string;
  readonly username: string;
}

export interface TillSession {
  readonly id: string;
  readonly tillId: string;
  readonly tellerId: string;
  readonly tellerUsername: string;
  readonly currency: string;
  /** The till's ledger leaf (under 1-1102 Kas Teller): its balance is the cash the book expects. */
  readonly tillAccountId: string;
  readonly businessDate: string;
  readonly status: TillSessionStatus;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly openingFloat: string;
  readonly cashCount: readonly CountLine[] | null;
  readonly counted: string | null;
  readonly bookBalance: string | null;
  /** counted - book: negative is a shortfall, positive an overage. */
  readonly difference: string | null;
  readonly approvalId: string | null;
}

/** The ledger code of a cooperative's n-th till, e.g. 1-1102-0001. */
export function tillAccountCode(n: number): string {
  return `1-1102-${String(n).padStart(4, '0')}`;
}

/**
 * Tills hold the cooperative's functional currency: the vault (1-1101) and the cash-difference
 * account (5-9101) are kept in it, and cash in another currency needs FX rates the ledger does
 * not have yet. The teller must also be able to count it at the close.
 */
export function checkTillCurrency(currency: unknown, functionalCurrency: string): string {
  const problem = (message: string) =>
    new InvalidInputError('Tills hold the functional currency', [{ field: 'currency', message }]);
  if (typeof currency !== 'string' || !findCurrency(currency)) {
    throw problem('a supported ISO 4217 currency code');
  }
  if (currency !== functionalCurrency || !denominationsOf(currency)) {
    throw problem(`tills of this cooperative hold ${functionalCurrency}`);
  }
  return currency;
}

/** A cash amount the teller typed: a decimal string in the currency's minor units. */
export function cashAmount(
  value: unknown,
  currency: string,
  field: string,
  { zeroAllowed }: { zeroAllowed: boolean },
): Money {
  const amount = Money.parse(value, currency, field);
  if (amount.isNegative() || (!zeroAllowed && amount.isZero())) {
    throw new InvalidInputError(`${field} is out of range`, [
      { field, message: zeroAllowed ? 'must not be negative' : 'must be above zero' },
    ]);
  }
  return amount;
}

export function checkDirection(value: unknown): TransferDirection {
  if (!transferDirections.includes(value as TransferDirection)) {
    throw new InvalidInputError('Unknown transfer direction', [
      { field: 'direction', message: transferDirections.join(' or ') },
    ]);
  }
  return value as TransferDirection;
}
