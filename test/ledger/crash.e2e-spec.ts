import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { uuidv7 } from '@lumbung/core';
import type { Cooperative } from '@lumbung/ledger';
import { Client } from 'pg';
import { postEntries } from '../../libs/ledger/src/infrastructure/posting-store';
import { ledgerViolations, noViolations } from '../support/invariants';
import { LedgerContext } from '../support/ledger-context';
import { withAdmin } from '../support/postgres';

/**
 * A call of coalesced requests is one statement: whatever dies mid-call (the process that made
 * it, or its server backend), the call's entries are all there or none of them are.
 */
describe('a crash in the middle of a call', () => {
  let ctx: LedgerContext;
  let coop: Cooperative;
  let vault: string;
  let members: string[];

  beforeAll(async () => {
    ctx = await LedgerContext.start();
    coop = await ctx.cooperative('KSP-CRASH');
    vault = await ctx.accountId(coop.id, '1-1101');
    members = [];
    for (let i = 1; i <= 40; i++)
      members.push(await ctx.savingsAccount(coop.id, `2-1-${String(i).padStart(4, '0')}`));
  });

  afterAll(async () => {
    await ctx.owner(async (owner) =>
      expect(await ledgerViolations(owner, coop.id)).toEqual(noViolations),
    );
    await ctx.close();
  });

  /** The exact statement the writer sends for 40 deposits, captured from the real code. */
  async function callOf(source: string): Promise<{ sql: string; params: unknown[] }> {
    let captured!: { sql: string; params: unknown[] };
    const drafts = members.map((member) => ({
      id: uuidv7(),
      draft: ctx.transfer(vault, member, '10.00', { source: { type: 'test', id: source } }),
    }));
    await postEntries(
      async <T>(sql: string, params: readonly unknown[] = []) => {
        captured = { sql, params: [...params] };
        return [] as T[];
      },
      coop.id,
      drafts,
      false,
    );
    return captured;
  }

  /** The call in a child process, once it has sent it; `exited` settles when the child ends. */
  function startChild(call: {
    sql: string;
    params: unknown[];
  }): Promise<{ child: ChildProcessWithoutNullStreams; exited: Promise<unknown> }> {
    const child = spawn(process.execPath, [join(__dirname, '../support/sql-child.js')], {
      cwd: join(__dirname, '../..'),
    });
    // Listening from the start: on a loaded machine the child can end before a later listener.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end(JSON.stringify({ url: ctx.db.appUrl, ...call }));
    return new Promise((resolve, reject) => {
      child.stdout.once('data', () => resolve({ child, exited }));
      child.once('error', reject);
    });
  }

  const entriesOf = (source: string): Promise<number> =>
    ctx.owner(async (o) =>
      Number(
        (await o.query(`SELECT count(*) AS n FROM journal_entry WHERE source_id = $1`, [source]))
          .rows[0].n,
      ),
    );

  /** Holds one of the call's balance rows, so the call is caught mid-way, after taking locks. */
  async function holdingLastMember<T>(work: (blocker: Client) => Promise<T>): Promise<T> {
    const blocker = new Client({ connectionString: ctx.db.ownerUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(`SELECT 1 FROM ledger_balance WHERE account_id = $1 FOR UPDATE`, [
      members[members.length - 1],
    ]);
    try {
      return await work(blocker);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
  }

  /** Polls on one connection until a deadline, not a count: connecting is slow on a loaded machine. */
  async function waitForCallToBlock(): Promise<number> {
    // Other roles' sessions are visible, and stoppable, to the cluster's superuser only.
    return withAdmin(async (admin) => {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const { rows } = await admin.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = $1
              AND query LIKE '%ledger_post_entries%' AND wait_event_type = 'Lock'`,
          [ctx.db.name],
        );
        if (rows[0]) return rows[0].pid as number;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the call never blocked');
    });
  }

  it('leaves none of the call when its server backend dies mid-call', async () => {
    const call = await callOf('crash-backend');
    await holdingLastMember(async () => {
      const { exited } = await startChild(call);
      const pid = await waitForCallToBlock();
      await withAdmin((admin) => admin.query('SELECT pg_terminate_backend($1)', [pid]));
      await exited;
    });
    expect(await entriesOf('crash-backend')).toBe(0);
  }, 120_000);

  it('leaves all of the call or none when the process that made it is killed mid-call', async () => {
    const call = await callOf('crash-client');
    await holdingLastMember(async () => {
      const { child, exited } = await startChild(call);
      await waitForCallToBlock();
      child.kill('SIGKILL');
      await exited;
    });
    // The orphaned backend finishes (or is stopped) once the lock is released; wait for it.
    await withAdmin(async (admin) => {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const { rows } = await admin.query(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1
              AND query LIKE 'SELECT outcome%ledger_post_entries%' AND state = 'active'`,
          [ctx.db.name],
        );
        if (Number(rows[0].n) === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    expect([0, members.length]).toContain(await entriesOf('crash-client'));
  }, 120_000);
});
