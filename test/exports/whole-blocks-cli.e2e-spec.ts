import { addDays, type BusinessDate, Money } from '@lumbung/core';
import { JournalSealingService } from '@lumbung/ledger';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerApp } from '../../apps/cli/src/ledger-app';
import { buildCliOnce, type CliResult, runBuiltCli } from '../cli/cli-process';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

/**
 * `export ledger --whole-blocks` and `verify-chain --export FILE --head H` as an auditor runs
 * them: the built CLI in its own process, the check with no database in its environment.
 */
describe('lumbung export ledger --whole-blocks, verify-chain --export', () => {
  let db: TestDatabase;
  let dir: string;
  let today: BusinessDate;
  let kept: string;
  let file: string;
  const blocksOf: Record<string, string[]> = {};

  const cli = (args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> =>
    runBuiltCli(db, args, { env });
  /** No database at all: the offline check must not need one. */
  const offline = { DATABASE_URL: '', DATABASE_OWNER_URL: '' };
  const records = (text: string) =>
    text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));

  /** Posts one entry per amount with that value date, then seals until every entry is in a block. */
  async function postAndSeal(ledger: LedgerApp, valueDate: BusinessDate, amounts: string[]) {
    const kupang = await ledger.read((tx) => ledger.cooperativeByCode(tx, 'KSP-KUPANG'));
    const [vault, equity] = await ledger.read(async (tx) => [
      await ledger.charts.accountByCode(tx, kupang.id, '1-1101'),
      await ledger.charts.accountByCode(tx, kupang.id, '3-3901'),
    ]);
    for (const amount of amounts) {
      await ledger.write((tx) =>
        ledger.posting.post(tx, kupang.id, {
          description: `Setoran ${valueDate} ${amount}`,
          source: { type: 'test' },
          valueDate,
          postings: [
            { accountId: vault.id, amount: Money.parse(amount, 'IDR') },
            { accountId: equity.id, amount: Money.parse(amount, 'IDR').negated() },
          ],
        }),
      );
    }
    const sealing = ledger.context.get(JournalSealingService);
    const deadline = Date.now() + 60_000;
    for (;;) {
      await sealing.sealCooperative(kupang.id);
      const rows = await ledger.read((tx) =>
        tx.query<{ block: string | null }>(
          `SELECT s.block_sequence::text AS block FROM journal_entry e
             LEFT JOIN journal_block_entry s
               ON s.cooperative_id = e.cooperative_id AND s.entry_id = e.id
            WHERE e.cooperative_id = $1 AND e.value_date = $2`,
          [kupang.id, valueDate],
        ),
      );
      if (rows.every((r) => r.block !== null)) {
        blocksOf[valueDate] = [...new Set(rows.map((r) => r.block!))];
        return;
      }
      if (Date.now() > deadline) throw new Error('entries still unsealed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lumbung-whole-blocks-'));
    db = await createTestDatabase();
    await buildCliOnce();
    expect((await cli(['seed'])).code).toBe(0);
    const ledger = await LedgerApp.open(db.appUrl, 'silent');
    try {
      const kupang = await ledger.read((tx) => ledger.cooperativeByCode(tx, 'KSP-KUPANG'));
      today = kupang.businessDate as BusinessDate;
      // Three days in three sealing runs: the middle day's blocks lie between the others'.
      await postAndSeal(ledger, today, ['50000000.00']);
      await postAndSeal(ledger, addDays(today, -1), ['12500000.50', '750000.25']);
      await postAndSeal(ledger, today, ['1000000.00']);
    } finally {
      await ledger.close();
    }
    file = join(dir, 'middle.jsonl');
    const day = addDays(today, -1);
    const exported = await cli([
      'export',
      'ledger',
      '--cooperative',
      'KSP-KUPANG',
      '--from',
      day,
      '--to',
      day,
      '--format',
      'jsonl',
      '--whole-blocks',
      '--out',
      file,
    ]);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(exported.stdout).toContain(`wrote ${file} (jsonl, whole blocks, value dates ${day}`);
    const head = await cli(['chain-head', '--cooperative', 'KSP-KUPANG']);
    expect(head.code).toBe(0);
    kept = head.stdout.split('\n')[0];
  }, 240_000);

  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('carries the middle day whole, in its own blocks, and the blocks after it by their hashes', async () => {
    const lines = records(await readFile(file, 'utf8'));
    const middle = blocksOf[addDays(today, -1)];
    const [header] = lines;
    expect(header.wholeBlocks).toMatchObject({
      firstBlock: middle[0],
      lastBlock: middle.at(-1),
      throughBlock: kept.split(':')[0],
    });
    expect(Number(header.wholeBlocks.firstBlock)).toBeGreaterThan(1);
    const postings = lines.filter((r) => r.record === 'posting');
    expect(postings.filter((p) => p.inRange).map((p) => p.debit ?? `-${p.credit}`)).toEqual(
      expect.arrayContaining(['12500000.50', '-12500000.50', '750000.25', '-750000.25']),
    );
    expect(postings.every((p) => Object.keys(p.columns).length === 19)).toBe(true);
    const carried = lines.filter((r) => r.record === 'block' && r.entryHashes);
    expect(carried.at(-1)).toMatchObject({
      sequence: kept.split(':')[0],
      hash: kept.split(':')[1],
    });
    expect(lines.at(-1)).toMatchObject({ record: 'end', postings: postings.length });
  });

  it('verifies the file offline against the kept head', async () => {
    const result = await cli(['verify-chain', '--export', file, '--head', kept], offline);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^OK: every block recomputes/);
    expect(result.stdout).toContain(`Kept head ${kept}: reached`);
  });

  it('names the block and entry of a tampered amount, and exits 1', async () => {
    const tampered = join(dir, 'tampered.jsonl');
    await copyFile(file, tampered);
    const lines = (await readFile(tampered, 'utf8')).split('\n');
    const at = lines.findIndex(
      (l) => l.includes('"record":"posting"') && l.includes('12500000.50'),
    );
    const posting = JSON.parse(lines[at]);
    posting.columns.amount = posting.columns.amount.replace('12500000.50', '12500001.50');
    posting[posting.debit ? 'debit' : 'credit'] = '12500001.50';
    lines[at] = JSON.stringify(posting);
    await writeFile(tampered, lines.join('\n'));
    const entryLine =
      lines.findIndex(
        (l) =>
          l.includes('"record":"entry"') &&
          l.includes(`"entrySequence":"${posting.entrySequence}"`),
      ) + 1;
    const result = await cli(['verify-chain', '--export', tampered, '--head', kept], offline);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `First mismatch: line ${entryLine}, block ${posting.block}, entry ${posting.entryId} (sequence ${posting.entrySequence})\n` +
        `  entry-altered: block ${posting.block}, entry ${posting.entryId} (sequence ${posting.entrySequence}): the entry or its postings differ from what was sealed`,
    );
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^FAILED: \d+ finding\(s\)$/);
    const json = await cli(
      ['verify-chain', '--export', tampered, '--head', kept, '--json'],
      offline,
    );
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      firstFinding: { kind: 'entry-altered', blockSequence: posting.block },
    });
  });

  it('refuses bad input with a clear message and exit code 1', async () => {
    const badHead = await cli(['verify-chain', '--export', file, '--head', 'latest'], offline);
    expect(badHead).toMatchObject({ code: 1, stdout: '' });
    expect(badHead.stderr).toContain(
      '--head must be <block sequence>:<64 hex digits>, got "latest"',
    );
    const noHead = await cli(['verify-chain', '--export', file], offline);
    expect(noHead.stderr).toContain('--head is required');

    const csv = join(dir, 'plain.csv');
    const day = addDays(today, -1);
    const range = ['--cooperative', 'KSP-KUPANG', '--from', day, '--to', day];
    expect((await cli(['export', 'ledger', ...range, '--format', 'csv', '--out', csv])).code).toBe(
      0,
    );
    const notWhole = await cli(['verify-chain', '--export', csv, '--head', kept], offline);
    expect(notWhole).toMatchObject({ code: 1, stdout: '' });
    expect(notWhole.stderr).toContain(
      `${csv}: its first line is not JSON: not a whole-blocks export`,
    );
    const plain = join(dir, 'plain.jsonl');
    expect(
      (await cli(['export', 'ledger', ...range, '--format', 'jsonl', '--out', plain])).code,
    ).toBe(0);
    expect(
      (await cli(['verify-chain', '--export', plain, '--head', kept], offline)).stderr,
    ).toContain('its export record names no whole blocks: not a whole-blocks export');
    const missing = await cli(
      ['verify-chain', '--export', join(dir, 'none.jsonl'), '--head', kept],
      offline,
    );
    expect(missing.stderr).toMatch(/cannot read .*none\.jsonl: /);

    const refused = await cli([
      'export',
      'ledger',
      ...range,
      '--format',
      'csv',
      '--whole-blocks',
      '--out',
      csv + '2',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--whole-blocks is only available with format jsonl');
  });
});
