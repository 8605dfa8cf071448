import { Money, RuleViolationError } from '@lumbung/core';
import type { ProductKind } from './product-terms';

export type AccountStatus = 'open' | 'dormant' | 'closed';

/** Refuses any movement on an account that is not open: dormant ones are reactivated first. */
export function requireOpen(status: AccountStatus, accountNumber: string): void {
  if (status === 'open') return;
  throw new RuleViolationError(
    status === 'dormant' ? 'account-dormant' : 'account-closed',
    status === 'dormant' ? 'Account dormant' : 'Account closed',
    status === 'dormant'
      ? `Account ${accountNumber} is dormant: reactivate it before moving money`
      : `Account ${accountNumber} is closed`,
    { field: 'accountId' },
  );
}

/**
 * Simpanan pokok and wajib are the members' capital: not withdrawn while one is a member
 * (DOMAIN.md), only repaid on exit or death.
 */
export function requireWithdrawable(kind: ProductKind, accountNumber: string): void {
  if (kind === 'sukarela') return;
  throw new RuleViolationError(
    'withdrawal-not-allowed',
    'Withdrawal not allowed',
    kind === 'berjangka'
      ? `Account ${accountNumber} is a time deposit: it pays out at maturity or by early withdrawal`
      : `Simpanan ${kind} (account ${accountNumber}) is not withdrawn while the member is a member; it is repaid on exit`,
    { field: 'accountId' },
  );
}

/**
 * A voluntary account keeps its product's minimum balance while it is open; the answer names
 * what may still go, like the ledger's own floor refusal.
 */
export function requireMinimumLeft(
  balance: Money,
  withdrawal: Money,
  minimum: Money,
  ledgerAccountId: string,
): void {
  const available = balance.minus(minimum);
  if (withdrawal.compare(available) <= 0) return;
  throw new RuleViolationError(
    'insufficient-funds',
    'Insufficient funds',
    `The withdrawal would leave less than the minimum balance of ${minimum.toString()}`,
    {
      accountId: ledgerAccountId,
      available: (available.isNegative() ? Money.zero(balance.currency) : available).toString(),
    },
  );
}
