import { InvalidInputError, NotFoundError } from '@lumbung/core';
import {
  type ChartTemplate,
  type Cooperative,
  kspChartTemplate,
  type TemplateAccount,
} from '@lumbung/ledger';
import { LedgerContext } from '../support/ledger-context';

/** A later template version: a leaf under an existing heading, and a new heading with a leaf. */
const added: TemplateAccount[] = [
  {
    key: 'receivables.other',
    code: '1-1801',
    name: 'Piutang Lain-lain',
    class: 'asset',
    parent: 'receivables',
    leaf: true,
    since: 2,
  },
  {
    key: 'bank.savings',
    code: '1-1202',
    name: 'Rekening Tabungan Bank',
    class: 'asset',
    parent: 'bank',
    leaf: true,
    floor: '0',
    since: 2,
  },
  {
    key: 'receivables',
    code: '1-18',
    name: 'Piutang Lain',
    class: 'asset',
    parent: 'assets.current',
    leaf: false,
    since: 2,
  },
];
// The child is listed before its new heading on purpose: order in the template must not matter.
const version2: ChartTemplate = {
  ...kspChartTemplate,
  version: 2,
  accounts: [...kspChartTemplate.accounts, ...added],
};

interface AccountRow {
  code: string;
  is_leaf: boolean;
  currency: string | null;
  template_key: string | null;
  parent_code: string | null;
  floor: string | null;
  has_balance: boolean;
}

describe('chart of accounts', () => {
  let ctx: LedgerContext;
  let coop: Cooperative;

  beforeAll(async () => {
    ctx = await LedgerContext.start();
    coop = await ctx.cooperative('KSP-CHART');
  });

  afterAll(async () => {
    await ctx.close();
  });

  const accounts = (cooperativeId = coop.id): Promise<AccountRow[]> =>
    ctx.owner(
      async (o) =>
        (
          await o.query<AccountRow>(
            `SELECT a.code, a.is_leaf, a.currency, a.template_key, p.code AS parent_code,
                    b.floor::text AS floor, b.account_id IS NOT NULL AS has_balance
               FROM account a
               LEFT JOIN account p ON p.cooperative_id = a.cooperative_id AND p.id = a.parent_id
               LEFT JOIN ledger_balance b ON b.cooperative_id = a.cooperative_id AND b.account_id = a.id
              WHERE a.cooperative_id = $1 ORDER BY a.code`,
            [cooperativeId],
          )
        ).rows,
    );

  const chartVersion = (cooperativeId = coop.id): Promise<number> =>
    ctx.owner(
      async (o) =>
        (await o.query(`SELECT chart_version FROM cooperative WHERE id = $1`, [cooperativeId]))
          .rows[0].chart_version,
    );

  const upgradeAudits = (): Promise<unknown[]> =>
    ctx.owner(
      async (o) =>
        (
          await o.query(
            `SELECT before, after FROM audit_log
              WHERE cooperative_id = $1 AND action = 'ledger.chart.upgrade' ORDER BY occurred_at`,
            [coop.id],
          )
        ).rows,
    );

  it('applies the KSP template at creation: every heading and leaf, each leaf with a balance', async () => {
    const rows = await accounts();
    const byKey = new Map(kspChartTemplate.accounts.map((a) => [a.key, a]));
    expect(rows.map((r) => r.template_key).sort()).toEqual([...byKey.keys()].sort());
    for (const row of rows) {
      const template = byKey.get(row.template_key!)!;
      const parentCode = template.parent ? byKey.get(template.parent)!.code : null;
      expect(row).toEqual({
        code: template.code,
        is_leaf: template.leaf,
        currency: template.leaf ? 'IDR' : null,
        template_key: template.key,
        parent_code: parentCode,
        floor: template.floor ?? null,
        has_balance: template.leaf,
      });
    }
    expect(coop.chart).toEqual({ template: 'ksp', version: 1 });
    expect(await chartVersion()).toBe(1);
  });

  it('adds nothing when the same template is applied again', async () => {
    const before = await accounts();
    const audits = (await upgradeAudits()).length;
    const upgrade = await ctx.run((tx) => ctx.charts.applyTemplate(tx, coop.id, kspChartTemplate));
    expect(upgrade).toEqual({ cooperativeId: coop.id, fromVersion: 1, toVersion: 1, added: 0 });
    expect(await accounts()).toEqual(before);
    expect(await upgradeAudits()).toHaveLength(audits);
  });

  it('adds exactly the accounts of a later version to an existing cooperative, once', async () => {
    const before = await accounts();
    const upgrade = await ctx.run((tx) => ctx.charts.applyTemplate(tx, coop.id, version2));
    expect(upgrade).toEqual({ cooperativeId: coop.id, fromVersion: 1, toVersion: 2, added: 3 });
    expect(await chartVersion()).toBe(2);

    const after = await accounts();
    const beforeCodes = new Set(before.map((r) => r.code));
    expect(after.filter((r) => beforeCodes.has(r.code))).toEqual(before);
    expect(after.filter((r) => !beforeCodes.has(r.code))).toEqual([
      {
        code: '1-1202',
        is_leaf: true,
        currency: 'IDR',
        template_key: 'bank.savings',
        parent_code: '1-12',
        floor: '0',
        has_balance: true,
      },
      {
        code: '1-18',
        is_leaf: false,
        currency: null,
        template_key: 'receivables',
        parent_code: '1-1',
        floor: null,
        has_balance: false,
      },
      {
        code: '1-1801',
        is_leaf: true,
        currency: 'IDR',
        template_key: 'receivables.other',
        parent_code: '1-18',
        floor: null,
        has_balance: true,
      },
    ]);
    // Creation recorded the upgrade from 0 to 1; this one is the only other.
    const audits = (await upgradeAudits()) as Array<{
      before: unknown;
      after: { added: string[] };
    }>;
    expect(audits).toHaveLength(2);
    expect(audits[1].before).toEqual({ version: 1 });
    expect(audits[1].after.added.sort()).toEqual(added.map((a) => a.key).sort());

    const again = await ctx.run((tx) => ctx.charts.applyTemplate(tx, coop.id, version2));
    expect(again).toMatchObject({ fromVersion: 2, toVersion: 2, added: 0 });
    expect(await accounts()).toEqual(after);
    const older = await ctx.run((tx) => ctx.charts.applyTemplate(tx, coop.id, kspChartTemplate));
    expect(older).toMatchObject({ fromVersion: 2, toVersion: 2, added: 0 });
    expect(await chartVersion()).toBe(2);
  });

  it('posts to an upgraded leaf like to any other', async () => {
    const bankSavings = await ctx.accountId(coop.id, '1-1202');
    const equity = await ctx.accountId(coop.id, '3-3901');
    await ctx.run((tx) =>
      ctx.posting.post(tx, coop.id, ctx.transfer(bankSavings, equity, '10.00')),
    );
    expect(await ctx.balanceOf(coop.id, bankSavings)).toBe('10.00');
  });

  it('leaves other cooperatives at their own version', async () => {
    const other = await ctx.cooperative('KSP-CHART-2');
    expect(await chartVersion(other.id)).toBe(1);
    expect((await accounts(other.id)).some((r) => r.code === '1-1801')).toBe(false);
  });

  describe('opening a leaf', () => {
    const open = (parentCode: string, currency: string, code: string) =>
      ctx.run(async (tx) =>
        ctx.charts.openLeaf(tx, coop.id, {
          parentId: (await ctx.charts.accountByCode(tx, coop.id, parentCode)).id,
          code,
          name: `Account ${code}`,
          currency,
        }),
      );

    it('opens a leaf in any known currency under a heading, with a balance row', async () => {
      const leaf = await open('1-11', 'USD', '1-1103');
      expect(leaf).toMatchObject({
        class: 'asset',
        normalSide: 'debit',
        isLeaf: true,
        currency: 'USD',
      });
      const row = (await accounts()).find((r) => r.code === '1-1103');
      expect(row).toMatchObject({ parent_code: '1-11', currency: 'USD', has_balance: true });
    });

    it('refuses a leaf as parent', async () => {
      const error = await open('1-1101', 'IDR', '1-1101-01').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).errors).toEqual([
        { field: 'parentId', message: 'must be a heading, not a leaf' },
      ]);
    });

    it('refuses an unknown currency and an unknown parent', async () => {
      const currency = await open('1-11', 'XAU', '1-1104').catch((e: unknown) => e);
      expect(currency).toBeInstanceOf(InvalidInputError);
      expect((currency as InvalidInputError).errors[0].field).toBe('currency');
      const parent = await ctx
        .run((tx) =>
          ctx.charts.openLeaf(tx, coop.id, {
            parentId: '01890000-0000-7000-8000-000000000000',
            code: '1-1105',
            name: 'orphan',
            currency: 'IDR',
          }),
        )
        .catch((e: unknown) => e);
      expect(parent).toBeInstanceOf(NotFoundError);
      const codes = (await accounts()).map((r) => r.code);
      expect(codes.filter((c) => ['1-1101-01', '1-1104', '1-1105'].includes(c))).toEqual([]);
    });
  });
});
