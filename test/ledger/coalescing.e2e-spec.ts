import { ProblemError } from '@lumbung/core';
import { CoalescingWriter, type Cooperative, type PostingOutcome } from '@lumbung/ledger';
import { ledgerViolations, noViolations } from '../support/invariants';
import { LedgerContext } from '../support/ledger-context';

/** Coalesced requests: independent postings gathered into shared calls, each with its own outcome. */
describe('coalescing writer', () => {
  let ctx: LedgerContext;
  let coop: Cooperative;
  let vault: string;
  let writer: CoalescingWriter;

  beforeAll(async () => {
    ctx = await LedgerContext.start();
    coop = await ctx.cooperative('KSP-COAL');
    vault = await ctx.accountId(coop.id, '1-1101');
    const equity = await ctx.accountId(coop.id, '3-3901');
    await ctx.run((tx) => ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, '1000000.00')));
    writer = ctx.module.get(CoalescingWriter);
  });

  afterAll(async () => {
    await ctx.owner(async (owner) =>
      expect(await ledgerViolations(owner, coop.id)).toEqual(noViolations),
    );
    await ctx.close();
  });

  const settled = (promises: Array<Promise<PostingOutcome>>) => Promise.allSettled(promises);
  const slugs = (results: PromiseSettledResult<PostingOutcome>[]) =>
    results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as ProblemError).slug] : []));

  async function funded(code: string, amount: string): Promise<string> {
    const account = await ctx.savingsAccount(coop.id, code);
    await writer.submit(coop.id, ctx.transfer(vault, account, amount));
    return account;
  }

  async function callsFor(source: string): Promise<number> {
    // Entries of one call share their transaction id.
    return ctx.owner(async (o) =>
      Number(
        (
          await o.query(
            `SELECT count(DISTINCT txid) AS n FROM journal_entry WHERE source_id = $1`,
            [source],
          )
        ).rows[0].n,
      ),
    );
  }

  it('gathers concurrent requests into fewer calls, each acknowledged with its own entry', async () => {
    const members = await Promise.all(
      ['2-1-0001', '2-1-0002', '2-1-0003'].map((c) => ctx.savingsAccount(coop.id, c)),
    );
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        writer.submit(
          coop.id,
          ctx.transfer(vault, members[i % 3], '1.00', { source: { type: 'test', id: 'gather' } }),
        ),
      ),
    );
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(60);
    expect(results.every((r) => !r.replayed)).toBe(true);
    expect(await callsFor('gather')).toBeLessThan(60);
    for (const member of members) expect(await ctx.balanceOf(coop.id, member)).toBe('-20.00');
  });

  it('holds floors when many withdrawals on one account land in one call', async () => {
    const member = await funded('2-1-0100', '1000.00');
    const results = await settled(
      Array.from({ length: 50 }, () =>
        writer.submit(coop.id, ctx.transfer(member, vault, '100.00')),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(slugs(results)).toEqual(Array(40).fill('insufficient-funds'));
    expect(await ctx.balanceOf(coop.id, member)).toBe('0.00');
  });

  it('posts concurrent duplicates inside one call once; the others replay it', async () => {
    const member = await ctx.savingsAccount(coop.id, '2-1-0200');
    const draft = ctx.transfer(vault, member, '25.00', { idempotencyKey: 'coalesced-duplicate' });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => writer.submit(coop.id, draft)),
    );
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await ctx.balanceOf(coop.id, member)).toBe('-25.00');
    const other = await writer
      .submit(
        coop.id,
        ctx.transfer(vault, member, '26.00', { idempotencyKey: 'coalesced-duplicate' }),
      )
      .catch((e: ProblemError) => e);
    expect(other).toMatchObject({ slug: 'idempotency-key-reused', status: 422 });
  });

  it('fails only the bad request when a call fails as a whole', async () => {
    const member = await funded('2-1-0300', '500.00');
    const deposit = await writer.submit(coop.id, ctx.transfer(vault, member, '10.00'));
    const reversal = {
      ...ctx.transfer(member, vault, '10.00'),
      reversesEntryId: deposit.entry.id,
      description: 'reversal',
    };
    // Two reversals of one entry in one call break a unique key: the whole call fails and is
    // split until the second stands alone; the other requests of the call post.
    const results = await settled([
      ...Array.from({ length: 6 }, () =>
        writer.submit(coop.id, ctx.transfer(vault, member, '1.00')),
      ),
      writer.submit(coop.id, reversal),
      writer.submit(coop.id, reversal),
      ...Array.from({ length: 6 }, () =>
        writer.submit(coop.id, ctx.transfer(vault, member, '1.00')),
      ),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(13);
    expect(slugs(results)).toEqual(['entry-already-reversed']);
    expect(await ctx.balanceOf(coop.id, member)).toBe('-512.00');
  });

  it('refuses bad input before it reaches a call', async () => {
    const error = await writer
      .submit(coop.id, {
        description: 'one-sided',
        source: { type: 'test' },
        postings: [ctx.transfer(vault, vault, '1.00').postings[0]],
      })
      .catch((e: ProblemError) => e);
    expect(error).toMatchObject({ slug: 'invalid-input', status: 400 });
    const unknown = await writer
      .submit('01890000-0000-7000-8000-000000000000', ctx.transfer(vault, vault, '1.00'))
      .catch((e: ProblemError) => e);
    expect(unknown).toMatchObject({ slug: 'not-found' });
  });
});
