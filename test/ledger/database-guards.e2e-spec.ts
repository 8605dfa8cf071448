import { Decimal, uuidv7 } from '@lumbung/core';
import type { Cooperative } from '@lumbung/ledger';
import { ledgerViolations, noViolations } from '../support/invariants';
import { LedgerContext } from '../support/ledger-context';
import { ownerRole } from '../support/postgres';
import { inTransaction, type RawEntry, rawWrite } from '../support/raw-ledger';

/**
 * The database refuses what the services refuse, for a caller that bypasses the services with
 * raw SQL as the application role (DESIGN.md section 3: balance check, append-only, roles).
 */
describe('database guards against raw SQL', () => {
  let ctx: LedgerContext;
  let coop: Cooperative;
  let vault: string;
  let equity: string;
  let savings: string;
  let expense: string;
  let committedEntry: string;

  beforeAll(async () => {
    ctx = await LedgerContext.start();
    coop = await ctx.cooperative('KSP-GUARD');
    vault = await ctx.accountId(coop.id, '1-1101');
    equity = await ctx.accountId(coop.id, '3-3901');
    expense = await ctx.accountId(coop.id, '5-2101');
    savings = await ctx.savingsAccount(coop.id, '2-1-0001');
    await ctx.run((tx) => ctx.posting.post(tx, coop.id, ctx.transfer(vault, equity, '1000000.00')));
    const deposit = await ctx.run((tx) =>
      ctx.posting.post(tx, coop.id, ctx.transfer(vault, savings, '100.00')),
    );
    committedEntry = deposit.entry.id;
  });

  afterAll(async () => {
    await ctx.owner(async (owner) =>
      expect(await ledgerViolations(owner, coop.id)).toEqual(noViolations),
    );
    await ctx.close();
  });

  const insertRaw = (raw: RawEntry): Promise<string> =>
    ctx.app((client) => inTransaction(client, () => rawWrite(client, coop.id, raw)));

  const counts = (): Promise<{ entries: string; postings: string }> =>
    ctx.owner(async (o) => {
      const { rows } = await o.query(
        `SELECT (SELECT count(*) FROM journal_entry) AS entries, (SELECT count(*) FROM posting) AS postings`,
      );
      return rows[0];
    });

  /** A refusal leaves nothing behind: no entry, no posting, no moved balance. */
  async function refusedWith(raw: RawEntry, code: string, message?: RegExp): Promise<void> {
    const before = await counts();
    const balances = await Promise.all(
      [vault, equity, savings].map((a) => ctx.balanceOf(coop.id, a)),
    );
    const error = await insertRaw(raw).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    if (message) expect((error as Error).message).toMatch(message);
    expect(await counts()).toEqual(before);
    expect(
      await Promise.all([vault, equity, savings].map((a) => ctx.balanceOf(coop.id, a))),
    ).toEqual(balances);
  }

  describe('as the application role, the write path itself', () => {
    it('accepts a well-formed raw entry, so each refusal below is specific', async () => {
      const before = await ctx.balanceOf(coop.id, vault);
      const id = await insertRaw({
        lines: [
          { account: vault, amount: '5.00' },
          { account: equity, amount: '-5.00' },
        ],
      });
      const entry = await ctx.run((tx) => ctx.queries.entry(tx, coop.id, id));
      expect(entry.postings.map((p) => p.amount)).toEqual(['5.00', '-5.00']);
      expect(await ctx.balanceOf(coop.id, vault)).toBe(new Decimal(before).plus(5).toFixed(2));
      await ctx.owner(async (owner) =>
        expect(await ledgerViolations(owner, coop.id)).toEqual(noViolations),
      );
    });

    it('refuses an unbalanced entry (LB001)', async () => {
      await refusedWith(
        {
          lines: [
            { account: vault, amount: '10.00' },
            { account: equity, amount: '-9.99' },
          ],
        },
        'LB001',
        /does not balance/,
      );
    });

    it('refuses a one-sided entry (LB001)', async () => {
      await refusedWith({ lines: [{ account: vault, amount: '10.00' }] }, 'LB001');
    });

    it('refuses a posting that unbalances its entry later in the same transaction (LB001)', async () => {
      // The check reads every posting of the entry, not only those of the statement.
      const error = await ctx
        .app((client) =>
          inTransaction(client, async () => {
            const id = await rawWrite(client, coop.id, {
              lines: [
                { account: vault, amount: '1.00' },
                { account: equity, amount: '-1.00' },
              ],
            });
            await rawWrite(client, coop.id, {
              entryId: id,
              firstLine: 3,
              lines: [{ account: vault, amount: '1.00' }],
            });
          }),
        )
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'LB001' });
    });

    it('refuses a posting added to an entry committed earlier, even a balanced pair (LB002)', async () => {
      await refusedWith(
        {
          entryId: committedEntry,
          firstLine: 3,
          lines: [
            { account: vault, amount: '1.00' },
            { account: equity, amount: '-1.00' },
          ],
        },
        'LB002',
        /not created in this transaction/,
      );
    });

    it('refuses an entry row that forges an old transaction id (LB002)', async () => {
      const oldTxid = await ctx.owner(
        async (o) =>
          (await o.query(`SELECT txid::text FROM journal_entry WHERE id = $1`, [committedEntry]))
            .rows[0].txid as string,
      );
      // With its postings in the same statement: whichever trigger looks first refuses it.
      await refusedWith(
        {
          txid: oldTxid,
          lines: [
            { account: vault, amount: '1.00' },
            { account: equity, amount: '-1.00' },
          ],
        },
        'LB002',
      );
      // On its own, so that postings could follow in a later statement: refused at once.
      const alone = await ctx
        .app((client) =>
          inTransaction(client, () =>
            client.query(
              `INSERT INTO journal_entry (cooperative_id, id, txid, posting_date, value_date,
                                          description, source_type)
               VALUES ($1, $2, $3, '2026-11-20', '2026-11-20', 'forged', 'test.raw')`,
              [coop.id, uuidv7(), oldTxid],
            ),
          ),
        )
        .catch((e: unknown) => e);
      expect(alone).toMatchObject({
        code: 'LB002',
        message: expect.stringMatching(/carries txid/),
      });
    });

    it('refuses an entry whose posting date is not the business date (LB009)', async () => {
      for (const postingDate of ['2026-11-19', '2026-11-21']) {
        await refusedWith(
          {
            postingDate,
            valueDate: '2026-11-19',
            lines: [
              { account: vault, amount: '1.00' },
              { account: equity, amount: '-1.00' },
            ],
          },
          'LB009',
          /not the business date 2026-11-20/,
        );
      }
    });

    it('refuses a value date after the posting date', async () => {
      await refusedWith(
        {
          valueDate: '2026-11-21',
          lines: [
            { account: vault, amount: '1.00' },
            { account: equity, amount: '-1.00' },
          ],
        },
        '23514',
      );
    });

    it('refuses an expense posting without a counterparty class (LB004)', async () => {
      await refusedWith(
        {
          lines: [
            { account: expense, amount: '1.00' },
            { account: vault, amount: '-1.00' },
          ],
        },
        'LB004',
        /counterparty class/,
      );
      await insertRaw({
        lines: [
          { account: expense, amount: '1.00', counterpartyClass: 'non_member' },
          { account: vault, amount: '-1.00' },
        ],
      });
    });

    it('refuses an entry row without postings at commit (LB007)', async () => {
      const before = await counts();
      const error = await ctx
        .app((client) =>
          inTransaction(client, () =>
            client.query(
              `INSERT INTO journal_entry (cooperative_id, id, posting_date, value_date, description, source_type)
               VALUES ($1, $2, '2026-11-20', '2026-11-20', 'empty', 'test.raw')`,
              [coop.id, uuidv7()],
            ),
          ),
        )
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'LB007' });
      expect(await counts()).toEqual(before);
    });
  });

  describe('as the application role, the balance chain and floors (LB006)', () => {
    const currentVault = async (): Promise<{ balance: string; version: string }> =>
      ctx.owner(async (o) => {
        const { rows } = await o.query(
          `SELECT balance::text, version::text FROM ledger_balance WHERE account_id = $1`,
          [vault],
        );
        return rows[0];
      });

    it('refuses a balance_after that does not follow from the previous posting', async () => {
      const { balance } = await currentVault();
      const forged = new Decimal(balance).plus(2).toFixed(2); // moves 1.00, claims 2.00
      await refusedWith(
        {
          lines: [
            { account: vault, amount: '1.00', balanceAfter: forged },
            { account: equity, amount: '-1.00' },
          ],
        },
        'LB006',
        /balance_after does not follow/,
      );
    });

    it('refuses a version that skips one', async () => {
      const { version } = await currentVault();
      const skip = (BigInt(version) + 2n).toString();
      await refusedWith(
        {
          lines: [
            { account: vault, amount: '1.00', version: skip },
            { account: equity, amount: '-1.00' },
          ],
        },
        'LB006',
      );
      // Two lines on one account in one statement: the second skips a version.
      await refusedWith(
        {
          lines: [
            { account: vault, amount: '1.00' },
            { account: vault, amount: '1.00', version: (BigInt(version) + 3n).toString() },
            { account: equity, amount: '-2.00' },
          ],
        },
        'LB006',
        /versions have a gap/,
      );
    });

    it('refuses a version used before', async () => {
      const { version } = await currentVault();
      await refusedWith(
        {
          lines: [
            { account: vault, amount: '1.00', version },
            { account: equity, amount: '-1.00' },
          ],
        },
        '23505',
      );
    });

    it('refuses postings whose balance row was not moved with them', async () => {
      await refusedWith(
        {
          keepBalances: true,
          lines: [
            { account: vault, amount: '1.00' },
            { account: equity, amount: '-1.00' },
          ],
        },
        'LB006',
        /stored balance does not match/,
      );
    });

    it('refuses a withdrawal that takes a member account below its floor', async () => {
      // The member holds 100.00; the chain is computed honestly, only the floor stands in the way.
      expect(await ctx.balanceOf(coop.id, savings)).toBe('-100.00');
      await refusedWith(
        {
          lines: [
            { account: savings, amount: '100.01' },
            { account: vault, amount: '-100.01' },
          ],
        },
        'LB006',
        /below its floor/,
      );
    });

    it('refuses paying out more cash than the vault holds', async () => {
      const { balance } = await currentVault();
      const tooMuch = new Decimal(balance).plus('0.01').toFixed(2);
      await refusedWith(
        {
          lines: [
            { account: equity, amount: tooMuch },
            { account: vault, amount: `-${tooMuch}` },
          ],
        },
        'LB006',
        /below its floor/,
      );
    });

    it('accepts a withdrawal down to the floor exactly', async () => {
      const member = await ctx.savingsAccount(coop.id, '2-1-0002');
      await ctx.run((tx) => ctx.posting.post(tx, coop.id, ctx.transfer(vault, member, '40.00')));
      await insertRaw({
        lines: [
          { account: member, amount: '40.00' },
          { account: vault, amount: '-40.00' },
        ],
      });
      expect(await ctx.balanceOf(coop.id, member)).toBe('0.00');
    });
  });

  describe('as the application role, the chart', () => {
    it('refuses a posting to a heading: headings have no currency to match', async () => {
      const heading = await ctx.accountId(coop.id, '1-11');
      const error = await insertRaw({
        lines: [
          { account: heading, amount: '1.00' },
          { account: equity, amount: '-1.00' },
        ],
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: '23503' });
      expect((error as { constraint?: string }).constraint).toMatch(/^posting_.*currency/);
    });
  });

  describe('append-only', () => {
    const tables = ['journal_entry', 'posting', 'audit_log'] as const;
    const changes = (table: string): string[] => [
      `UPDATE ${table} SET cooperative_id = cooperative_id`,
      `DELETE FROM ${table}`,
    ];

    it.each(tables)(
      'refuses UPDATE, DELETE and TRUNCATE on %s to the application role',
      async (table) => {
        for (const sql of [...changes(table), `TRUNCATE ${table} CASCADE`]) {
          await expect(ctx.app((c) => c.query(sql))).rejects.toMatchObject({ code: '42501' });
        }
      },
    );

    it.each(tables)('refuses UPDATE and DELETE on %s even to the owner (LB003)', async (table) => {
      for (const sql of changes(table)) {
        await expect(ctx.owner((c) => c.query(sql))).rejects.toMatchObject({
          code: 'LB003',
          message: expect.stringMatching(/append-only/),
        });
      }
    });

    it('refuses TRUNCATE of entries and postings even to the owner (LB003)', async () => {
      for (const sql of [
        'TRUNCATE posting',
        'TRUNCATE journal_entry, posting',
        'TRUNCATE journal_entry CASCADE',
        'TRUNCATE audit_log',
      ]) {
        await expect(ctx.owner((c) => c.query(sql))).rejects.toMatchObject({ code: 'LB003' });
      }
      const { entries, postings } = await counts();
      expect(Number(entries)).toBeGreaterThan(0);
      expect(Number(postings)).toBeGreaterThan(0);
    });
  });

  describe('the application role cannot lift the guards', () => {
    it.each([
      ['disable the triggers', 'ALTER TABLE posting DISABLE TRIGGER ALL'],
      [
        'disable one trigger',
        'ALTER TABLE journal_entry DISABLE TRIGGER journal_entry_append_only',
      ],
      ['drop a trigger', 'DROP TRIGGER posting_checks ON posting'],
      ['become the owner', `SET ROLE ${ownerRole}`],
      ['take a table over', 'ALTER TABLE posting OWNER TO CURRENT_USER'],
      ['create a table in public', 'CREATE TABLE public.shadow_posting (id int)'],
      ['skip triggers as a replica', 'SET session_replication_role = replica'],
      [
        'replace a trigger function',
        `CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
      ],
    ])('cannot %s', async (_what, sql) => {
      await expect(ctx.app((c) => c.query(sql))).rejects.toMatchObject({ code: '42501' });
    });

    it('cannot lower a floor: floors change only through migrations', async () => {
      await expect(
        ctx.app((c) =>
          c.query(
            `UPDATE ledger_balance SET floor = NULL WHERE cooperative_id = $1 AND account_id = $2`,
            [coop.id, savings],
          ),
        ),
      ).rejects.toMatchObject({ code: '42501' });
    });

    it('cannot move a business date backwards (LB009)', async () => {
      await expect(
        ctx.app((c) =>
          c.query(`UPDATE cooperative SET business_date = business_date - 1 WHERE id = $1`, [
            coop.id,
          ]),
        ),
      ).rejects.toMatchObject({ code: 'LB009' });
    });

    it('cannot commit a stored balance that no posting backs (LB006, at commit)', async () => {
      const before = await ctx.balanceOf(coop.id, savings);
      for (const change of [
        'balance = balance - 1000',
        'balance = balance - 1000, version = version + 1',
      ]) {
        const error = await ctx
          .app((c) =>
            inTransaction(c, () =>
              c.query(
                `UPDATE ledger_balance SET ${change} WHERE cooperative_id = $1 AND account_id = $2`,
                [coop.id, savings],
              ),
            ),
          )
          .catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'LB006' });
        expect((error as Error).message).toMatch(/is not the balance after its postings/);
      }
      expect(await ctx.balanceOf(coop.id, savings)).toBe(before);
    });

    it('is neither superuser nor a member of the owner role, and owns no table', async () => {
      const facts = await ctx.app(async (c) => {
        const { rows } = await c.query(
          `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
                  pg_has_role(current_user, $1, 'MEMBER') AS owner_member,
                  (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public'
                      AND pg_has_role(current_user, tableowner, 'MEMBER')) AS owned_tables
             FROM pg_roles r WHERE r.rolname = current_user`,
          [ownerRole],
        );
        return rows[0];
      });
      expect(facts).toEqual({
        rolsuper: false,
        rolcreaterole: false,
        rolcreatedb: false,
        rolbypassrls: false,
        owner_member: false,
        owned_tables: 0,
      });
    });
  });
});
