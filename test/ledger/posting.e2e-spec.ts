import { Decimal, InvalidInputError, Money, ProblemError } from '@lumbung/core';
import type { Cooperative, EntryDraft } from '@lumbung/ledger';
import { ledgerViolations, noViolations } from '../support/invariants';
import { LedgerContext } from '../support/ledger-context';

describe('posting entries', () => {
  let ctx: LedgerContext;
  let coop: Cooperative;
  let vault: string;
  let savings: string;

  beforeAll(async () => {
    ctx = await LedgerContext.start();
    coop = await ctx.cooperative('KSP-POST');
    vault = await ctx.accountId(coop.id, '1-1101');
    savings = await ctx.savingsAccount(coop.id, '2-1-0001');
    const openingEquity = await ctx.accountId(coop.id, '3-3901');
    await ctx.run((tx) =>
      ctx.posting.post(tx, coop.id, ctx.transfer(vault, openingEquity, '10000000.00')),
    );
  });

  afterAll(async () => {
    await ctx.owner(async (owner) =>
      expect(await ledgerViolations(owner, coop.id)).toEqual(noViolations),
    );
    await ctx.close();
  });

  async function entryCount(): Promise<number> {
    return ctx.owner(async (o) =>
      Number((await o.query('SELECT count(*) FROM journal_entry')).rows[0].count),
    );
  }

  async function refused(draft: EntryDraft): Promise<ProblemError> {
    const before = await entryCount();
    const error = await ctx
      .run((tx) => ctx.posting.post(tx, coop.id, draft))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(await entryCount()).toBe(before);
    return error as ProblemError;
  }

  it('posts a balanced entry on the business date and moves both balances', async () => {
    const { entry, replayed } = await ctx.run((tx) =>
      ctx.posting.post(tx, coop.id, ctx.transfer(vault, savings, '250000.00')),
    );
    expect(replayed).toBe(false);
    expect(entry.postingDate).toBe('2026-11-20');
    expect(entry.valueDate).toBe('2026-11-20');
    expect(entry.postings.map((p) => [p.amount, p.accountVersion])).toEqual([
      ['250000.00', '2'],
      ['-250000.00', '1'],
    ]);
    expect(await ctx.balanceOf(coop.id, savings)).toBe('-250000.00');
    expect(await ctx.run((tx) => ctx.queries.entry(tx, coop.id, entry.id))).toEqual(entry);
  });

  it('replays an entry-level idempotency key without moving money', async () => {
    const draft = ctx.transfer(vault, savings, '10.00', { idempotencyKey: 'once-only' });
    const first = await ctx.run((tx) => ctx.posting.post(tx, coop.id, draft));
    const balance = await ctx.balanceOf(coop.id, savings);
    const second = await ctx.run((tx) => ctx.posting.post(tx, coop.id, draft));
    expect(second.replayed).toBe(true);
    expect(second.entry).toEqual(first.entry);
    expect(await ctx.balanceOf(coop.id, savings)).toBe(balance);
  });

  it('posts an atomic batch, or nothing when one entry is bad', async () => {
    const good = [ctx.transfer(vault, savings, '1.00'), ctx.transfer(vault, savings, '2.00')];
    const outcomes = await ctx.run((tx) => ctx.posting.postBatch(tx, coop.id, good));
    expect(outcomes).toHaveLength(2);
    const before = await entryCount();
    const bad = ctx.transfer(savings, vault, '999999999.00');
    const error = await ctx
      .run((tx) => ctx.posting.postBatch(tx, coop.id, [...good, bad]))
      .catch((e: unknown) => e);
    expect((error as ProblemError).slug).toBe('insufficient-funds');
    expect((error as ProblemError).extensions.entryIndex).toBe(2);
    expect(await entryCount()).toBe(before);
  });

  it('refuses unbalanced, empty and one-sided entries', async () => {
    const unbalanced: EntryDraft = {
      description: 'unbalanced',
      source: { type: 'test' },
      postings: [
        { accountId: vault, amount: Money.parse('10.00', 'IDR') },
        { accountId: savings, amount: Money.parse('-9.99', 'IDR') },
      ],
    };
    expect((await refused(unbalanced)).slug).toBe('invalid-input');
    expect((await refused({ ...unbalanced, postings: [] })).slug).toBe('invalid-input');
    const oneSided = await refused({ ...unbalanced, postings: [unbalanced.postings[0]] });
    expect((oneSided as InvalidInputError).errors[0].field).toBe('postings');
    const zero = await refused({
      ...unbalanced,
      postings: [
        { accountId: vault, amount: Money.parse('0', 'IDR') },
        { accountId: savings, amount: Money.parse('0', 'IDR') },
      ],
    });
    expect((zero as InvalidInputError).errors[0].field).toBe('postings[0].amount');
  });

  it('refuses unknown accounts, headings, other currencies and income without a counterparty', async () => {
    const heading = await ctx.accountId(coop.id, '1-11');
    const income = await ctx.accountId(coop.id, '4-1101');
    const unknown = '01890000-0000-7000-8000-000000000000';
    const fields = async (draft: EntryDraft): Promise<string[]> =>
      ((await refused(draft)) as InvalidInputError).errors.map((e) => `${e.field}: ${e.message}`);
    expect(await fields(ctx.transfer(unknown, savings, '1.00'))).toEqual([
      'postings[0].accountId: no such account in this cooperative',
    ]);
    expect(await fields(ctx.transfer(heading, savings, '1.00'))).toEqual([
      'postings[0].accountId: is a heading; postings go to leaf accounts only',
    ]);
    expect(await fields(ctx.transfer(vault, income, '1.00'))).toEqual([
      'postings[1].counterpartyClass: income and expense postings name member, non_member or partner_cooperative',
    ]);
    const usd: EntryDraft = {
      description: 'usd into an IDR account',
      source: { type: 'test' },
      postings: [
        {
          accountId: vault,
          amount: Money.parse('1.00', 'USD'),
          functional: { amount: Money.parse('16000', 'IDR'), fxRate: new Decimal('16000') },
        },
        {
          accountId: savings,
          amount: Money.parse('-1.00', 'USD'),
          functional: { amount: Money.parse('-16000', 'IDR'), fxRate: new Decimal('16000') },
        },
      ],
    };
    expect(await fields(usd)).toEqual([
      'postings[0].currency: the account holds IDR',
      'postings[1].currency: the account holds IDR',
    ]);
  });

  it('refuses a foreign-currency posting without its functional equivalent', async () => {
    const problem = (await refused({
      description: 'usd without rate',
      source: { type: 'test' },
      postings: [
        { accountId: vault, amount: Money.parse('1.00', 'USD') },
        { accountId: savings, amount: Money.parse('-1.00', 'USD') },
      ],
    })) as InvalidInputError;
    expect(problem.errors[0]).toEqual({
      field: 'postings[0].functional',
      message: 'needs the IDR equivalent and the FX rate used',
    });
  });

  it('posts to a foreign-currency leaf with functional amounts that balance', async () => {
    const cashHeading = await ctx.accountId(coop.id, '1-11');
    const usdCash = await ctx.run((tx) =>
      ctx.charts.openLeaf(tx, coop.id, {
        parentId: cashHeading,
        code: '1-1103',
        name: 'Kas USD',
        currency: 'USD',
      }),
    );
    const fxPosition = await ctx.accountId(coop.id, '1-1901');
    const partnerHeading = await ctx.accountId(coop.id, '1-14');
    const usdPosition = await ctx.run((tx) =>
      ctx.charts.openLeaf(tx, coop.id, {
        parentId: partnerHeading,
        code: '1-1401',
        name: 'Posisi USD',
        currency: 'USD',
      }),
    );
    const rate = new Decimal('16250.5');
    const { entry } = await ctx.run((tx) =>
      ctx.posting.post(tx, coop.id, {
        description: 'buy USD 100',
        source: { type: 'test' },
        postings: [
          {
            accountId: usdCash.id,
            amount: Money.parse('100.00', 'USD'),
            functional: { amount: Money.parse('1625050.00', 'IDR'), fxRate: rate },
          },
          {
            accountId: usdPosition.id,
            amount: Money.parse('-100.00', 'USD'),
            functional: { amount: Money.parse('-1625050.00', 'IDR'), fxRate: rate },
          },
          { accountId: fxPosition, amount: Money.parse('1625050.00', 'IDR') },
          { accountId: vault, amount: Money.parse('-1625050.00', 'IDR') },
        ],
      }),
    );
    expect(entry.postings[0]).toMatchObject({
      currency: 'USD',
      amount: '100.00',
      functionalAmount: '1625050.00',
      fxRate: '16250.5',
    });
  });

  it('refuses a withdrawal below the floor and says what is available', async () => {
    const fresh = await ctx.savingsAccount(coop.id, '2-1-0002');
    await ctx.run((tx) => ctx.posting.post(tx, coop.id, ctx.transfer(vault, fresh, '100.00')));
    const problem = await refused(ctx.transfer(fresh, vault, '100.01'));
    expect(problem.slug).toBe('insufficient-funds');
    expect(problem.status).toBe(422);
    expect(problem.extensions).toMatchObject({ accountId: fresh, available: '100.00' });
    await ctx.run((tx) => ctx.posting.post(tx, coop.id, ctx.transfer(fresh, vault, '100.00')));
    expect(await ctx.balanceOf(coop.id, fresh)).toBe('0.00');
  });

  it('refuses a value date in the future', async () => {
    const problem = (await refused(
      ctx.transfer(vault, savings, '1.00', { valueDate: '2026-11-21' as never }),
    )) as InvalidInputError;
    expect(problem.errors[0].field).toBe('valueDate');
  });

  it('reverses an entry once, restoring balances, and never reverses a reversal', async () => {
    const before = await ctx.balanceOf(coop.id, savings);
    const { entry } = await ctx.run((tx) =>
      ctx.posting.post(tx, coop.id, ctx.transfer(vault, savings, '500.00')),
    );
    const reversal = await ctx.run((tx) =>
      ctx.reversals.reverse(tx, coop.id, entry.id, { reason: 'teller keyed the wrong member' }),
    );
    expect(reversal.entry.reversesEntryId).toBe(entry.id);
    expect(reversal.entry.postings.map((p) => p.amount)).toEqual(['-500.00', '500.00']);
    expect(await ctx.balanceOf(coop.id, savings)).toBe(before);
    const again = await ctx
      .run((tx) => ctx.reversals.reverse(tx, coop.id, entry.id, { reason: 'twice' }))
      .catch((e: ProblemError) => e);
    expect(again).toMatchObject({ slug: 'entry-already-reversed', status: 409 });
    const ofReversal = await ctx
      .run((tx) => ctx.reversals.reverse(tx, coop.id, reversal.entry.id, { reason: 'undo' }))
      .catch((e: ProblemError) => e);
    expect(ofReversal).toMatchObject({ slug: 'reversal-not-allowed', status: 422 });
  });

  it('refuses a reversal that would overdraw an account', async () => {
    const member = await ctx.savingsAccount(coop.id, '2-1-0003');
    const deposit = await ctx.run((tx) =>
      ctx.posting.post(tx, coop.id, ctx.transfer(vault, member, '300.00')),
    );
    await ctx.run((tx) => ctx.posting.post(tx, coop.id, ctx.transfer(member, vault, '200.00')));
    const problem = await ctx
      .run((tx) => ctx.reversals.reverse(tx, coop.id, deposit.entry.id, { reason: 'bounced' }))
      .catch((e: ProblemError) => e);
    expect(problem).toMatchObject({ slug: 'insufficient-funds' });
  });

  it('keeps gap-free voucher numbers per series', async () => {
    const drafts = [1, 2, 3].map((i) =>
      ctx.transfer(vault, savings, `${i}.00`, { voucherSeries: 'BKM' }),
    );
    const outcomes = await ctx.run((tx) => ctx.posting.postBatch(tx, coop.id, drafts));
    const more = await ctx.run((tx) =>
      ctx.posting.post(tx, coop.id, ctx.transfer(vault, savings, '4.00', { voucherSeries: 'BKM' })),
    );
    expect([...outcomes, more].map((o) => o.entry.voucher)).toEqual([
      { series: 'BKM', number: '1' },
      { series: 'BKM', number: '2' },
      { series: 'BKM', number: '3' },
      { series: 'BKM', number: '4' },
    ]);
  });

  it('pages a statement by version', async () => {
    const first = await ctx.run((tx) => ctx.queries.statement(tx, coop.id, savings, { limit: 2 }));
    expect(first.lines.map((l) => l.version)).toEqual(['1', '2']);
    const second = await ctx.run((tx) =>
      ctx.queries.statement(tx, coop.id, savings, { after: first.nextCursor!, limit: 2 }),
    );
    expect(second.lines[0].version).toBe('3');
  });

  it('builds a trial balance that sums to zero', async () => {
    const tb = await ctx.run((tx) => ctx.queries.trialBalance(tx, coop.id, '2026-11-20' as never));
    for (const total of tb.totals) expect(total.debit.eq(total.credit)).toBe(true);
    expect(tb.functionalTotal.debit.eq(tb.functionalTotal.credit)).toBe(true);
    const assets = tb.lines.find((l) => l.account.code === '1' && l.currency === 'IDR')!;
    const vaultLine = tb.lines.find((l) => l.account.code === '1-1101')!;
    expect(assets.depth).toBe(0);
    expect(vaultLine.depth).toBe(3);
  });
});
