import { Money } from '@lumbung/core';
import { JournalSealingService } from '@lumbung/ledger';
import { Client } from 'pg';
import { LedgerApp } from '../../apps/cli/src/ledger-app';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { buildCliOnce, type CliResult, runBuiltCli } from './cli-process';

/** verify-chain and chain-head as an auditor runs them: the built CLI in its own process. */
describe('lumbung verify-chain and chain-head', () => {
  let db: TestDatabase;
  let kupang: string;

  const cli = (args: string[]): Promise<CliResult> => runBuiltCli(db, args);

  async function owner<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: db.ownerUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  /** Posts a few entries at KSP-KUPANG and seals until the horizon has passed them. */
  async function postAndSeal(amounts: string[]): Promise<void> {
    const ledger = await LedgerApp.open(db.appUrl, 'silent');
    try {
      const cooperative = await ledger.read((tx) => ledger.cooperativeByCode(tx, 'KSP-KUPANG'));
      kupang = cooperative.id;
      const [vault, equity] = await ledger.read((tx) =>
        Promise.all(
          ['1-1101', '3-3901'].map((code) => ledger.charts.accountByCode(tx, kupang, code)),
        ),
      );
      for (const amount of amounts) {
        await ledger.write((tx) =>
          ledger.posting.post(tx, kupang, {
            description: `setoran ${amount}`,
            source: { type: 'test' },
            postings: [
              { accountId: vault.id, amount: Money.parse(amount, 'IDR') },
              { accountId: equity.id, amount: Money.parse(amount, 'IDR').negated() },
            ],
          }),
        );
      }
      const sealing = ledger.context.get(JournalSealingService);
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        await sealing.sealCooperative(kupang);
        const [left] = await ledger.read((tx) =>
          tx.query<{ n: string }>(
            `SELECT count(*)::text AS n FROM journal_entry e WHERE e.cooperative_id = $1
                AND NOT EXISTS (SELECT 1 FROM journal_block_entry s
                                 WHERE s.cooperative_id = e.cooperative_id AND s.entry_id = e.id)`,
            [kupang],
          ),
        );
        if (left.n === '0') return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('entries still unsealed');
    } finally {
      await ledger.close();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await buildCliOnce();
    expect((await cli(['seed'])).code).toBe(0);
  }, 240_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('says when nothing is sealed yet, and exits 1', async () => {
    expect(await cli(['chain-head', '--cooperative', 'KSP-MAKASSAR'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'lumbung chain-head: KSP-MAKASSAR has no sealed block yet: the worker seals the journal every few seconds\n',
    });
  });

  describe('with sealed books', () => {
    let kept: string;

    beforeAll(async () => {
      await postAndSeal(['150000.00', '27500.50']);
      const head = await cli(['chain-head', '--cooperative', 'ksp-kupang']);
      expect(head.code).toBe(0);
      kept = head.stdout.split('\n')[0];
      await postAndSeal(['1000.00']);
    });

    it('prints the head as sequence:hash on the first line', async () => {
      expect(kept).toMatch(/^1:[0-9a-f]{64}$/);
      const now = await cli(['chain-head', '--cooperative', 'KSP-KUPANG']);
      const lines = now.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^2:[0-9a-f]{64}$/);
      expect(lines[1]).toMatch(
        /^KSP-KUPANG: block 2:[0-9a-f]{64} \(sealed \d{4}-.*Z, horizon \d+, entries up to sequence 3\)$/,
      );
      expect(lines[2]).toBe(
        `Keep the first line; later: lumbung verify-chain --cooperative KSP-KUPANG --head ${lines[0]}`,
      );
    });

    it('verifies untouched books and the kept head, and exits 0', async () => {
      const result = await cli(['verify-chain', '--cooperative', 'KSP-KUPANG', '--head', kept]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('Chain of KSP-KUPANG: 2 block(s), 3 sealed entries, canonical form v1');
      expect(lines).toContain(
        `Kept head ${kept}: included (block 1 still has the kept hash and the journal extends it)`,
      );
      expect(lines.at(-1)).toMatch(/^OK: every block recomputes/);
    });

    it('exits 1 on a tampered journal, naming the first bad block and entry', async () => {
      const [victim] = await owner(async (o) => {
        await o.query(`ALTER TABLE posting DISABLE TRIGGER USER`);
        try {
          const { rows } = await o.query<{ entry_id: string }>(
            `UPDATE posting SET amount = amount - 1 WHERE cooperative_id = $1 AND amount = '27500.50'
              RETURNING entry_id`,
            [kupang],
          );
          return rows.map((r) => r.entry_id);
        } finally {
          await o.query(`ALTER TABLE posting ENABLE TRIGGER USER`);
        }
      });
      const text = await cli(['verify-chain', '--cooperative', 'KSP-KUPANG', '--head', kept]);
      expect(text.code).toBe(1);
      const lines = text.stdout.trimEnd().split('\n');
      expect(lines).toContain('First bad block: 1');
      expect(lines).toContain(`First bad entry: ${victim} at entry sequence 2 in block 1`);
      expect(lines).toContain(
        `  entry-altered: block 1, entry ${victim} (sequence 2): the entry or its postings differ from what was sealed`,
      );
      expect(lines.at(-1)).toBe('FAILED: 3 finding(s)');

      const json = await cli(['verify-chain', '--cooperative', 'KSP-KUPANG', '--json']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        cooperative: 'KSP-KUPANG',
        ok: false,
        firstBadBlock: '1',
        firstBadEntry: { entryId: victim, entrySequence: '2', blockSequence: '1' },
        findingCount: 2,
      });
    });
  });

  it('refuses a malformed head and an unknown cooperative, exiting 1', async () => {
    const head = await cli(['verify-chain', '--cooperative', 'KSP-KUPANG', '--head', 'latest']);
    expect(head.code).toBe(1);
    expect(head.stderr).toBe(
      'lumbung verify-chain: --head must be <block sequence>:<64 hex digits>, got "latest" (see: lumbung verify-chain --help)\n',
    );
    const unknown = await cli(['verify-chain', '--cooperative', 'KSP-ENDE']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^lumbung verify-chain: no cooperative with code KSP-ENDE/);
  });
});
