import { businessDate } from '@lumbung/core';
import {
  type Cooperative,
  entryColumns,
  maxEntriesPerBlock,
  postingColumns,
} from '@lumbung/ledger';
import { LedgerContext } from '../support/ledger-context';
import { inTransaction, rawWrite } from '../support/raw-ledger';
import { chainOf, sealEverything, sealingOf, unsealedCount } from '../support/sealing';

/** Sealing by horizon (DESIGN.md section 3, Sealing) against real PostgreSQL. */
describe('journal sealing', () => {
  let ctx: LedgerContext;

  beforeAll(async () => {
    ctx = await LedgerContext.start();
  });

  afterAll(async () => {
    await ctx.close();
  });

  async function books(
    code: string,
  ): Promise<{ coop: Cooperative; vault: string; equity: string }> {
    const coop = await ctx.cooperative(code);
    return {
      coop,
      vault: await ctx.accountId(coop.id, '1-1101'),
      equity: await ctx.accountId(coop.id, '3-3901'),
    };
  }

  const sealRows = (cooperativeId: string) =>
    ctx.run((tx) =>
      tx.query<{ entry_id: string; entry_sequence: string; block_sequence: string }>(
        `SELECT s.entry_id, s.entry_sequence::text, s.block_sequence::text
           FROM journal_block_entry s WHERE s.cooperative_id = $1 ORDER BY s.entry_sequence`,
        [cooperativeId],
      ),
    );
  const entriesInSealingOrder = async (cooperativeId: string): Promise<string[]> =>
    (
      await ctx.run((tx) =>
        tx.query<{ id: string }>(
          `SELECT id FROM journal_entry WHERE cooperative_id = $1 ORDER BY txid, id`,
          [cooperativeId],
        ),
      )
    ).map((r) => r.id);

  it('hashes every column of journal_entry and posting: a new column needs a new canonical version', async () => {
    const columns = await ctx.owner(async (owner) => {
      const { rows } = await owner.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name IN ('journal_entry', 'posting')
          ORDER BY column_name`,
      );
      return rows;
    });
    const of = (table: string) =>
      columns.filter((c) => c.table_name === table).map((c) => c.column_name);
    expect(of('journal_entry')).toEqual(Object.keys(entryColumns).sort());
    expect(of('posting')).toEqual(Object.keys(postingColumns).sort());
  });

  it('gives the application SELECT and INSERT on the sealing tables and nothing more', async () => {
    const privileges = await ctx.owner(async (owner) => {
      const { rows } = await owner.query<{ table_name: string; privilege_type: string }>(
        `SELECT table_name, privilege_type FROM information_schema.role_table_grants
          WHERE grantee = 'lumbung_application'
            AND table_name IN ('journal_block', 'journal_block_entry', 'accounting_period_change')
          ORDER BY table_name, privilege_type`,
      );
      return rows.map((r) => `${r.table_name}:${r.privilege_type}`);
    });
    expect(privileges).toEqual([
      'accounting_period_change:SELECT',
      'journal_block:INSERT',
      'journal_block:SELECT',
      'journal_block_entry:INSERT',
      'journal_block_entry:SELECT',
    ]);
  });

  it('keeps blocks append-only, for the application and for the owner alike', async () => {
    const { coop, vault, equity } = await books('KSP-APPEND');
    await ctx.run((tx) => ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, '10.00')));
    await sealEverything(ctx, coop.id);
    for (const sql of [
      `UPDATE journal_block SET sealed_at = now() WHERE cooperative_id = $1`,
      `DELETE FROM journal_block_entry WHERE cooperative_id = $1`,
    ]) {
      await expect(ctx.app((app) => app.query(sql, [coop.id]))).rejects.toMatchObject({
        code: '42501',
      });
      await expect(ctx.owner((owner) => owner.query(sql, [coop.id]))).rejects.toMatchObject({
        code: 'LB003',
      });
    }
    await expect(
      ctx.app((app) =>
        app.query(
          `INSERT INTO accounting_period_change (cooperative_id, month, status)
                                  VALUES ($1, '2026-10-01', 'open')`,
          [coop.id],
        ),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('refuses, in the database, a block that does not extend the chain', async () => {
    const { coop, vault, equity } = await books('KSP-LINK');
    await ctx.run((tx) => ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, '10.00')));
    await sealEverything(ctx, coop.id);
    const forged = (sequence: number, previousHash: string, first: number) =>
      ctx.app((app) =>
        app.query(
          `INSERT INTO journal_block (cooperative_id, sequence, previous_horizon, horizon, previous_hash,
                                      hash, first_entry_sequence, entry_count, canonical_version, sealed_at)
           SELECT $1, $2, horizon, '999999999', $3, repeat('a', 64), $4, 1, 1, now()
             FROM journal_block WHERE cooperative_id = $1 AND sequence = 1`,
          [coop.id, sequence, previousHash, first],
        ),
      );
    const [head] = await ctx.run((tx) =>
      tx.query<{ hash: string }>(`SELECT hash FROM journal_block WHERE cooperative_id = $1`, [
        coop.id,
      ]),
    );
    await expect(forged(3, head.hash, 2)).rejects.toMatchObject({ code: '23503' }); // a gap
    await expect(forged(2, 'b'.repeat(64), 2)).rejects.toMatchObject({ code: '23503' }); // another hash
    await expect(forged(2, head.hash, 5)).rejects.toMatchObject({ code: '23503' }); // an entry gap
  });

  it('seals an entry only once the horizon passes it, in (txid, id) order, not commit order', async () => {
    const { coop, vault, equity } = await books('KSP-HORIZON');
    await ctx.run((tx) => ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, '1.00')));
    await sealEverything(ctx, coop.id);

    // An open transaction that has written an entry holds the horizon at its txid...
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let slowEntry = '';
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const slow = ctx.run(async (tx) => {
      slowEntry = (await ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, '2.00'))).entry
        .id;
      wrote();
      await held;
    });
    await written;
    // ...so an entry committed after it, with a higher txid, waits too (other leaves: the open
    // transaction holds the locks of its own).
    const bank = await ctx.accountId(coop.id, '1-1201');
    const grants = await ctx.accountId(coop.id, '3-3201');
    const fast = (
      await ctx.run((tx) => ctx.posting.post(tx, coop.id, ctx.transfer(bank, grants, '3.00')))
    ).entry.id;
    try {
      const outcome = await sealingOf(ctx).sealCooperative(coop.id);
      expect(outcome.blocks).toEqual([]);
      expect(await unsealedCount(ctx, coop.id)).toBe(1); // the open one is not visible yet
    } finally {
      release();
    }
    await slow;
    await sealEverything(ctx, coop.id);
    const rows = await sealRows(coop.id);
    expect(rows.map((r) => r.entry_id).slice(1)).toEqual([slowEntry, fast]);
    expect(rows.map((r) => r.entry_sequence)).toEqual(['1', '2', '3']);
  });

  it('makes no block for a range without entries', async () => {
    const { coop, vault, equity } = await books('KSP-QUIET');
    expect((await sealingOf(ctx).sealCooperative(coop.id)).blocks).toEqual([]);
    await ctx.run((tx) => ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, '1.00')));
    await sealEverything(ctx, coop.id);
    for (let i = 0; i < 3; i++) {
      expect((await sealingOf(ctx).sealCooperative(coop.id)).blocks).toEqual([]);
    }
    const blocks = await ctx.run((tx) =>
      tx.query(`SELECT 1 FROM journal_block WHERE cooperative_id = $1`, [coop.id]),
    );
    expect(blocks).toHaveLength(1);
  });

  it('seals every entry once, with no gap, while postings race the sealer', async () => {
    const { coop, vault, equity } = await books('KSP-RACE');
    let posting = true;
    let sealedMidRace = 0;
    const sealer = (async () => {
      while (posting) {
        sealedMidRace += (await sealingOf(ctx).sealCooperative(coop.id)).blocks.length;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    // A second sealer at the same time: the lock makes it skip, never seal twice.
    const rival = (async () => {
      let busy = 0;
      while (posting) {
        if ((await sealingOf(ctx).sealCooperative(coop.id)).busy) busy++;
        await new Promise((resolve) => setTimeout(resolve, 7));
      }
      return busy;
    })();
    // Rounds of posting go on until the sealer has cut blocks in the middle of them (a loaded
    // machine may need more than one round), bounded so a broken sealer still ends the test.
    let rounds = 0;
    while (rounds === 0 || (sealedMidRace < 2 && rounds < 20)) {
      rounds += 1;
      await Promise.all(
        Array.from({ length: 6 }, async (_, poster) => {
          for (let i = 0; i < 15; i++) {
            const amount = `${poster + 1}.${String(i).padStart(2, '0')}`;
            if (i % 5 === 4) {
              // Several entries in one transaction share a txid: ordered by id within it.
              const drafts = [1, 2, 3].map(() => ctx.transfer(vault, equity, amount));
              await ctx.run((tx) => ctx.posting.postBatch(tx, coop.id, drafts));
            } else {
              await ctx.run((tx) =>
                ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, amount)),
              );
            }
          }
        }),
      );
    }
    posting = false;
    await sealer;
    expect(sealedMidRace).toBeGreaterThan(1);
    await rival;
    await sealEverything(ctx, coop.id);

    const rows = await sealRows(coop.id);
    const order = await entriesInSealingOrder(coop.id);
    expect(order).toHaveLength(rounds * 6 * (12 + 3 * 3));
    expect(rows.map((r) => r.entry_id)).toEqual(order);
    expect(rows.map((r) => r.entry_sequence)).toEqual(order.map((_, i) => String(i + 1)));
    const verification = await chainOf(ctx).verify(coop.id);
    expect(verification).toMatchObject({ ok: true, sealedEntries: order.length, findings: [] });
    expect(verification.blocks).toBeGreaterThan(1);
  });

  it(`cuts a block at a transaction boundary near ${maxEntriesPerBlock} entries`, async () => {
    const { coop, vault, equity } = await books('KSP-BIG');
    for (let batch = 0; batch < 3; batch++) {
      const drafts = Array.from({ length: 1000 }, () => ctx.transfer(vault, equity, '1.00'));
      await ctx.run((tx) => ctx.posting.postBatch(tx, coop.id, drafts));
    }
    await sealEverything(ctx, coop.id);
    const blocks = await ctx.run((tx) =>
      tx.query<{ entry_count: number }>(
        `SELECT entry_count FROM journal_block WHERE cooperative_id = $1 ORDER BY sequence`,
        [coop.id],
      ),
    );
    expect(blocks.map((b) => b.entry_count)).toEqual([2000, 1000]);
    const verification = await chainOf(ctx).verify(coop.id);
    expect(verification.findings).toEqual([]);
    expect(verification).toMatchObject({ ok: true, sealedEntries: 3000 });
  }, 120_000);

  it('reports sealing lag: how many entries wait, and for how long', async () => {
    const { coop, vault, equity } = await books('KSP-LAG');
    await sealEverything(ctx, coop.id);
    await sealingOf(ctx).sealAll();
    const before = await sealingOf(ctx).lag();
    await ctx.app((app) =>
      inTransaction(app, () =>
        rawWrite(app, coop.id, {
          lines: [
            { account: vault, amount: '5.00' },
            { account: equity, amount: '-5.00' },
          ],
          postingDate: businessDate('2026-11-20'),
        }),
      ),
    );
    const waiting = await sealingOf(ctx).lag();
    expect(waiting.unsealedEntries).toBe(before.unsealedEntries + 1);
    expect(waiting.oldestUnsealedSeconds).toEqual(expect.any(Number));
    await sealEverything(ctx, coop.id);
  });
});
