import type { Money } from '@lumbung/core';
import type { EntryDraft } from '@lumbung/ledger';

/** Chart codes of the vault, the tills' heading and the cash over/short expense (KSP template). */
export const vaultCode = '1-1101';
export const tillHeadingCode = '1-1102';
export const cashDifferenceCode = '5-9101';

interface EntryContext {
  readonly description: string;
  readonly source: { readonly type: string; readonly id: string };
  readonly recordedBy: string;
}

/** Cash between the vault and a till; `intoTill` is negative when the till hands cash back. */
export function vaultTransferEntry(
  accounts: { readonly vaultId: string; readonly tillAccountId: string },
  intoTill: Money,
  context: EntryContext,
): EntryDraft {
  return {
    ...context,
    postings: [
      { accountId: accounts.tillAccountId, amount: intoTill },
      { accountId: accounts.vaultId, amount: intoTill.negated() },
    ],
  };
}

/**
 * Brings the till's book to the cash counted: `difference` is counted minus book, so a shortfall
 * credits the till and debits Selisih Kas, an overage the reverse. The cash is no member's.
 */
export function cashDifferenceEntry(
  accounts: { readonly tillAccountId: string; readonly cashDifferenceId: string },
  difference: Money,
  context: EntryContext,
): EntryDraft {
  return {
    ...context,
    postings: [
      { accountId: accounts.tillAccountId, amount: difference },
      {
        accountId: accounts.cashDifferenceId,
        amount: difference.negated(),
        counterpartyClass: 'non_member',
      },
    ],
  };
}
