export const accountClasses = [
  'asset',
  'liability',
  'equity',
  'income',
  'expense',
  'memorandum',
] as const;
export type AccountClass = (typeof accountClasses)[number];
export type NormalSide = 'debit' | 'credit';

/** Debits are positive amounts, credits negative; a balance on its normal side reads positive. */
export function normalSign(side: NormalSide): 1 | -1 {
  return side === 'debit' ? 1 : -1;
}

export function defaultNormalSide(accountClass: AccountClass): NormalSide {
  return accountClass === 'asset' || accountClass === 'expense' || accountClass === 'memorandum'
    ? 'debit'
    : 'credit';
}

/** Income and expense lines are tagged member or non-member: SHU from non-members is not shared. */
export function requiresCounterparty(accountClass: AccountClass): boolean {
  return accountClass === 'income' || accountClass === 'expense';
}

export const counterpartyClasses = ['member', 'non_member', 'partner_cooperative'] as const;
export type CounterpartyClass = (typeof counterpartyClasses)[number];

export type AccountHolder = 'general' | 'member';
