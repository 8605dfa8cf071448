import { Decimal } from '@lumbung/core';
import { type LockedBalance, projectBalances } from './balance-projection';

// Debits positive, credits negative: a savings account (credit normal) holding 100 reads -100.
const vault: LockedBalance = {
  accountId: 'vault',
  currency: 'IDR',
  normalSign: 1,
  floor: new Decimal(0),
  balance: new Decimal('500.00'),
  version: 7n,
};
const savings: LockedBalance = {
  accountId: 'savings',
  currency: 'IDR',
  normalSign: -1,
  floor: new Decimal(0),
  balance: new Decimal('-100.00'),
  version: 3n,
};
const equity: LockedBalance = {
  accountId: 'equity',
  currency: 'IDR',
  normalSign: -1,
  floor: null,
  balance: new Decimal(0),
  version: 0n,
};

const locked = (...balances: LockedBalance[]): Map<string, LockedBalance> =>
  new Map(balances.map((b) => [b.accountId, b]));

const entry = (...lines: Array<[string, string]>) => ({
  postings: lines.map(([accountId, amount]) => ({ accountId, amount: new Decimal(amount) })),
});

/** A member withdraws cash: savings debited, vault credited. */
const withdrawal = (amount: string) => entry(['savings', amount], ['vault', `-${amount}`]);

const plain = (map: ReadonlyMap<string, LockedBalance>) =>
  Object.fromEntries([...map].map(([id, b]) => [id, [b.balance.toFixed(2), b.version]]));

describe('projectBalances', () => {
  it('chains balance_after and versions per posting, from the locked row', () => {
    const projection = projectBalances(locked(vault, savings), [withdrawal('30.00')]);
    expect(projection.breaches).toEqual([]);
    expect(
      projection.postings.get(0)!.map((p) => [p.balanceAfter.toFixed(2), p.accountVersion]),
    ).toEqual([
      ['-70.00', 4n],
      ['470.00', 8n],
    ]);
    expect(plain(projection.balances)).toEqual({ savings: ['-70.00', 4n], vault: ['470.00', 8n] });
  });

  it('increments the version once per posting, also for two lines on one account', () => {
    const projection = projectBalances(locked(vault, equity), [
      entry(['vault', '10.00'], ['equity', '-4.00'], ['equity', '-6.00']),
      entry(['vault', '1.00'], ['equity', '-1.00']),
    ]);
    expect(projection.postings.get(0)!.map((p) => p.accountVersion)).toEqual([8n, 1n, 2n]);
    expect(projection.postings.get(1)!.map((p) => p.accountVersion)).toEqual([9n, 3n]);
    expect(plain(projection.balances)).toEqual({ vault: ['511.00', 9n], equity: ['-11.00', 3n] });
  });

  it('allows a withdrawal down to the floor exactly', () => {
    const projection = projectBalances(locked(vault, savings), [withdrawal('100.00')]);
    expect(projection.breaches).toEqual([]);
    expect(projection.balances.get('savings')!.balance.isZero()).toBe(true);
  });

  it('refuses a withdrawal one cent past the floor and names the account and entry', () => {
    const projection = projectBalances(locked(vault, savings), [withdrawal('100.01')]);
    expect(projection.breaches).toHaveLength(1);
    expect(projection.breaches[0]).toMatchObject({ entryIndex: 0, accountId: 'savings' });
    expect(projection.breaches[0].balance.toFixed(2)).toBe('0.01');
    expect(projection.breaches[0].floor.toFixed(2)).toBe('0.00');
    expect(projection.postings.has(0)).toBe(false);
    expect(projection.balances.size).toBe(0);
  });

  it('decides floors entry by entry: a breaching entry leaves no trace for later ones', () => {
    const projection = projectBalances(locked(vault, savings), [
      withdrawal('60.00'),
      withdrawal('50.00'), // would leave -10: refused
      withdrawal('40.00'), // sees 40 left, not -10
    ]);
    expect(projection.breaches.map((b) => b.entryIndex)).toEqual([1]);
    expect([...projection.postings.keys()]).toEqual([0, 2]);
    // Versions continue from the last accepted entry: the refused one used none.
    expect(projection.postings.get(2)!.map((p) => p.accountVersion)).toEqual([5n, 9n]);
    expect(plain(projection.balances)).toEqual({ savings: ['0.00', 5n], vault: ['400.00', 9n] });
  });

  it('checks each line on the balance the earlier lines left, even if the entry nets to a deposit', () => {
    // The database checks posting by posting in version order; the projection must agree with it.
    const projection = projectBalances(locked(vault, savings), [
      entry(['savings', '150.00'], ['savings', '-100.00'], ['vault', '-50.00']),
    ]);
    expect(projection.breaches.map((b) => b.accountId)).toEqual(['savings']);
    expect(projection.balances.size).toBe(0);
  });

  it('welcomes a deposit into an account already below its floor', () => {
    const belowMinimum: LockedBalance = {
      ...savings,
      balance: new Decimal('-20.00'),
      floor: new Decimal('50.00'),
    };
    const projection = projectBalances(locked(vault, belowMinimum), [
      entry(['vault', '10.00'], ['savings', '-10.00']),
    ]);
    expect(projection.breaches).toEqual([]);
    expect(plain(projection.balances).savings).toEqual(['-30.00', 4n]);
    // ...but a withdrawal that stays below the minimum is still refused.
    expect(
      projectBalances(locked(vault, belowMinimum), [withdrawal('0.01')]).breaches,
    ).toHaveLength(1);
  });

  it('holds credit-normal and debit-normal floors on their own side', () => {
    // Paying cash out of an empty vault breaches the vault; crediting savings never does.
    const emptyVault: LockedBalance = { ...vault, balance: new Decimal(0) };
    const projection = projectBalances(locked(emptyVault, savings), [
      entry(['savings', '1.00'], ['vault', '-1.00']),
    ]);
    expect(projection.breaches.map((b) => b.accountId)).toEqual(['vault']);
  });

  it('never holds an account without a floor', () => {
    const projection = projectBalances(locked(vault, equity), [
      entry(['equity', '1000000.00'], ['vault', '-1.00'], ['vault', '-999999.00']),
    ]);
    expect(projection.breaches.map((b) => b.accountId)).toEqual(['vault']);
    const fine = projectBalances(locked(vault, equity), [
      entry(['equity', '99.00'], ['vault', '-99.00']),
    ]);
    expect(fine.breaches).toEqual([]);
    expect(plain(fine.balances).equity).toEqual(['99.00', 1n]);
  });

  it('leaves the locked rows it was given untouched', () => {
    const rows = locked(vault, savings);
    projectBalances(rows, [withdrawal('10.00')]);
    expect(plain(rows)).toEqual({ vault: ['500.00', 7n], savings: ['-100.00', 3n] });
  });

  it('fails loudly for an account that was not locked', () => {
    expect(() => projectBalances(locked(vault), [withdrawal('1.00')])).toThrow(/savings/);
  });
});
