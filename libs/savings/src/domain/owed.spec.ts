import { owedFrom } from './owed';

describe('what the member is owed', () => {
  it('negates the ledger balance of a credit-normal leaf, without a negative zero', () => {
    expect(owedFrom('-150000.00', 'IDR').toString()).toBe('150000.00');
    expect(owedFrom('0', 'IDR').toString()).toBe('0.00');
    expect(owedFrom('25.5', 'USD').toString()).toBe('-25.50');
  });
});
