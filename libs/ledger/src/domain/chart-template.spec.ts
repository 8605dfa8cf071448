import { Decimal } from '@lumbung/core';
import { accountClasses, requiresCounterparty } from './account-class';
import {
  type ChartTemplate,
  kspChartTemplate,
  type TemplateAccount,
  templateInInsertOrder,
} from './chart-template';

const accounts = kspChartTemplate.accounts;
const byKey = new Map(accounts.map((a) => [a.key, a]));

const duplicates = (values: readonly string[]): string[] =>
  values.filter((v, i) => values.indexOf(v) !== i);

describe('the KSP chart template', () => {
  it('has unique keys and unique codes', () => {
    expect(duplicates(accounts.map((a) => a.key))).toEqual([]);
    expect(duplicates(accounts.map((a) => a.code))).toEqual([]);
  });

  it('gives every account a parent that exists and is a heading of the same class', () => {
    const wrong = accounts
      .filter((a) => a.parent !== undefined)
      .filter((a) => {
        const parent = byKey.get(a.parent!);
        return !parent || parent.leaf || parent.class !== a.class;
      })
      .map((a) => a.key);
    expect(wrong).toEqual([]);
  });

  it('roots every class in exactly one top-level heading', () => {
    const roots = accounts.filter((a) => a.parent === undefined);
    expect(roots.every((r) => !r.leaf)).toBe(true);
    expect(roots.map((r) => r.class).sort()).toEqual([...accountClasses].sort());
  });

  it('nests codes under their parent code, so the chart reads as a tree by code', () => {
    const misplaced = accounts
      .filter((a) => a.parent !== undefined && !a.code.startsWith(byKey.get(a.parent)!.code))
      .map((a) => `${a.code} under ${byKey.get(a.parent!)!.code}`);
    expect(misplaced).toEqual([]);
  });

  it('puts floors on leaves only, as non-negative plain decimals, and keeps cash at zero', () => {
    const floored = accounts.filter((a) => a.floor !== undefined);
    expect(floored.every((a) => a.leaf)).toBe(true);
    expect(
      floored.every((a) => /^\d+(\.\d+)?$/.test(a.floor!) && !new Decimal(a.floor!).isNegative()),
    ).toBe(true);
    expect(byKey.get('cash.vault')).toMatchObject({ leaf: true, floor: '0' });
  });

  it('is at version 1 with every account introduced by a version it has reached', () => {
    expect(kspChartTemplate.version).toBe(1);
    expect(accounts.every((a) => a.since >= 1 && a.since <= kspChartTemplate.version)).toBe(true);
  });

  it('has income and expense leaves for the counterparty split and a contra for memorandum', () => {
    const leaves = accounts.filter((a) => a.leaf);
    expect(leaves.some((a) => requiresCounterparty(a.class) && a.class === 'income')).toBe(true);
    expect(leaves.some((a) => requiresCounterparty(a.class) && a.class === 'expense')).toBe(true);
    expect(byKey.get('memo.contra')).toMatchObject({ class: 'memorandum', normalSide: 'credit' });
  });
});

describe('templateInInsertOrder', () => {
  const placesParentsFirst = (ordered: readonly TemplateAccount[]): boolean =>
    ordered.every(
      (a, i) => a.parent === undefined || ordered.findIndex((p) => p.key === a.parent) < i,
    );

  it('keeps the KSP template whole and places parents first', () => {
    const ordered = templateInInsertOrder(kspChartTemplate);
    expect(ordered.map((a) => a.key).sort()).toEqual(accounts.map((a) => a.key).sort());
    expect(placesParentsFirst(ordered)).toBe(true);
  });

  it('places parents first however the template lists them', () => {
    const reversed: ChartTemplate = { ...kspChartTemplate, accounts: [...accounts].reverse() };
    const ordered = templateInInsertOrder(reversed);
    expect(ordered).toHaveLength(accounts.length);
    expect(new Set(ordered.map((a) => a.key)).size).toBe(accounts.length);
    expect(placesParentsFirst(ordered)).toBe(true);
    // The reversed list starts with a leaf: its whole ancestry must come before it.
    expect(ordered.slice(0, 2).map((a) => a.key)).toEqual(['memorandum', 'memo.contra']);
  });

  const template = (...list: TemplateAccount[]): ChartTemplate => ({
    name: 'test',
    version: 1,
    accounts: list,
  });
  const node = (key: string, parent?: string, leaf = false): TemplateAccount => ({
    key,
    code: key,
    name: key,
    class: 'asset',
    parent,
    leaf,
    since: 1,
  });

  it('refuses a parent the template does not have', () => {
    expect(() => templateInInsertOrder(template(node('a'), node('b', 'missing', true)))).toThrow(
      /b has unknown parent missing/,
    );
  });

  it('refuses a cycle instead of looping', () => {
    expect(() => templateInInsertOrder(template(node('a', 'b'), node('b', 'a')))).toThrow(/cycle/);
  });
});
