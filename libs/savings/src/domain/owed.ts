import { Money } from '@lumbung/core';

/**
 * Savings are owed to the member: their ledger leaves are credit-normal, so what the member is
 * owed is the ledger's signed balance (debits positive) negated; zero stays "0.00", never "-0.00".
 */
export function owedFrom(balance: string, currency: string): Money {
  return Money.zero(currency).minus(Money.of(balance, currency));
}
