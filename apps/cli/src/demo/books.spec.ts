import { Decimal, isValidTimeZone, Money } from '@lumbung/core';
import { kspChartTemplate } from '@lumbung/ledger';
import { demoFederation } from '../federation';
import { demoBooks, demoIdempotencyKey, memberSavingsHeading } from './books';

const template = new Map(kspChartTemplate.accounts.map((a) => [a.code, a]));

describe('the demo federation', () => {
  it('has the four cooperatives of the design, each in its own functional currency', () => {
    expect(
      demoFederation.map((c) => [c.code, c.country, c.timeZone, c.functionalCurrency]),
    ).toEqual([
      ['KSP-KUPANG', 'ID', 'Asia/Makassar', 'IDR'],
      ['KSP-MAKASSAR', 'ID', 'Asia/Makassar', 'IDR'],
      ['KOP-DILI', 'TL', 'Asia/Dili', 'USD'],
      ['RPB-SABAH', 'MY', 'Asia/Kuching', 'MYR'],
    ]);
    for (const c of demoFederation) {
      expect(c.code).toMatch(/^[A-Z0-9][A-Z0-9-]{1,31}$/);
      expect(isValidTimeZone(c.timeZone)).toBe(true);
      expect(c.name.length).toBeLessThanOrEqual(200);
    }
  });
});

describe.each(demoBooks)('the demo book of $cooperative', (book) => {
  const cooperative = demoFederation.find((c) => c.code === book.cooperative)!;
  const members = new Set(book.memberAccounts.map((m) => m.code));

  it('belongs to a seeded cooperative', () => {
    expect(cooperative).toBeDefined();
  });

  it('opens member accounts under the savings heading with unique codes', () => {
    expect(template.get(memberSavingsHeading)).toMatchObject({ leaf: false, class: 'liability' });
    expect(members.size).toBe(book.memberAccounts.length);
    for (const code of members) expect(template.has(code)).toBe(false);
  });

  it('posts only to leaves, tags income and expense lines, and balances every entry', () => {
    for (const entry of book.entries) {
      let net = Money.zero(cooperative.functionalCurrency);
      for (const line of entry.lines) {
        const leaf = template.get(line.account);
        expect(members.has(line.account) || leaf?.leaf === true).toBe(true);
        const pnl = leaf?.class === 'income' || leaf?.class === 'expense';
        expect(line.counterparty !== undefined).toBe(pnl);
        const amount = Money.parse(line.amount, cooperative.functionalCurrency);
        expect(amount.isPositive()).toBe(true);
        net = line.side === 'debit' ? net.plus(amount) : net.minus(amount);
      }
      expect(net.isZero()).toBe(true);
      expect(entry.description.length).toBeLessThanOrEqual(500);
    }
  });

  it('never takes the vault or a member account below zero, in the order it posts', () => {
    const floored = new Set(['1-1101', ...members]);
    const balances = new Map<string, Decimal>();
    for (const entry of book.entries) {
      for (const line of entry.lines) {
        const sign = line.side === 'debit' ? 1 : -1;
        const normal = template.get(line.account)?.class === 'asset' ? 1 : -1;
        const next = (balances.get(line.account) ?? new Decimal(0)).plus(
          new Decimal(line.amount).times(sign * normal),
        );
        balances.set(line.account, next);
        if (floored.has(line.account)) expect(next.isNegative()).toBe(false);
      }
    }
  });

  it('keys each entry once', () => {
    const keys = book.entries.map((_, i) => demoIdempotencyKey(book.cooperative, i));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[0]).toBe(`demo:${book.cooperative}:1`);
  });
});
