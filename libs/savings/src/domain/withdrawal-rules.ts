import { RuleViolationError } from '@lumbung/core';
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
