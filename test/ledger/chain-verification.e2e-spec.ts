import { businessDate } from '@lumbung/core';
import {
  blockHash,
  type ChainHead,
  type Cooperative,
  entryHash,
  type SealedBlock,
  sha256Hex,
} from '@lumbung/ledger';
import { LedgerContext } from '../support/ledger-context';
import { rawWrite } from '../support/raw-ledger';
import { chainOf, readSealable, sealEverything, tamper } from '../support/sealing';

/**
 * verify-chain finds any altered, removed, inserted or reordered entry (DESIGN.md invariant 10),
 * when someone with the owner's password switches the append-only triggers off to do it. Each
 * case tampers with books of its own cooperative.
 */
describe('verify-chain', () => {
  let ctx: LedgerContext;

  beforeAll(async () => {
    ctx = await LedgerContext.start();
  });

  afterAll(async () => {
    await ctx.close();
  });

  interface Books {
    readonly coop: Cooperative;
    readonly vault: string;
    readonly equity: string;
    /** Entry ids in sealing order; the first three in block 1, the next three in block 2. */
    readonly entries: string[];
  }

  /** Two blocks of three entries each. */
  async function sealedBooks(code: string): Promise<Books> {
    const coop = await ctx.cooperative(code);
    const vault = await ctx.accountId(coop.id, '1-1101');
    const equity = await ctx.accountId(coop.id, '3-3901');
    const entries: string[] = [];
    for (const block of [1, 2]) {
      for (const amount of ['100.50', '2500.00', '75.25']) {
        const posted = await ctx.run((tx) =>
          ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, amount)),
        );
        entries.push(posted.entry.id);
      }
      await sealEverything(ctx, coop.id);
      const head = await chainOf(ctx).head(coop.id);
      expect(head.sequence).toBe(String(block));
    }
    return { coop, vault, equity, entries };
  }

  const verify = (books: Books, kept?: ChainHead) => chainOf(ctx).verify(books.coop.id, kept);

  const placeOf = async (books: Books, entryId: string) => {
    const [row] = await ctx.run((tx) =>
      tx.query<{ entry_sequence: string; block_sequence: string }>(
        `SELECT entry_sequence::text, block_sequence::text FROM journal_block_entry
          WHERE cooperative_id = $1 AND entry_id = $2`,
        [books.coop.id, entryId],
      ),
    );
    return row;
  };

  it('passes untouched books', async () => {
    const books = await sealedBooks('KSP-CLEAN');
    expect(await verify(books)).toMatchObject({
      ok: true,
      blocks: 2,
      sealedEntries: 6,
      pendingEntries: 0,
      firstBadBlock: null,
      firstBadEntry: null,
      findings: [],
    });
  });

  it('finds an altered amount and names its block and entry', async () => {
    const books = await sealedBooks('KSP-ALTER');
    const victim = books.entries[4];
    await tamper(ctx, ['posting'], (owner) =>
      owner.query(
        `UPDATE posting SET amount = amount + 1, balance_after = balance_after + 1
          WHERE cooperative_id = $1 AND entry_id = $2 AND line_no = 1`,
        [books.coop.id, victim],
      ),
    );
    const result = await verify(books);
    expect(result).toMatchObject({
      ok: false,
      firstBadBlock: '2',
      firstBadEntry: { entryId: victim, entrySequence: '5', blockSequence: '2' },
    });
    expect(result.findings.map((f) => [f.kind, f.blockSequence, f.entryId])).toEqual([
      ['block-hash-mismatch', '2', null],
      ['entry-altered', '2', victim],
    ]);
  });

  it('is not fooled by the same amount written at another scale (100.50 as 100.5)', async () => {
    const books = await sealedBooks('KSP-SCALE');
    await tamper(ctx, ['posting'], (owner) =>
      owner.query(
        `UPDATE posting SET amount = '100.5'::numeric WHERE cooperative_id = $1 AND entry_id = $2
            AND line_no = 1 RETURNING amount::text`,
        [books.coop.id, books.entries[0]],
      ),
    );
    const stored = await ctx.owner((owner) =>
      owner.query(`SELECT amount::text FROM posting WHERE entry_id = $1 AND line_no = 1`, [
        books.entries[0],
      ]),
    );
    expect(stored.rows).toEqual([{ amount: '100.5' }]);
    expect(await verify(books)).toMatchObject({ ok: true, findings: [] });
  });

  it('finds a deleted entry and names it', async () => {
    const books = await sealedBooks('KSP-DELETE');
    const victim = books.entries[1];
    await tamper(ctx, ['posting', 'journal_entry'], async (owner) => {
      const params = [books.coop.id, victim];
      await owner.query(`DELETE FROM posting WHERE cooperative_id = $1 AND entry_id = $2`, params);
      await owner.query(`DELETE FROM journal_entry WHERE cooperative_id = $1 AND id = $2`, params);
    });
    const result = await verify(books);
    expect(result).toMatchObject({
      ok: false,
      firstBadBlock: '1',
      firstBadEntry: { entryId: victim, entrySequence: '2', blockSequence: '1' },
    });
    expect(result.findings.map((f) => f.kind)).toEqual(['entry-missing']);
  });

  it('finds a deleted entry whose seal row went too, by its place in the sequence', async () => {
    const books = await sealedBooks('KSP-ERASE');
    const victim = books.entries[1];
    await tamper(ctx, ['journal_block_entry', 'posting', 'journal_entry'], async (owner) => {
      const params = [books.coop.id, victim];
      await owner.query(
        `DELETE FROM journal_block_entry WHERE cooperative_id = $1 AND entry_id = $2`,
        params,
      );
      await owner.query(`DELETE FROM posting WHERE cooperative_id = $1 AND entry_id = $2`, params);
      await owner.query(`DELETE FROM journal_entry WHERE cooperative_id = $1 AND id = $2`, params);
    });
    const result = await verify(books);
    expect(result).toMatchObject({
      ok: false,
      firstBadBlock: '1',
      firstBadEntry: { entryId: null, entrySequence: '2', blockSequence: '1' },
    });
    expect(result.findings.map((f) => [f.kind, f.blockSequence, f.entrySequence])).toEqual([
      ['block-hash-mismatch', '1', null],
      ['entry-missing', '1', '2'],
    ]);
  });

  it('finds two entries whose places were swapped', async () => {
    const books = await sealedBooks('KSP-SWAP');
    await tamper(ctx, ['journal_block_entry'], async (owner) => {
      const move = (from: number, to: number) =>
        owner.query(
          `UPDATE journal_block_entry SET entry_sequence = $3
            WHERE cooperative_id = $1 AND entry_sequence = $2`,
          [books.coop.id, from, to],
        );
      await move(4, 1_000_000);
      await move(5, 4);
      await move(1_000_000, 5);
    });
    expect(await placeOf(books, books.entries[4])).toEqual({
      entry_sequence: '4',
      block_sequence: '2',
    });
    const result = await verify(books);
    expect(result).toMatchObject({
      ok: false,
      firstBadBlock: '2',
      firstBadEntry: { entryId: books.entries[3], entrySequence: '5' },
    });
    expect(result.findings.map((f) => [f.kind, f.entrySequence])).toEqual([
      ['block-hash-mismatch', null],
      ['entry-misplaced', '5'],
    ]);
    expect(result.findings[1].detail).toMatch(/out of \(txid, id\) order/);
  });

  it('finds an entry inserted with an old txid, below the last horizon', async () => {
    const books = await sealedBooks('KSP-INSERT');
    const [first] = await ctx.run((tx) =>
      tx.query<{ txid: string }>(
        `SELECT txid::text FROM journal_entry WHERE cooperative_id = $1 AND id = $2`,
        [books.coop.id, books.entries[0]],
      ),
    );
    let forged = '';
    await tamper(ctx, ['journal_entry', 'posting'], async (owner) => {
      forged = await rawWrite(owner, books.coop.id, {
        lines: [
          { account: books.vault, amount: '999.00' },
          { account: books.equity, amount: '-999.00' },
        ],
        txid: first.txid,
        postingDate: businessDate('2026-11-20'),
      });
    });
    const result = await verify(books);
    expect(result).toMatchObject({
      ok: false,
      firstBadBlock: '1',
      firstBadEntry: { entryId: forged, entrySequence: null, blockSequence: '1' },
    });
    expect(result.findings.map((f) => [f.kind, f.entryId])).toEqual([
      ['unsealed-below-horizon', forged],
    ]);
    expect(result.findings[0].detail).toContain(`txid ${first.txid}`);
  });

  describe('closed months', () => {
    it('accepts an entry that committed before its month closed but was sealed after', async () => {
      const coop = await ctx.cooperative('KSP-LATE');
      const vault = await ctx.accountId(coop.id, '1-1101');
      const equity = await ctx.accountId(coop.id, '3-3901');
      const valueDate = businessDate('2026-10-31');
      await ctx.run((tx) =>
        ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, '10.00', { valueDate })),
      );
      await ctx.run((tx) => ctx.periods.closeMonth(tx, coop.id, '2026-10'));
      await sealEverything(ctx, coop.id);
      expect(await chainOf(ctx).verify(coop.id)).toMatchObject({ ok: true, sealedEntries: 1 });
    });

    it('accepts entries posted while a month was reopened, and finds one after it closed again', async () => {
      const coop = await ctx.cooperative('KSP-REOPEN');
      const vault = await ctx.accountId(coop.id, '1-1101');
      const equity = await ctx.accountId(coop.id, '3-3901');
      const valueDate = businessDate('2026-10-20');
      await ctx.run((tx) => ctx.periods.closeMonth(tx, coop.id, '2026-10'));
      // Reopening arrives with approvals (auth issue); until then, as its service will do it.
      await ctx.run(async (tx) => {
        await ctx.days.enter(tx, coop.id, 'exclusive');
        await tx.query(
          `UPDATE accounting_period SET status = 'open', changed_at = now()
            WHERE cooperative_id = $1 AND month = '2026-10-01'`,
          [coop.id],
        );
      });
      await ctx.run((tx) =>
        ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, '20.00', { valueDate })),
      );
      await ctx.run((tx) => ctx.periods.closeMonth(tx, coop.id, '2026-10'));
      await sealEverything(ctx, coop.id);
      expect(await chainOf(ctx).verify(coop.id)).toMatchObject({ ok: true, sealedEntries: 1 });

      let late = '';
      await tamper(ctx, ['journal_entry', 'posting'], async (owner) => {
        late = await rawWrite(owner, coop.id, {
          lines: [
            { account: vault, amount: '1.00' },
            { account: equity, amount: '-1.00' },
          ],
          postingDate: businessDate('2026-11-20'),
          valueDate,
        });
      });
      const result = await chainOf(ctx).verify(coop.id);
      expect(result.findings.map((f) => [f.kind, f.entryId])).toEqual([
        ['entry-in-closed-period', late],
      ]);
    });

    it('finds an entry written into a closed month, before and after it is sealed', async () => {
      const books = await sealedBooks('KSP-CLOSED');
      await ctx.run((tx) => ctx.periods.closeMonth(tx, books.coop.id, '2026-10'));
      let backdated = '';
      await tamper(ctx, ['journal_entry', 'posting'], async (owner) => {
        backdated = await rawWrite(owner, books.coop.id, {
          lines: [
            { account: books.vault, amount: '5000.00' },
            { account: books.equity, amount: '-5000.00' },
          ],
          postingDate: businessDate('2026-11-20'),
          valueDate: businessDate('2026-10-15'),
        });
      });
      const unsealed = await verify(books);
      expect(unsealed.findings.map((f) => [f.kind, f.entryId, f.blockSequence])).toEqual([
        ['entry-in-closed-period', backdated, null],
      ]);
      expect(unsealed.pendingEntries).toBe(1);

      await sealEverything(ctx, books.coop.id);
      const sealed = await verify(books);
      expect(sealed).toMatchObject({
        ok: false,
        firstBadBlock: '3',
        firstBadEntry: { entryId: backdated, entrySequence: '7', blockSequence: '3' },
      });
      expect(sealed.findings.map((f) => f.kind)).toEqual(['entry-in-closed-period']);
      expect(sealed.findings[0].detail).toMatch(
        /value date 2026-10-15, in 2026-10, which was closed .* before it was written; sealed in block 3/,
      );
    });
  });

  describe('a chain head kept outside the system', () => {
    let books: Books;
    let yesterday: SealedBlock;

    beforeAll(async () => {
      books = await sealedBooks('KSP-KEPT');
      yesterday = await chainOf(ctx).head(books.coop.id);
      // A day later, the journal has grown.
      ctx.clock.set('2026-11-21T02:00:00Z');
      await ctx.run((tx) => ctx.days.roll(tx, books.coop.id, ctx.clock.now()));
      for (const amount of ['1.00', '2.00']) {
        await ctx.run((tx) =>
          ctx.posting.post(tx, books.coop.id, ctx.transfer(books.vault, books.equity, amount)),
        );
      }
      await sealEverything(ctx, books.coop.id);
    });

    it("proves yesterday's head is still included", async () => {
      const result = await verify(books, yesterday);
      expect(result.head!.sequence).toBe('3');
      expect(result).toMatchObject({
        ok: true,
        keptHead: { sequence: '2', hash: yesterday.hash, included: true },
      });
    });

    it('refuses a forged head, and one the journal never reached', async () => {
      const forged = await verify(books, { sequence: '2', hash: 'f'.repeat(64) });
      expect(forged).toMatchObject({ ok: false, keptHead: { included: false } });
      expect(forged.findings.map((f) => f.kind)).toEqual(['kept-head-mismatch']);
      const beyond = await verify(books, { sequence: '99', hash: yesterday.hash });
      expect(beyond.keptHead!.detail).toBe('the journal has no block 99');
    });

    it('catches a rewrite that recomputes every hash, which only the kept head can', async () => {
      const victim = books.entries[5];
      const where = [books.coop.id, victim];
      // The forger knows the canonical form. Block 3 chains from block 2 by a foreign key, so
      // they remove it first, change the entry in block 2 and rehash it...
      await tamper(ctx, ['posting', 'journal_block_entry', 'journal_block'], async (owner) => {
        await owner.query(
          `DELETE FROM journal_block_entry WHERE cooperative_id = $1 AND block_sequence = 3`,
          [books.coop.id],
        );
        await owner.query(`DELETE FROM journal_block WHERE cooperative_id = $1 AND sequence = 3`, [
          books.coop.id,
        ]);
        await owner.query(
          `UPDATE posting SET amount = amount * 10 WHERE cooperative_id = $1 AND entry_id = $2`,
          where,
        );
        const rehashed = entryHash(
          await readSealable(owner, books.coop.id, victim),
          'IDR',
          sha256Hex,
        );
        await owner.query(
          `UPDATE journal_block_entry SET entry_hash = $3 WHERE cooperative_id = $1 AND entry_id = $2`,
          [...where, rehashed],
        );
      });
      // ...then rehash block 2 from its (rewritten) entry hashes, and let sealing run again.
      const block2 = await chainOf(ctx).head(books.coop.id);
      expect(block2.sequence).toBe('2');
      const hashes = await ctx.run((tx) =>
        tx.query<{ entry_hash: string }>(
          `SELECT entry_hash FROM journal_block_entry
            WHERE cooperative_id = $1 AND block_sequence = 2 ORDER BY entry_sequence`,
          [books.coop.id],
        ),
      );
      const forgedHash = blockHash(
        block2,
        hashes.map((h) => h.entry_hash),
        sha256Hex,
      );
      await tamper(ctx, ['journal_block'], (owner) =>
        owner.query(
          `UPDATE journal_block SET hash = $2 WHERE cooperative_id = $1 AND sequence = 2`,
          [books.coop.id, forgedHash],
        ),
      );
      await sealEverything(ctx, books.coop.id);

      // Recomputation alone finds nothing: the rewritten chain is consistent with itself.
      expect(await verify(books)).toMatchObject({ ok: true, blocks: 3, findings: [] });
      const kept = await verify(books, yesterday);
      expect(kept).toMatchObject({
        ok: false,
        firstBadBlock: '2',
        keptHead: { included: false },
      });
      expect(kept.findings.map((f) => f.kind)).toEqual(['kept-head-mismatch']);
      expect(kept.keptHead!.detail).toBe(
        `block 2 now has hash ${forgedHash}: the journal was rewritten at or before it`,
      );
    });
  });
});
