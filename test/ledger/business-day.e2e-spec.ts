import { type BusinessDate, ProblemError, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { Cooperative, EntryDraft } from '@lumbung/ledger';
import { ledgerViolations, noViolations } from '../support/invariants';
import { LedgerContext } from '../support/ledger-context';
import { inTransaction, rawWrite } from '../support/raw-ledger';

const day = (value: string): BusinessDate => value as BusinessDate;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A transaction kept open until `release` is called: `started` resolves with what `begin`
 * returned once it has run (and holds whatever locks it took).
 */
function heldTransaction<T>(
  ctx: LedgerContext,
  begin: (tx: Tx) => Promise<T>,
): { started: Promise<T>; release: () => void; done: Promise<T> } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let signal!: (value: T) => void;
  const started = new Promise<T>((resolve) => (signal = resolve));
  const done = ctx.run(async (tx) => {
    const value = await begin(tx);
    signal(value);
    await gate;
    return value;
  });
  // A failing begin must not leave `started` pending forever.
  done.catch(() => undefined);
  return { started: Promise.race([started, done]), release, done };
}

/** Settles to 'pending' if `promise` has not settled within `ms`. */
async function stateAfter(promise: Promise<unknown>, ms: number): Promise<'pending' | 'settled'> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await sleep(ms);
  return settled ? 'settled' : 'pending';
}

describe('business dates and periods', () => {
  let ctx: LedgerContext;
  const coops: Cooperative[] = [];

  beforeAll(async () => {
    ctx = await LedgerContext.start();
  });

  afterAll(async () => {
    await ctx.owner(async (owner) => {
      for (const coop of coops)
        expect(await ledgerViolations(owner, coop.id)).toEqual(noViolations);
    });
    await ctx.close();
  });

  async function cooperative(code: string, timeZone = 'Asia/Makassar') {
    const coop = await ctx.cooperative(code, { timeZone });
    coops.push(coop);
    const vault = await ctx.accountId(coop.id, '1-1101');
    const equity = await ctx.accountId(coop.id, '3-3901');
    return { coop, vault, equity };
  }

  const storedDate = (cooperativeId: string): Promise<string> =>
    ctx.owner(
      async (o) =>
        (await o.query(`SELECT business_date FROM cooperative WHERE id = $1`, [cooperativeId]))
          .rows[0].business_date,
    );

  const roll = (cooperativeId: string) =>
    ctx.run((tx) => ctx.days.roll(tx, cooperativeId, ctx.clock.now()));

  describe('rolling the business date', () => {
    it('makes a posting wait for the roll and then carry the new date', async () => {
      const { coop, vault, equity } = await cooperative('KSP-ROLL');
      // 00:00:05 on 21 November in Makassar (UTC+8).
      ctx.clock.set('2026-11-20T16:00:05Z');
      const rolling = heldTransaction(ctx, (tx) => ctx.days.roll(tx, coop.id, ctx.clock.now()));
      try {
        expect(await rolling.started).toEqual({
          cooperativeId: coop.id,
          from: '2026-11-20',
          to: '2026-11-21',
        });
        const posting = ctx.run((tx) =>
          ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, '1.00')),
        );
        expect(await stateAfter(posting, 300)).toBe('pending');
        rolling.release();
        await rolling.done;
        const { entry } = await posting;
        expect([entry.postingDate, entry.valueDate]).toEqual(['2026-11-21', '2026-11-21']);
      } finally {
        rolling.release();
      }
      expect(await storedDate(coop.id)).toBe('2026-11-21');
    });

    it('waits for postings of the old date still in flight before it rolls', async () => {
      const { coop, vault, equity } = await cooperative('KSP-INFLIGHT');
      const posting = heldTransaction(ctx, (tx) =>
        ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, '1.00')),
      );
      try {
        await posting.started;
        ctx.clock.set('2026-11-20T16:00:05Z');
        const rolled = roll(coop.id);
        expect(await stateAfter(rolled, 300)).toBe('pending');
        posting.release();
        const { entry } = await posting.done;
        expect(entry.postingDate).toBe('2026-11-20');
        expect(await rolled).toMatchObject({ from: '2026-11-20', to: '2026-11-21' });
      } finally {
        posting.release();
      }
    });

    it("follows the cooperative's own time zone", async () => {
      const makassar = await cooperative('KSP-WITA', 'Asia/Makassar');
      const jakarta = await cooperative('KSP-WIB', 'Asia/Jakarta');
      // 00:30 on the 21st in Makassar (UTC+8), still 23:30 on the 20th in Jakarta (UTC+7).
      ctx.clock.set('2026-11-20T16:30:00Z');
      expect(await roll(makassar.coop.id)).toMatchObject({ to: '2026-11-21' });
      expect(await roll(jakarta.coop.id)).toBeNull();
      expect(await storedDate(jakarta.coop.id)).toBe('2026-11-20');
      ctx.clock.set('2026-11-20T17:00:00Z');
      expect(await roll(jakarta.coop.id)).toEqual({
        cooperativeId: jakarta.coop.id,
        from: '2026-11-20',
        to: '2026-11-21',
      });
    });

    it('returns null when the date is current and never moves it backwards', async () => {
      const { coop } = await cooperative('KSP-BACK');
      ctx.clock.set('2026-11-20T16:30:00Z');
      expect(await roll(coop.id)).toMatchObject({ to: '2026-11-21' });
      expect(await roll(coop.id)).toBeNull();
      ctx.clock.set('2026-11-19T08:00:00Z');
      expect(await roll(coop.id)).toBeNull();
      expect(await storedDate(coop.id)).toBe('2026-11-21');
      // A missed night (the server was down) catches up in one step.
      ctx.clock.set('2026-11-23T17:00:00Z');
      expect(await roll(coop.id)).toMatchObject({ from: '2026-11-21', to: '2026-11-24' });
    });
  });

  describe('closing months', () => {
    let coop: Cooperative;
    let vault: string;
    let equity: string;
    const actor = uuidv7();

    beforeAll(async () => {
      ({ coop, vault, equity } = await cooperative('KSP-PERIOD'));
      await ctx.run((tx) => ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, '1000.00')));
    });

    const entryCount = (): Promise<number> =>
      ctx.owner(async (o) =>
        Number(
          (await o.query(`SELECT count(*) FROM journal_entry WHERE cooperative_id = $1`, [coop.id]))
            .rows[0].count,
        ),
      );

    async function refused(work: (tx: Tx) => Promise<unknown>): Promise<ProblemError> {
      const entries = await entryCount();
      const balance = await ctx.balanceOf(coop.id, vault);
      const error = await ctx.run(work).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProblemError);
      expect(await entryCount()).toBe(entries);
      expect(await ctx.balanceOf(coop.id, vault)).toBe(balance);
      return error as ProblemError;
    }

    const backDated = (valueDate: string, extra: Partial<EntryDraft> = {}): EntryDraft =>
      ctx.transfer(vault, equity, '1.00', { valueDate: day(valueDate), ...extra });

    it('refuses to close a month that has not ended', async () => {
      for (const month of ['2026-11', '2026-12']) {
        const problem = await refused((tx) => ctx.periods.closeMonth(tx, coop.id, month));
        expect(problem).toMatchObject({ slug: 'period-not-ended', status: 422 });
      }
      const malformed = await refused((tx) => ctx.periods.closeMonth(tx, coop.id, '2026-13'));
      expect(malformed.slug).toBe('invalid-input');
    });

    it('closes an ended month once and records it in the audit log', async () => {
      const closed = await ctx.run((tx) => ctx.periods.closeMonth(tx, coop.id, '2026-10', actor));
      expect(closed).toMatchObject({ month: '2026-10', status: 'closed' });
      const again = await refused((tx) => ctx.periods.closeMonth(tx, coop.id, '2026-10', actor));
      expect(again).toMatchObject({ slug: 'period-already-closed', status: 409 });
      const audit = await ctx.owner(
        async (o) =>
          (
            await o.query(
              `SELECT actor_id, target_type, target_id, before, after FROM audit_log
                WHERE cooperative_id = $1 AND action = 'ledger.period.close'`,
              [coop.id],
            )
          ).rows,
      );
      expect(audit).toEqual([
        {
          actor_id: actor,
          target_type: 'accounting_period',
          target_id: '2026-10',
          before: { status: 'open' },
          after: { status: 'closed' },
        },
      ]);
    });

    it('refuses a value date inside a closed month and writes nothing', async () => {
      const problem = await refused((tx) => ctx.posting.post(tx, coop.id, backDated('2026-10-31')));
      expect(problem).toMatchObject({ slug: 'period-closed', status: 422 });
      const inBatch = await refused((tx) =>
        ctx.posting.postBatch(tx, coop.id, [backDated('2026-11-02'), backDated('2026-10-01')]),
      );
      expect(inBatch).toMatchObject({
        slug: 'period-closed',
        extensions: { field: 'entries[1].valueDate' },
      });
    });

    it('refuses a raw insert with a value date in a closed month (LB005)', async () => {
      const error = await ctx
        .app((client) =>
          inTransaction(client, () =>
            rawWrite(client, coop.id, {
              postingDate: '2026-11-20',
              valueDate: '2026-10-15',
              lines: [
                { account: vault, amount: '1.00' },
                { account: equity, amount: '-1.00' },
              ],
            }),
          ),
        )
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'LB005', message: expect.stringMatching(/2026-10/) });
      // The same raw insert dated in the open month goes through: the refusal is the period's.
      await ctx.app((client) =>
        inTransaction(client, () =>
          rawWrite(client, coop.id, {
            postingDate: '2026-11-20',
            valueDate: '2026-11-15',
            lines: [
              { account: vault, amount: '1.00' },
              { account: equity, amount: '-1.00' },
            ],
          }),
        ),
      );
    });

    it('accepts a value date back-dated into an earlier month that is still open', async () => {
      ctx.clock.set('2026-11-30T16:00:00Z'); // midnight into 1 December in Makassar
      expect(await roll(coop.id)).toMatchObject({ to: '2026-12-01' });
      const { entry } = await ctx.run((tx) =>
        ctx.posting.post(tx, coop.id, backDated('2026-11-30')),
      );
      expect([entry.postingDate, entry.valueDate]).toEqual(['2026-12-01', '2026-11-30']);
      const asOf = await ctx.run((tx) =>
        ctx.queries.balance(tx, coop.id, vault, day('2026-11-30')),
      );
      expect(asOf.balances[0].balance).toBe(await ctx.balanceOf(coop.id, vault));
    });

    it('makes closing wait for a back-dated posting in flight, then refuses the month', async () => {
      const posting = heldTransaction(ctx, (tx) =>
        ctx.posting.post(tx, coop.id, backDated('2026-11-29')),
      );
      try {
        await posting.started;
        const closing = ctx.run((tx) => ctx.periods.closeMonth(tx, coop.id, '2026-11'));
        expect(await stateAfter(closing, 300)).toBe('pending');
        posting.release();
        await posting.done;
        expect(await closing).toMatchObject({ month: '2026-11', status: 'closed' });
      } finally {
        posting.release();
      }
      const problem = await refused((tx) => ctx.posting.post(tx, coop.id, backDated('2026-11-29')));
      expect(problem.slug).toBe('period-closed');
      await ctx.run((tx) => ctx.posting.post(tx, coop.id, backDated('2026-12-01')));
    });
  });
});
